// Network evidence moves a meter's mining probability by its likelihood ratio: agreement lifts a meter below
// the threshold over it, a quiet subscriber lowers it, an unseen one leaves it alone.
#include "minewatch/cases/net_fusion.h"

#include <gtest/gtest.h>

namespace minewatch {
namespace {

TEST(NetFusion, LevelsAndOdds) {
  const NetFusionConfig config;
  EXPECT_EQ(net_likelihood_ratio(-1, config), 1);
  EXPECT_EQ(net_likelihood_ratio(0, config), config.quiet_ratio);
  EXPECT_EQ(net_likelihood_ratio(0.25, config), config.pattern_ratio);
  EXPECT_EQ(net_likelihood_ratio(0.6, config), config.pool_ratio);
  EXPECT_EQ(net_likelihood_ratio(0.9, config), config.protocol_ratio);

  EXPECT_EQ(fuse_mining_with_net(0.3, -1, config), 0.3);  // not seen: the meter alone
  // Odds 0.3/0.7 x 8 = 3.43 -> 0.774: a flat-but-unsure meter and a pool connection make a case.
  EXPECT_NEAR(fuse_mining_with_net(0.3, 0.6, config), (0.3 / 0.7 * 8) / (1 + 0.3 / 0.7 * 8), 1e-12);
  EXPECT_GT(fuse_mining_with_net(0.3, 0.6, config), 0.5);
  EXPECT_LT(fuse_mining_with_net(0.6, 0, config), 0.6);  // seen, no mining traffic
  // A household with no sign of mining in its energy stays far below the threshold whatever its traffic says.
  EXPECT_LT(fuse_mining_with_net(0.01, 0.9, config), 0.5);
  // Certainty from the meter is kept off 1 so the odds stay finite.
  EXPECT_LT(fuse_mining_with_net(1.0, 0, config), 1.0);
  EXPECT_GT(fuse_mining_with_net(0.0, 1.0, config), 0.0);
}

}  // namespace
}  // namespace minewatch
