// find_level_segments: a switch-on step is found on its day, single-day dips and noise do not split a level,
// a ramp of small steps is not a rig, missing days keep their indices.
#include "minewatch/detect/change_points.h"

#include <gtest/gtest.h>

#include <vector>

#include "unit/detect/mining_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::wobble;

std::vector<float> noisy_levels(std::size_t days, const std::vector<std::pair<std::size_t, float>>& steps) {
  std::vector<float> v(days);
  for (std::size_t d = 0; d < days; ++d) {
    float level = 0.2f;
    for (const auto& [day, kw] : steps)
      if (d >= day) level = kw;
    v[d] = level + wobble(static_cast<std::int64_t>(d), 3, 0.04f);
  }
  return v;
}

TEST(ChangePointsTest, FindsTheDayRigsWereSwitchedOn) {
  const auto v = noisy_levels(90, {{37, 4.2f}});
  const auto segments = find_level_segments(v, ChangePointConfig{});
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[1].first, 37u);
  EXPECT_NEAR(segments[0].level, 0.2f, 0.05f);
  EXPECT_NEAR(segments[1].level, 4.2f, 0.05f);
  EXPECT_NEAR(segments[1].jump, 4.0f, 0.1f);
}

TEST(ChangePointsTest, FindsGrowthAndAStop) {
  const auto v = noisy_levels(120, {{20, 2.8f}, {50, 5.4f}, {100, 0.2f}});
  const auto segments = find_level_segments(v, ChangePointConfig{});
  ASSERT_EQ(segments.size(), 4u);
  EXPECT_EQ(segments[1].first, 20u);
  EXPECT_EQ(segments[2].first, 50u);
  EXPECT_EQ(segments[3].first, 100u);
  EXPECT_EQ(segments[3].last, 119u);
}

TEST(ChangePointsTest, IgnoresOutageDaysAndNoise) {
  auto v = noisy_levels(60, {{0, 6.0f}});
  v[10] = 0.1f;  // a tripped breaker
  v[41] = 0.0f;
  const auto segments = find_level_segments(v, ChangePointConfig{});
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_NEAR(segments[0].level, 6.0f, 0.05f);
}

TEST(ChangePointsTest, SmallStepsAreNotARig) {
  // A household whose night low creeps up by 0.05 kW a week (winter coming) stays one level.
  std::vector<float> v(84);
  for (std::size_t d = 0; d < v.size(); ++d) v[d] = 0.15f + 0.05f * static_cast<float>(d / 7);
  const auto segments = find_level_segments(v, ChangePointConfig{});
  EXPECT_LE(segments.size(), 2u);
  for (std::size_t i = 1; i < segments.size(); ++i) EXPECT_LT(segments[i].jump, 0.3f);
}

TEST(ChangePointsTest, MissingDaysKeepTheirIndices) {
  auto v = noisy_levels(40, {{20, 3.0f}});
  for (std::size_t d = 15; d < 20; ++d) v[d] = NAN;
  const auto segments = find_level_segments(v, ChangePointConfig{});
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_EQ(segments[0].last, 14u);
  EXPECT_EQ(segments[1].first, 20u);
  EXPECT_TRUE(find_level_segments(std::vector<float>(5, NAN), ChangePointConfig{}).empty());
}

TEST(ChangePointsTest, MedianOfPresentValues) {
  EXPECT_FLOAT_EQ(median_present(std::vector<float>{3, NAN, 1, 2}), 2.0f);
  EXPECT_FLOAT_EQ(median_present(std::vector<float>{4, 1, 2, 3}), 2.5f);
  EXPECT_TRUE(std::isnan(median_present(std::vector<float>{NAN})));
}

}  // namespace
}  // namespace minewatch
