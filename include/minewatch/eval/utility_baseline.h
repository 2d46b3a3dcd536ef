// eval layer: the baseline every figure is shown beside — "what utilities use today": a meter whose load is
// flat (load factor at least 0.8) and not small (mean power at least 1 kW) is flagged. Utilities' first
// mining screens are rules of this kind; the constants are the ones the evaluation fixes, not tuned on data.
#pragma once

#include "minewatch/detect/mining_features.h"

namespace minewatch {

inline constexpr double kBaselineMinLoadFactor = 0.8;  // flat: the mean is at least 80 % of the peak
inline constexpr double kBaselineMinMeanKw = 1.0;  // below 1 kW even a flat load is not a rig worth a visit

struct BaselineVerdict {
  bool flagged = false;
  // For ranking: flagged meters 0.5 + 0.5 * load factor (0.9..1), the others 0.5 * load factor *
  // min(1, mean kW / 1 kW) (< 0.5), so a score >= 0.5 is exactly the flag. NaN features give 0.
  double score = 0;
};

BaselineVerdict utility_baseline(const MiningFeatures& features);

}  // namespace minewatch
