#include "minewatch/eval/utility_baseline.h"

#include <algorithm>
#include <cmath>

namespace minewatch {

BaselineVerdict utility_baseline(const MiningFeatures& features) {
  BaselineVerdict out;
  const double load_factor = features.load_factor;
  const double mean_kw = features.mean_kw;
  if (std::isnan(load_factor) || std::isnan(mean_kw)) return out;
  const double lf = std::clamp(load_factor, 0.0, 1.0);
  out.flagged = load_factor >= kBaselineMinLoadFactor && mean_kw >= kBaselineMinMeanKw;
  out.score = out.flagged ? 0.5 + 0.5 * lf : 0.5 * lf * std::clamp(mean_kw / kBaselineMinMeanKw, 0.0, 1.0);
  return out;
}

}  // namespace minewatch
