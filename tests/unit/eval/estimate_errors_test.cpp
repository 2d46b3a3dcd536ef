// Medians and the kW and day error summaries, with "no estimate" kept apart.
#include "minewatch/eval/estimate_errors.h"

#include <gtest/gtest.h>

#include <cmath>

#include "minewatch/detect/mining_score.h"

namespace minewatch {
namespace {

TEST(EvalEstimateErrors, Median) {
  EXPECT_TRUE(std::isnan(median({})));
  EXPECT_DOUBLE_EQ(median({3}), 3);
  EXPECT_DOUBLE_EQ(median({5, 1, 3}), 3);
  EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
}

TEST(EvalEstimateErrors, KwErrors) {
  // APEs: 0.1 (edge: within), 0.5, 0.02; one without an estimate; one without a true power (left out).
  const std::vector<KwPair> pairs{{11, 10}, {15, 10}, {4.9, 5}, {NAN, 8}, {3, NAN}};
  const KwErrorSummary s = summarize_kw_errors(pairs);
  EXPECT_EQ(s.estimated, 3u);
  EXPECT_EQ(s.no_estimate, 1u);
  EXPECT_NEAR(s.median_ape, 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(s.share_within, 2.0 / 3.0);
  // A float estimate exactly 10 % off still counts as within.
  const std::vector<KwPair> edge{{static_cast<double>(1.1f), 1.0}};
  EXPECT_DOUBLE_EQ(summarize_kw_errors(edge).share_within, 1.0);
}

TEST(EvalEstimateErrors, KwErrorsWithoutEstimatesHaveNoFigures) {
  const std::vector<KwPair> pairs{{NAN, 8}};
  const KwErrorSummary s = summarize_kw_errors(pairs);
  EXPECT_EQ(s.estimated, 0u);
  EXPECT_EQ(s.no_estimate, 1u);
  EXPECT_TRUE(std::isnan(s.median_ape));
  EXPECT_TRUE(std::isnan(s.share_within));
}

TEST(EvalEstimateErrors, DayErrors) {
  // |errors|: 0, 2 (within), 3, 10; one without an estimate.
  const std::vector<DayPair> pairs{{100, 100}, {98, 100}, {103, 100}, {90, 100}, {kNoDay, 100}};
  const DayErrorSummary s = summarize_day_errors(pairs);
  EXPECT_EQ(s.eligible, 5u);
  EXPECT_EQ(s.estimated, 4u);
  EXPECT_EQ(s.no_estimate, 1u);
  EXPECT_DOUBLE_EQ(s.median_abs_days, 2.5);
  EXPECT_DOUBLE_EQ(s.share_within, 0.5);
}

}  // namespace
}  // namespace minewatch
