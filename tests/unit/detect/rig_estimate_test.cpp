// estimate_rigs: whole multiples of a rated power are recognised, small home blocks prefer the S9 and GPU
// rigs, large farms are counted in S19s, and a block below half a rig is no rig.
#include "minewatch/detect/rig_estimate.h"

#include <gtest/gtest.h>

#include <cmath>

namespace minewatch {
namespace {

TEST(RigEstimateTest, RecognisesWholeMultiples) {
  const auto s9 = estimate_rigs(5.0f * 1.323f);
  EXPECT_EQ(s9.model.name, "Antminer S9");
  EXPECT_EQ(s9.count, 5);
  const auto gpu = estimate_rigs(3.0f * 1.2f * 1.005f);
  EXPECT_EQ(gpu.model.name, "GPU rig 6x");
  EXPECT_EQ(gpu.count, 3);
  const auto s21 = estimate_rigs(2 * 3.5f);
  EXPECT_FLOAT_EQ(static_cast<float>(s21.count) * s21.model.rated_kw, 7.0f);
}

TEST(RigEstimateTest, LargeFarmsAreModernAsics) {
  const auto farm = estimate_rigs(325.0f);
  EXPECT_EQ(farm.model.name, "Antminer S19");
  EXPECT_EQ(farm.count, 100);
}

TEST(RigEstimateTest, NoRigBelowHalfARig) {
  EXPECT_EQ(estimate_rigs(0.4f).count, 0);
  EXPECT_EQ(estimate_rigs(NAN).count, 0);
  EXPECT_EQ(estimate_rigs(0.7f).count, 1);
}

}  // namespace
}  // namespace minewatch
