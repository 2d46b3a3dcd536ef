// detect layer: the named feature vector the learned mining model reads, built from the explainable
// features, the day-series profile and what peers and the registry say. Names are part of the model file's
// contract: a model lists the names it was trained on, and scoring maps them by name.
#pragma once

#include <cmath>
#include <span>
#include <string_view>

#include "minewatch/detect/mining_features.h"
#include "minewatch/detect/mining_profile.h"

namespace minewatch {

// What the meter's neighbours and its registry entry say.
struct MiningContext {
  float peer_mean_kw = NAN;   // median mean power of meters of the same tariff and region
  float peer_night_kw = NAN;  // median night low of the same meters
  float contract_kw = NAN;    // the connection's contracted power
  float tariff = NAN;         // 0 household, 1 business, 2 industrial; NaN unknown
};

// Tariff names of meters.csv as the model's numeric code.
float tariff_code(std::string_view tariff);

std::span<const std::string_view> mining_model_feature_names();

// Writes mining_model_feature_names().size() values (NaN = missing) to out.
void fill_mining_model_features(const MiningFeatures& features, const MiningProfile& profile,
                                const MiningContext& context, std::span<float> out);

}  // namespace minewatch
