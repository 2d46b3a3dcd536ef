// io layer: the ground truth of unaccounted energy on transformers, as `minewatch simulate` writes it:
// truth_transformers.csv (a tap before the meters: how much, since when) and, per meter, the energy a theft
// kept off the meter (truth.csv's transformer_id and hidden_kwh). `minewatch eval balance` reads both.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/core/timestamp.h"

namespace minewatch {

struct TransformerTruth {
  std::string transformer_id;
  double tap_kwh = NAN;        // the tap's energy in the window; NaN when the file has no tap_kwh column
  double tap_kwh_per_day = 0;  // its mean over the days it ran (0: no tap, or none in the window)
  std::int64_t tap_start = kNoDay;
  std::string tap_kind;  // mining, heater or blank
  double loss_fraction = NAN;
  std::uint64_t line = 0;

  bool tapped() const { return tap_kwh_per_day > 0; }  // a tap that drew energy in the window
};

struct HiddenEnergyTruth {
  std::string meter_id;
  std::string transformer_id;
  double hidden_kwh = 0;  // energy its premises drew that the meter did not report
};

// truth_transformers.csv: transformer_id and tap_kwh_per_day are required, the others optional. Throws
// InputError naming file, line and field (missing column or field, empty or duplicate id, bad number or
// date).
std::vector<TransformerTruth> load_transformer_truth(const std::string& path);

// The meters of truth.csv with hidden_kwh > 0 (meter_id, transformer_id and hidden_kwh are required).
std::vector<HiddenEnergyTruth> load_hidden_energy_truth(const std::string& path);

}  // namespace minewatch
