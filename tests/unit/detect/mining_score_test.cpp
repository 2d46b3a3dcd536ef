// MiningFeatureAccumulator + assess_mining on synthetic days: a flat farm scores high with its kW estimated,
// homes and offices score low, daily-only data still works, and the reason names the evidence.
#include "minewatch/detect/mining_score.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/detect/mining_features.h"
#include "unit/detect/mining_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::business_kw;
using minewatch::testing::daily_day;
using minewatch::testing::hourly_day;
using minewatch::testing::household_kw;
using minewatch::testing::kMonday20250106;
using minewatch::testing::wobble;

constexpr int kDays = 28;

MiningFeatures features_of(const std::function<DayRecord(std::int64_t)>& make_day, int days = kDays) {
  MiningFeatureAccumulator acc;
  acc.resize(1);
  for (std::int64_t d = kMonday20250106; d < kMonday20250106 + days; ++d) acc.on_day(0, make_day(d));
  return acc.features(0);
}

MiningAssessment assess(const MiningFeatures& f) {
  return assess_mining(f, MiningScoreConfig{});
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(MiningScore, FlatFiveKilowattsScoresHighWithItsPowerEstimated) {
  const auto f = features_of([](std::int64_t d) {
    return hourly_day(d, [d](int h) { return 5.0f * (1.0f + wobble(d, h, 0.02f)); });
  });
  EXPECT_EQ(f.complete_days, static_cast<std::uint32_t>(kDays));
  EXPECT_EQ(f.days_seen, static_cast<std::uint32_t>(kDays));
  EXPECT_TRUE(f.hourly_shape);
  EXPECT_NEAR(f.mean_kw, 5.0f, 0.05f);
  EXPECT_GT(f.load_factor, 0.95f);
  EXPECT_GT(f.base_ratio, 0.95f);
  EXPECT_NEAR(f.night_day_ratio, 1.0f, 0.03f);
  EXPECT_NEAR(f.weekday_weekend_ratio, 1.0f, 0.03f);
  EXPECT_LT(f.daily_cv, 0.02f);
  const auto a = assess(f);
  EXPECT_GE(a.score, 0.9f);
  EXPECT_LE(a.score, 1.0f);
  EXPECT_NEAR(a.estimated_kw, 5.0f, 0.25f);  // within 5%
  EXPECT_TRUE(contains(a.reason, "flat")) << a.reason;
  EXPECT_TRUE(contains(a.reason, "day and night")) << a.reason;
  EXPECT_TRUE(contains(a.reason, "load factor")) << a.reason;
}

TEST(MiningScore, HouseholdCurveScoresLow) {
  const auto f =
      features_of([](std::int64_t d) { return hourly_day(d, [d](int h) { return household_kw(d, h); }); });
  EXPECT_LT(f.load_factor, 0.55f);
  EXPECT_LT(f.night_day_ratio, 0.7f);
  const auto a = assess(f);
  EXPECT_LT(a.score, 0.1f) << a.reason;
  EXPECT_EQ(a.estimated_kw, 0.0f);
  EXPECT_TRUE(contains(a.reason, "peaky load") || contains(a.reason, "day/night rhythm")) << a.reason;
}

TEST(MiningScore, WeekdayOnlyBusinessScoresLow) {
  const auto f =
      features_of([](std::int64_t d) { return hourly_day(d, [d](int h) { return business_kw(d, h); }); });
  EXPECT_GT(f.weekday_weekend_ratio, 1.8f);
  const auto a = assess(f);
  EXPECT_LT(a.score, 0.1f) << a.reason;
  EXPECT_EQ(a.estimated_kw, 0.0f);
  EXPECT_TRUE(contains(a.reason, "weekly rhythm")) << a.reason;
}

TEST(MiningScore, DailyOnlyFlatLoadStillScoresHigh) {
  const auto f =
      features_of([](std::int64_t d) { return daily_day(d, 120.0f * (1.0f + wobble(d, 0, 0.01f))); });
  EXPECT_FALSE(f.hourly_shape);
  EXPECT_TRUE(std::isnan(f.night_day_ratio));
  EXPECT_NEAR(f.mean_kw, 5.0f, 0.05f);
  const auto a = assess(f);
  EXPECT_GE(a.score, 0.9f) << a.reason;
  EXPECT_NEAR(a.estimated_kw, 5.0f, 0.25f);
  EXPECT_TRUE(contains(a.reason, "every day")) << a.reason;
}

// Daily data hides the evening peak; what is left is how much a home's daily energy varies (weather,
// occupancy): docs/detectors.md puts households' daily_cv at 0.15-0.4. This one varies by about 0.25.
TEST(MiningScore, DailyOnlyHouseholdScoresLow) {
  const auto f = features_of([](std::int64_t d) {
    float kwh = 0;
    for (int h = 0; h < 24; ++h) kwh += household_kw(d, h);
    return daily_day(d, kwh * (1.0f + wobble(d, 3, 0.45f)));
  });
  EXPECT_GT(f.daily_cv, 0.15f);
  const auto a = assess(f);
  EXPECT_LT(a.score, 0.2f) << a.reason;
}

TEST(MiningScore, SmallFlatLoadIsBelowTheLevelGate) {
  const auto f = features_of([](std::int64_t d) { return hourly_day(d, [](int) { return 0.3f; }); });
  const auto a = assess(f);
  EXPECT_LT(a.score, 0.05f);
  EXPECT_TRUE(contains(a.reason, "low level")) << a.reason;
}

TEST(MiningScore, FewDaysScaleTheScoreDown) {
  const auto f = features_of([](std::int64_t d) { return hourly_day(d, [](int) { return 5.0f; }); }, 3);
  const auto a = assess(f);
  EXPECT_NEAR(a.score, 3.0f / 7.0f, 0.02f);
  EXPECT_TRUE(contains(a.reason, "only 3 complete days")) << a.reason;
}

TEST(MiningScore, NoCompleteDayScoresZeroWithAReason) {
  MiningFeatureAccumulator acc;
  acc.resize(1);
  for (std::int64_t d = kMonday20250106; d < kMonday20250106 + 10; ++d) {
    DayRecord day = hourly_day(d, [](int) { return 5.0f; });
    day.readings = 12;  // half of the 24 expected
    acc.on_day(0, day);
  }
  const auto f = acc.features(0);
  EXPECT_EQ(f.complete_days, 0u);
  EXPECT_EQ(f.days_seen, 10u);
  EXPECT_TRUE(std::isnan(f.mean_kw));
  const auto a = assess(f);
  EXPECT_EQ(a.score, 0.0f);
  EXPECT_EQ(a.estimated_kw, 0.0f);
  EXPECT_EQ(a.reason, "no complete day of readings");
}

TEST(MiningScore, MeterWithoutDaysHasNoReadings) {
  MiningFeatureAccumulator acc;
  const auto f = acc.features(42);  // never seen
  EXPECT_EQ(f.days_seen, 0u);
  const auto a = assess(f);
  EXPECT_EQ(a.score, 0.0f);
  EXPECT_EQ(a.reason, "no readings");
}

TEST(MiningScore, IncompleteDaysDoNotBiasTheLevel) {
  MiningFeatureAccumulator acc;
  for (std::int64_t d = kMonday20250106; d < kMonday20250106 + 14; ++d) {
    DayRecord day = hourly_day(d, [](int) { return 4.0f; });
    if (d % 3 == 0) {  // an outage: a third of the day missing, energy too
      day.readings = 16;
      day.kwh = 64.0f;
    }
    acc.on_day(0, day);
  }
  const auto f = acc.features(0);
  EXPECT_LT(f.complete_days, f.days_seen);
  EXPECT_NEAR(f.mean_kw, 4.0f, 1e-3f);
}

TEST(MiningScore, ThresholdsComeFromTheConfig) {
  const auto f = features_of([](std::int64_t d) { return hourly_day(d, [](int) { return 5.0f; }); });
  MiningScoreConfig strict;
  strict.min_kw = 10.0f;
  strict.full_kw = 20.0f;
  const auto a = assess_mining(f, strict);
  EXPECT_LT(a.score, 0.05f);
  EXPECT_TRUE(contains(a.reason, "low level")) << a.reason;
}

TEST(MiningFeatureAccumulator, MetersAreIndependent) {
  MiningFeatureAccumulator acc;
  acc.resize(2);
  for (std::int64_t d = kMonday20250106; d < kMonday20250106 + kDays; ++d) {
    acc.on_day(1, hourly_day(d, [](int) { return 5.0f; }));
    acc.on_day(0, hourly_day(d, [d](int h) { return household_kw(d, h); }));
  }
  EXPECT_GE(assess(acc.features(1)).score, 0.9f);
  EXPECT_LT(assess(acc.features(0)).score, 0.1f);
}

TEST(MiningFeatureAccumulator, DstDaysDoNotChangeTheLevel) {
  MiningFeatureAccumulator acc;
  for (std::int64_t d = kMonday20250106; d < kMonday20250106 + 14; ++d) {
    DayRecord day = hourly_day(d, [](int) { return 5.0f; });
    if (d == kMonday20250106 + 6) {  // a 23-hour day
      day.hours = 23;
      day.expected = 23;
      day.readings = 23;
      day.kwh = 115.0f;
      day.hourly_kwh[23] = 0.0f;
    }
    if (d == kMonday20250106 + 9) {  // a 25-hour day
      day.hours = 25;
      day.expected = 25;
      day.readings = 25;
      day.kwh = 125.0f;
      day.hourly_kwh[24] = 5.0f;
    }
    acc.on_day(0, day);
  }
  const auto f = acc.features(0);
  EXPECT_NEAR(f.mean_kw, 5.0f, 1e-3f);
  EXPECT_LT(f.daily_cv, 1e-3f);
  EXPECT_GE(assess(f).score, 0.9f);
}

}  // namespace
}  // namespace minewatch
