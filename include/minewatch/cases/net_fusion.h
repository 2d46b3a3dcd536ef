// cases layer: a subscriber's network evidence (net_score from `minewatch net scan`) combined with its
// meter's mining probability. The two signals are independent (one is energy, the other traffic), so they
// combine as likelihoods: posterior odds = the meter's odds x the likelihood ratio of the network's evidence
// level. Agreement lifts a meter below the mining threshold into a case; a subscriber the network sees mining
// nothing lowers it. docs/network.md gives the levels and decision 0015 the reasoning.
#pragma once

namespace minewatch {

struct NetFusionConfig {
  // P(evidence | miner) / P(evidence | not a miner) for each level of net_score (net/net_verdict.h).
  double protocol_ratio = 30;  // >= 0.8: a mining protocol's own messages
  double pool_ratio = 8;       // >= 0.5: a known pool endpoint, or nDPI alone
  double pattern_ratio = 1.5;  // >= 0.25: only the long-lived low-volume pattern (keepalives look alike)
  double quiet_ratio = 0.5;    // seen by the network, no mining evidence at all (VPNs hide some miners)
};

// The likelihood ratio of a net_score; 1 when the subscriber is not seen (net_score < 0).
double net_likelihood_ratio(double net_score, const NetFusionConfig& config);

// The meter's mining probability updated by the network's evidence; unchanged when net_score < 0.
double fuse_mining_with_net(double meter_probability, double net_score, const NetFusionConfig& config);

}  // namespace minewatch
