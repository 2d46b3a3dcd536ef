// Theft features and their reasons on hand-made daily series: an honest household, the same household with
// each kind of theft from a known day, and series too short to judge.
#include "minewatch/detect/theft_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "minewatch/detect/theft_explain.h"

namespace minewatch {
namespace {

constexpr std::int64_t kFirstDay = 16000;  // 2013-10-22
constexpr std::size_t kDays = 420;
constexpr std::size_t kTheftDay = 250;

float feature(const TheftFeatureResult& r, std::string_view name) {
  const auto names = theft_feature_names();
  const auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return r.values[static_cast<std::size_t>(it - names.begin())];
}

// A household: 10 kWh a day, more in winter, more at weekends, 15 % day-to-day noise (fixed seed).
std::vector<float> household(unsigned seed) {
  std::mt19937 rng(seed);
  std::lognormal_distribution<float> noise(0.0f, 0.15f);
  std::vector<float> kwh(kDays);
  for (std::size_t i = 0; i < kDays; ++i) {
    const double season = 1.0 + 0.3 * std::cos(2 * M_PI * static_cast<double>(i) / 365.0);
    const bool weekend = (kFirstDay + static_cast<std::int64_t>(i) + 3) % 7 >= 5;
    kwh[i] = static_cast<float>(10.0 * season * (weekend ? 1.2 : 1.0)) * noise(rng);
  }
  return kwh;
}

DailySeries series_of(const std::vector<float>& kwh) {
  DailySeries s;
  for (std::size_t i = 0; i < kwh.size(); ++i)
    s.add(kFirstDay + static_cast<std::int64_t>(i), {kwh[i], NAN, NAN});
  return s;
}

// The peers' course of forty honest households like it.
PeerShape peers() {
  std::vector<DailySeries> all;
  for (unsigned seed = 100; seed < 140; ++seed) all.push_back(series_of(household(seed)));
  std::vector<const DailySeries*> pointers;
  for (const auto& s : all) pointers.push_back(&s);
  return build_peer_shape(pointers);
}

TEST(TheftFeatures, PeerShapeFollowsTheSeason) {
  const PeerShape shape = peers();
  ASSERT_EQ(shape.factor.size(), kDays);
  EXPECT_GT(shape.at(kFirstDay), shape.at(kFirstDay + 182));  // winter above summer
  EXPECT_TRUE(std::isnan(shape.at(kFirstDay - 1)));
  EXPECT_NEAR(shape.median_level_kwh, 10.0f, 2.5f);
}

TEST(TheftFeatures, ScaledDownMeterFallsAndIsDated) {
  const PeerShape shape = peers();
  std::vector<float> kwh = household(7);
  const TheftFeatureResult honest = compute_theft_features(series_of(kwh), shape);
  for (std::size_t i = kTheftDay; i < kDays; ++i) kwh[i] *= 0.5f;  // h1, alpha 0.5
  const TheftFeatureResult theft = compute_theft_features(series_of(kwh), shape);

  EXPECT_NEAR(feature(theft, "third_level_log"), std::log(0.5f), 0.15f);
  EXPECT_NEAR(feature(honest, "third_level_log"), 0.0f, 0.15f);
  EXPECT_GT(feature(theft, "step_drop_z"), 2 * feature(honest, "step_drop_z"));
  EXPECT_LT(std::llabs(theft.evidence.drop_start - (kFirstDay + static_cast<std::int64_t>(kTheftDay))), 4);
  EXPECT_NEAR(theft.evidence.drop_ratio, 0.5f, 0.1f);

  std::vector<std::size_t> by_rule;
  EXPECT_GT(theft_rule_score(theft.values, &by_rule), 0.3f);
  const TheftExplanation why = explain_theft(theft.evidence, theft.values, by_rule);
  EXPECT_EQ(why.reason.rfind("reported kWh fell to ", 0), 0u) << why.reason;
  EXPECT_EQ(why.start_day, theft.evidence.drop_start);
}

TEST(TheftFeatures, ZeroedDaysAndRepeatedValuesAreSeen) {
  const PeerShape shape = peers();
  std::vector<float> zeroed = household(8), flat = household(8);
  std::mt19937 rng(3);
  double mean = 0;
  for (std::size_t i = kTheftDay; i < kDays; ++i) mean += flat[i] / static_cast<double>(kDays - kTheftDay);
  for (std::size_t i = kTheftDay; i < kDays; ++i) {
    if (rng() % 2 == 0) zeroed[i] = 0;                             // h2
    flat[i] = static_cast<float>(std::round(mean * 1000) / 1000);  // h5
  }
  const TheftFeatureResult h2 = compute_theft_features(series_of(zeroed), shape);
  const TheftFeatureResult h5 = compute_theft_features(series_of(flat), shape);
  EXPECT_GT(feature(h2, "zero_increase"), 0.3f);
  EXPECT_GT(feature(h2, "isolated_zero_share"), 0.1f);  // a zero between two non-zero days: 1 in 4 at p = 0.5
  EXPECT_GT(feature(h5, "repeat_increase"), 0.8f);
  EXPECT_GT(feature(h5, "longest_repeat_run"), 100.0f);
  EXPECT_NEAR(static_cast<double>(h5.evidence.repeat_start), static_cast<double>(kFirstDay + kTheftDay), 1.0);

  std::vector<std::size_t> ranked;
  theft_rule_score(h5.values, &ranked);
  const TheftExplanation why = explain_theft(h5.evidence, h5.values, ranked);
  EXPECT_EQ(why.reason.rfind("the same kWh read day after day", 0), 0u) << why.reason;
  EXPECT_EQ(why.start_day, h5.evidence.repeat_start);
  const TheftExplanation zeros = explain_theft(h2.evidence, h2.values, {});
  EXPECT_NE(zeros.reason.find("zero days rose"), std::string::npos) << zeros.reason;
  EXPECT_NE(zeros.reason.find("separate spells"), std::string::npos) << zeros.reason;
}

TEST(TheftFeatures, ZeroSpellsAreCountedAcrossMissingDays) {
  const PeerShape shape = peers();
  std::vector<float> away = household(9), scattered = household(9);
  for (std::size_t i = kTheftDay; i < kTheftDay + 60; ++i) away[i] = 0;  // two months away: one spell
  away[kTheftDay + 30] = NAN;  // a missing day inside it neither ends it nor starts another
  for (std::size_t i = kTheftDay; i < kDays; i += 4) scattered[i] = 0;  // every fourth day zeroed
  scattered[kTheftDay + 1] = NAN;  // a missing day after a zero: the next zero is still a spell of its own
  const TheftFeatureResult one = compute_theft_features(series_of(away), shape);
  const TheftFeatureResult many = compute_theft_features(series_of(scattered), shape);
  const auto spells = [](const TheftFeatureResult& r) {
    return std::round(std::expm1(feature(r, "zero_run_count_log")));
  };
  EXPECT_EQ(spells(one), 1.0f);
  EXPECT_NEAR(feature(one, "zero_days_per_run"), 59.0f, 1e-4f);
  const float expected_spells = static_cast<float>((kDays - kTheftDay + 3) / 4);
  EXPECT_EQ(spells(many), expected_spells);
  EXPECT_NEAR(feature(many, "zero_days_per_run"), 1.0f, 1e-4f);
  const TheftFeatureResult honest = compute_theft_features(series_of(household(9)), shape);
  EXPECT_EQ(feature(honest, "zero_run_count_log"), 0.0f);
  EXPECT_EQ(feature(honest, "zero_days_per_run"), 0.0f);
  // One long absence reads as what it is; the reason counts spells only when there are many.
  EXPECT_EQ(explain_theft(one.evidence, one.values, {}).reason.find("spells"), std::string::npos);
}

TEST(TheftFeatures, ReversedReadingsNoLongerFollowTheSeason) {
  const PeerShape shape = peers();
  std::vector<float> kwh = household(9);
  const TheftFeatureResult honest = compute_theft_features(series_of(kwh), shape);
  std::reverse(kwh.begin() + 120, kwh.end());  // h6 over the last 300 days
  const TheftFeatureResult h6 = compute_theft_features(series_of(kwh), shape);
  EXPECT_GT(feature(h6, "reversal_gain"), feature(honest, "reversal_gain") + 0.2f);
  EXPECT_GT(feature(h6, "reversal_flattening"), feature(honest, "reversal_flattening"));
}

TEST(TheftFeatures, TooShortOrEmptySeriesHasNoFeatures) {
  const PeerShape shape = peers();
  std::vector<float> kwh = household(10);
  kwh.resize(40);
  const TheftFeatureResult short_series = compute_theft_features(series_of(kwh), shape);
  EXPECT_TRUE(std::all_of(short_series.values.begin(), short_series.values.end(),
                          [](float v) { return std::isnan(v); }));
  EXPECT_EQ(short_series.values.size(), theft_feature_names().size());
  const TheftFeatureResult empty = compute_theft_features(DailySeries{}, shape);
  EXPECT_EQ(empty.evidence.drop_start, kNoDay);
  EXPECT_EQ(theft_rule_score(empty.values), 0.0f);
  EXPECT_TRUE(explain_theft(empty.evidence, empty.values, {}).reason.empty());
}

// Interval data: the day's lowest night and midday hours as well (a household: night low 0.3 kW, midday 0.5).
DailySeries interval_series_of(const std::vector<float>& kwh, std::size_t flat_from = SIZE_MAX) {
  DailySeries s;
  for (std::size_t i = 0; i < kwh.size(); ++i) {
    const float mean_kw = kwh[i] / 24.0f;
    const bool flat = i >= flat_from;  // h5 within the day: every interval the day's mean
    s.add(kFirstDay + static_cast<std::int64_t>(i),
          {kwh[i], flat ? mean_kw : 0.3f * mean_kw, flat ? mean_kw : 0.5f * mean_kw});
  }
  return s;
}

TEST(TheftFeatures, FourWeeksOfIntervalDataAreJudgedFourWeeksOfDailySumsAreNot) {
  const PeerShape shape = peers();
  std::vector<float> kwh = household(11);
  kwh.resize(40);
  const TheftFeatureResult daily = compute_theft_features(series_of(kwh), shape, false);
  EXPECT_TRUE(std::isnan(feature(daily, "span_days")));
  const TheftFeatureResult interval = compute_theft_features(interval_series_of(kwh, 20), shape, true);
  EXPECT_EQ(feature(interval, "span_days"), 40.0f);
  EXPECT_GT(feature(interval, "intraday_flatness_late"), feature(interval, "intraday_flatness_early") + 0.3f);
  kwh.resize(27);
  const TheftFeatureResult too_short = compute_theft_features(interval_series_of(kwh), shape, true);
  EXPECT_TRUE(
      std::all_of(too_short.values.begin(), too_short.values.end(), [](float v) { return std::isnan(v); }));
}

TEST(TheftFeatures, EveryShortIntervalLengthGivesAFullRowOfFeatures) {
  // The block, third and step figures meet their edge cases between four and twelve weeks; none may read
  // outside the series (the sanitizer build runs this) or lose a column.
  const PeerShape shape = peers();
  const std::vector<float> full = household(12);
  for (std::size_t days = 28; days <= 100; ++days) {
    const std::vector<float> kwh(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(days));
    const TheftFeatureResult r = compute_theft_features(interval_series_of(kwh, days / 2), shape, true);
    ASSERT_EQ(r.values.size(), theft_feature_names().size());
    EXPECT_EQ(feature(r, "span_days"), static_cast<float>(days));
    EXPECT_FALSE(std::isnan(feature(r, "intraday_flatness_increase"))) << days;
  }
}

TEST(TheftFeatures, MissingDaysAreCountedNotInvented) {
  const PeerShape shape = peers();
  std::vector<float> kwh = household(11);
  for (std::size_t i = 0; i < kDays; i += 4) kwh[i] = NAN;
  const TheftFeatureResult r = compute_theft_features(series_of(kwh), shape);
  EXPECT_NEAR(feature(r, "missing_share"), 0.25f, 0.01f);
  EXPECT_NEAR(feature(r, "third_level_log"), 0.0f, 0.15f);
  EXPECT_EQ(feature(r, "zero_share"), 0.0f);
}

}  // namespace
}  // namespace minewatch
