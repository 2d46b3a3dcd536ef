// detect layer: the first mining detector. Combines the explainable features into mining_score in [0,1]
// and says why in plain words. Thresholds are data (config/minewatch.toml, [mining] table); the defaults
// below are the documented ones (docs/detectors.md).
#pragma once

#include <string>

#include "minewatch/detect/mining_features.h"

namespace minewatch {

struct MiningScoreConfig {
  // Level: below min_kw nothing is a farm worth a visit; from full_kw on level no longer limits the score.
  // One Antminer S9 draws about 1.3 kW.
  float min_kw = 0.5f;
  float full_kw = 1.2f;
  // Flatness: load factor and base ratio from "household-like" (low) to "mining-like" (high).
  float load_factor_low = 0.55f;
  float load_factor_high = 0.90f;
  float base_ratio_low = 0.35f;
  float base_ratio_high = 0.85f;
  // The same for daily data, where peak and base are the 95th/5th percentiles of daily mean power: days vary
  // far less than hours, so a household's daily load factor is already 0.7-0.85.
  float daily_load_factor_low = 0.80f;
  float daily_load_factor_high = 0.95f;
  float daily_base_ratio_low = 0.65f;
  float daily_base_ratio_high = 0.92f;
  // Day-to-day change (median relative change between consecutive days): at most daily_change_low is steady,
  // from daily_change_high on it is not.
  float daily_change_low = 0.03f;
  float daily_change_high = 0.15f;
  // Rhythm ratios (night/day, weekday/weekend): within rhythm_tolerance of 1 is "none"; rhythm_limit or
  // beyond (either way) is a clear rhythm.
  float rhythm_tolerance = 1.15f;
  float rhythm_limit = 1.8f;
  // Days needed before a shape is trusted; fewer scale the score down.
  float min_complete_days = 7.0f;
  // Scores at or above this are "suspected mining" (estimated kW is reported for them).
  float suspect_threshold = 0.5f;
};

struct MiningAssessment {
  float score = 0;
  float estimated_kw = 0;  // the flat block's power when suspected, else 0
  std::string reason;
};

MiningAssessment assess_mining(const MiningFeatures& features, const MiningScoreConfig& config);

}  // namespace minewatch
