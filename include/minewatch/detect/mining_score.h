// detect layer: the first mining detector. Combines the explainable features into mining_score in [0,1]
// and says why in plain words. Thresholds are data (config/minewatch.toml, [mining] table); the defaults
// below are the documented ones (docs/detectors.md).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "minewatch/detect/mining_features.h"
#include "minewatch/detect/mining_model_input.h"
#include "minewatch/detect/mining_profile.h"

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
  float score = 0;         // probability that the meter feeds mining rigs (calibrated when a model is used)
  float rule_score = 0;    // the explainable rule score alone
  float estimated_kw = 0;  // the rigs' power when suspected, else 0
  int rig_count = 0;       // estimated_kw in rigs of rig_model (0 when not suspected)
  std::string rig_model;   // the ASIC model assumed for rig_count
  std::int64_t start_day = kNoDay;  // local day the rigs were switched on, when it is inside the data
  std::int64_t end_day = kNoDay;    // local day they were switched off, when they stopped
  float other_load_kw = NAN;        // the ordinary load the rigs sit on top of (mean kW), when separable
  std::string reason;
};

// The rule score alone, explained: features only, no day series (kept for data without one and as the
// explainable reference the learned model is compared with).
MiningAssessment assess_mining(const MiningFeatures& features, const MiningScoreConfig& config);

// What the meter is compared with in the reasons ("6x the median household meter in RU-IRK").
struct MiningPeers {
  std::string_view tariff;  // empty: all meters
  std::string_view region;  // empty: all regions
};

// The rule score alone, not yet explained; score = rule_score until a model replaces it.
MiningAssessment rule_assessment(const MiningFeatures& features, const MiningScoreConfig& config);

// Fills the estimates (rigs' kW, count and model, start and end day, the load beneath) and the reasons for
// the assessment's final score: the evidence for a suspect, the strongest counter-evidence otherwise.
void explain_mining(const MiningFeatures& features, const MiningProfile& profile,
                    const MiningContext& context, const MiningPeers& peers, const MiningScoreConfig& config,
                    MiningAssessment& assessment);

}  // namespace minewatch
