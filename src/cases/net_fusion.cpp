// cases layer: odds times a likelihood ratio per evidence level.
#include "minewatch/cases/net_fusion.h"

#include <algorithm>

namespace minewatch {

double net_likelihood_ratio(double net_score, const NetFusionConfig& config) {
  if (net_score < 0) return 1;
  if (net_score >= 0.8) return config.protocol_ratio;
  if (net_score >= 0.5) return config.pool_ratio;
  if (net_score >= 0.25) return config.pattern_ratio;
  return config.quiet_ratio;
}

double fuse_mining_with_net(double meter_probability, double net_score, const NetFusionConfig& config) {
  if (net_score < 0) return meter_probability;
  // Kept off 0 and 1: a calibrated model's certainty is never absolute, and odds must stay finite.
  const double p = std::clamp(meter_probability, 1e-4, 1 - 1e-4);
  const double odds = p / (1 - p) * net_likelihood_ratio(net_score, config);
  return odds / (1 + odds);
}

}  // namespace minewatch
