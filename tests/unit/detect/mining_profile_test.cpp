// profile_mining on day series: the block and the load beneath it, the switch-on and stop days (including
// an afternoon switch-on), night-only blocks, and the temperature regression.
#include "minewatch/detect/mining_profile.h"

#include <gtest/gtest.h>

#include <functional>

#include "minewatch/detect/mining_features.h"
#include "unit/detect/mining_test_support.h"

namespace minewatch {
namespace {

using namespace minewatch::testing;

// Feeds `days` hourly days from kMonday20250106 through the accumulator and returns the meter's series.
DailySeries series_of(int days, const std::function<float(std::int64_t, int)>& kw) {
  MiningFeatureAccumulator acc;
  acc.resize(1);
  for (int d = 0; d < days; ++d) {
    const std::int64_t day = kMonday20250106 + d;
    acc.on_day(0, hourly_day(day, [&](int h) { return kw(day, h); }));
  }
  return acc.take_series(0);
}

TEST(MiningProfileTest, BlockOnTopOfAHouseholdSinceASwitchOnDay) {
  const std::int64_t start = kMonday20250106 + 40;
  // Four S9s switched on at 14:00 on the start day, on top of a household.
  const auto series = series_of(90, [&](std::int64_t day, int h) {
    const bool on = day > start || (day == start && h >= 14);
    return household_kw(day, h) + (on ? 4 * 1.323f : 0.0f);
  });
  const MiningProfile p = profile_mining(series, {}, NAN, MiningProfileConfig{});
  EXPECT_EQ(p.start_day, start);
  EXPECT_EQ(p.end_day, kNoDay);
  EXPECT_NEAR(p.block_kw, 4 * 1.323f, 0.1f);
  EXPECT_NEAR(p.step_sharpness, 1.0f, 0.15f);
  EXPECT_GT(p.night_only_ratio, 0.8f);
  EXPECT_GT(p.other_load_kw, 0.5f);  // the household beneath: its mean is about 1.2 kW
  EXPECT_LT(p.other_load_kw, 2.0f);
}

TEST(MiningProfileTest, StopDay) {
  const std::int64_t stop = kMonday20250106 + 70;
  const auto series = series_of(90, [&](std::int64_t day, int h) {
    const bool on = day < stop || (day == stop && h < 15);
    return household_kw(day, h) + (on ? 6.5f : 0.0f);
  });
  const MiningProfile p = profile_mining(series, {}, NAN, MiningProfileConfig{});
  EXPECT_EQ(p.start_day, kNoDay);
  EXPECT_EQ(p.end_day, stop);
  EXPECT_NEAR(p.block_kw, 6.5f, 0.15f);
}

TEST(MiningProfileTest, NightOnlyBlock) {
  const auto series = series_of(
      60, [&](std::int64_t day, int h) { return household_kw(day, h) + ((h >= 23 || h < 7) ? 3.0f : 0.0f); });
  const MiningProfile p = profile_mining(series, {}, 0.3f, MiningProfileConfig{});
  EXPECT_LT(p.night_only_ratio, 0.3f);
  EXPECT_NEAR(p.block_kw, 3.0f, 0.2f);  // night low 3.3 minus the ordinary 0.3
}

TEST(MiningProfileTest, WithoutAnOffPeriodTheBlockIsAbovePeers) {
  const auto series = series_of(30, [&](std::int64_t day, int h) { return household_kw(day, h) + 2.646f; });
  const MiningProfile p = profile_mining(series, {}, 0.3f, MiningProfileConfig{});
  EXPECT_EQ(p.segments, 1u);
  EXPECT_NEAR(p.block_kw, 2.646f, 0.15f);
}

TEST(MiningProfileTest, TemperatureShareOfHeatingAndOfRigs) {
  // Heating follows a 20-degree swing; rigs do not.
  std::vector<float> temps(60);
  for (std::size_t d = 0; d < temps.size(); ++d)
    temps[d] = -15.0f + 20.0f * static_cast<float>(d % 20) / 19.0f;
  const auto heated = series_of(60, [&](std::int64_t day, int h) {
    const float t = temps[static_cast<std::size_t>(day - kMonday20250106)];
    return household_kw(day, h) + 0.25f * (16.0f - t);
  });
  const MiningProfile heating = profile_mining(heated, temps, NAN, MiningProfileConfig{});
  EXPECT_GT(heating.temp_share, 0.5f);
  EXPECT_LT(heating.temp_corr, -0.9f);
  EXPECT_NEAR(heating.temp_range_c, 16.0f, 1.5f);

  const auto rigs = series_of(60, [&](std::int64_t day, int h) { return household_kw(day, h) + 8.0f; });
  const MiningProfile mining = profile_mining(rigs, temps, NAN, MiningProfileConfig{});
  EXPECT_LT(mining.temp_share, 0.05f);
  // Without weather nothing is claimed.
  EXPECT_TRUE(std::isnan(profile_mining(rigs, {}, NAN, MiningProfileConfig{}).temp_share));
}

TEST(MiningProfileTest, MeterReplacementIsNotASwitchOn) {
  // A meter replaced over four days without readings; the new one reads 5 % higher.
  MiningFeatureAccumulator acc;
  acc.resize(1);
  for (int d = 0; d < 70; ++d) {
    if (d >= 30 && d < 34) continue;
    const std::int64_t day = kMonday20250106 + d;
    const float scale = d >= 34 ? 1.05f : 1.0f;
    acc.on_day(0, hourly_day(day, [&](int h) { return scale * household_kw(day, h); }));
  }
  const MiningProfile p = profile_mining(acc.series(0), {}, 0.3f, MiningProfileConfig{});
  EXPECT_EQ(p.segments, 1u);
  EXPECT_EQ(p.start_day, kNoDay);
  EXPECT_LT(p.block_kw, 0.2f);
}

TEST(MiningProfileTest, DailyDataUsesDailyMeans) {
  MiningFeatureAccumulator acc;
  acc.resize(1);
  for (int d = 0; d < 60; ++d) acc.on_day(0, daily_day(kMonday20250106 + d, d >= 25 ? 8.0f + 72.0f : 8.0f));
  const MiningProfile p = profile_mining(acc.series(0), {}, NAN, MiningProfileConfig{});
  EXPECT_EQ(p.start_day, kMonday20250106 + 25);
  EXPECT_NEAR(p.block_kw, 3.0f, 0.01f);
}

}  // namespace
}  // namespace minewatch
