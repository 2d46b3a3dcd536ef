// Reliability bins, Brier score and expected calibration error on a hand-made set.
#include "minewatch/eval/calibration.h"

#include <gtest/gtest.h>

#include <cmath>

namespace minewatch {
namespace {

TEST(EvalCalibration, BinsBrierAndEce) {
  // Bin 0: 0.0 (-), 0.05 (+); bin 5: 0.5 (+); bin 9: 0.9 (+), 1.0 (-): 1.0 falls in the last bin.
  const std::vector<ScoredLabel> items{{0.0, false}, {0.05, true}, {0.5, true}, {0.9, true}, {1.0, false}};
  const Calibration c = calibration(items);
  ASSERT_EQ(c.bins.size(), 10u);
  EXPECT_DOUBLE_EQ(c.bins[0].lower, 0.0);
  EXPECT_DOUBLE_EQ(c.bins[0].upper, 0.1);
  EXPECT_DOUBLE_EQ(c.bins[9].upper, 1.0);
  EXPECT_EQ(c.bins[0].count, 2u);
  EXPECT_DOUBLE_EQ(c.bins[0].mean_score, 0.025);
  EXPECT_DOUBLE_EQ(c.bins[0].positive_rate, 0.5);
  EXPECT_EQ(c.bins[5].count, 1u);
  EXPECT_DOUBLE_EQ(c.bins[5].positive_rate, 1.0);
  EXPECT_EQ(c.bins[9].count, 2u);
  EXPECT_DOUBLE_EQ(c.bins[9].mean_score, 0.95);
  EXPECT_DOUBLE_EQ(c.bins[9].positive_rate, 0.5);
  EXPECT_EQ(c.bins[3].count, 0u);
  EXPECT_TRUE(std::isnan(c.bins[3].mean_score));
  EXPECT_TRUE(std::isnan(c.bins[3].positive_rate));
  // Brier: (0 + 0.95^2 + 0.5^2 + 0.1^2 + 1) / 5.
  EXPECT_NEAR(c.brier, (0.9025 + 0.25 + 0.01 + 1.0) / 5.0, 1e-12);
  // ECE: 2/5 * |0.025 - 0.5| + 1/5 * |0.5 - 1| + 2/5 * |0.95 - 0.5|.
  EXPECT_NEAR(c.ece, 0.4 * 0.475 + 0.2 * 0.5 + 0.4 * 0.45, 1e-12);
}

TEST(EvalCalibration, EmptyInputHasNoFigures) {
  const Calibration c = calibration({});
  EXPECT_EQ(c.bins.size(), 10u);
  EXPECT_TRUE(std::isnan(c.brier));
  EXPECT_TRUE(std::isnan(c.ece));
}

}  // namespace
}  // namespace minewatch
