// Regional figures: counts at p >= 0.5, sum of p with its Poisson-binomial interval, the bootstrap median,
// growth with its delta-method interval, and the ranking by new farms with its ties.
#include "minewatch/report/regional_stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace minewatch::report {
namespace {

FarmRow farm(const std::string& region, double p, double kw, bool is_new,
             const std::string& registered = "no") {
  FarmRow f;
  f.site = region + "-site";
  f.region = region;
  f.probability = p;
  f.mining_kw = kw;
  f.registered = registered;
  f.new_in_period = is_new;
  return f;
}

const RegionStats& find(const std::vector<RegionStats>& rows, const std::string& region) {
  for (const RegionStats& r : rows)
    if (r.region == region) return r;
  throw std::runtime_error("no region " + region);
}

TEST(RegionalStatsTest, ExpectedCountIsSumOfProbabilitiesWithPoissonBinomialInterval) {
  const std::vector<double> p = {0.9, 0.5, 0.2};
  const Interval e = expected_count(p);
  const double half = 1.959963984540054 * std::sqrt(0.09 + 0.25 + 0.16);
  EXPECT_NEAR(e.value, 1.6, 1e-12);
  EXPECT_NEAR(e.low, 1.6 - half, 1e-12);
  EXPECT_NEAR(e.high, 1.6 + half, 1e-12);
  // A single unlikely site: the interval would go below zero and is clipped there.
  const std::vector<double> one = {0.1};
  EXPECT_EQ(expected_count(one).low, 0.0);
  // Certain sites have no spread.
  const std::vector<double> sure = {1.0, 1.0};
  EXPECT_EQ(expected_count(sure).low, 2.0);
  EXPECT_EQ(expected_count(sure).high, 2.0);
}

TEST(RegionalStatsTest, BootstrapMedianIsDeterministicAndBracketsTheMedian) {
  const std::vector<double> kw = {5, 8, 12, 15, 20, 36, 60, 120, 300};
  const auto a = bootstrap_median(kw, 7);
  const auto b = bootstrap_median(kw, 7);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->value, 20);
  EXPECT_EQ(a->low, b->low);
  EXPECT_EQ(a->high, b->high);
  EXPECT_LT(a->low, a->value);
  EXPECT_GT(a->high, a->value);
  EXPECT_GE(a->low, 5);
  EXPECT_LE(a->high, 300);
  // Even counts take the mean of the two middle values; one value has no spread; none has no median.
  const std::vector<double> even = {1, 2, 3, 4};
  EXPECT_EQ(bootstrap_median(even, 1)->value, 2.5);
  const std::vector<double> single = {42};
  const auto s = bootstrap_median(single, 1);
  EXPECT_EQ(s->low, 42);
  EXPECT_EQ(s->high, 42);
  EXPECT_FALSE(bootstrap_median(std::vector<double>{}, 1));
}

TEST(RegionalStatsTest, GrowthOfFortyFourPercentWithDeltaMethodInterval) {
  // 136,600 -> 196,900 farms scaled down a hundredfold, each site at p = 0.9.
  const std::vector<double> before(1366, 0.9), after(1969, 0.9);
  const auto g = growth_percent(1366, before, 1969, after);
  ASSERT_TRUE(g);
  EXPECT_NEAR(g->value, 44.14, 0.01);
  EXPECT_EQ(std::round(g->value), 44);
  // Relative variance of each count: sum p(1-p) / (sum p)^2 = 0.09 n / (0.81 n^2) = 1 / (9 n).
  const double se = std::sqrt(1.0 / (9 * 1366) + 1.0 / (9 * 1969));
  const double ratio = 1969.0 / 1366.0;
  EXPECT_NEAR(g->low, 100 * (ratio * std::exp(-1.959963984540054 * se) - 1), 1e-9);
  EXPECT_NEAR(g->high, 100 * (ratio * std::exp(1.959963984540054 * se) - 1), 1e-9);
  EXPECT_NEAR(g->low, 40.9, 0.1);
  EXPECT_NEAR(g->high, 47.5, 0.1);
}

TEST(RegionalStatsTest, GrowthEdgeCases) {
  const std::vector<double> two = {1.0, 1.0}, none;
  EXPECT_FALSE(growth_percent(0, none, 2, two));  // nothing before: no growth figure
  const auto gone = growth_percent(2, two, 0, none);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->value, -100);
  EXPECT_EQ(gone->low, -100);
  const auto same = growth_percent(2, two, 2, two);  // certain sites: no spread
  EXPECT_EQ(same->value, 0);
  EXPECT_EQ(same->low, 0);
  EXPECT_EQ(same->high, 0);
}

TEST(RegionalStatsTest, CountsPerRegionAndTotal) {
  const std::vector<FarmRow> farms = {
      farm("RU-IRK", 0.97, 120, true, "no"), farm("RU-IRK", 0.88, 36.5, false, "yes"),
      farm("RU-IRK", 0.55, 8, true, "partial"), farm("RU-IRK", 0.45, 6, false, "no"),
      farm("RU-KEM", 0.93, 60, true, "yes")};
  const auto rows = regional_stats(farms, nullptr);
  ASSERT_EQ(rows.size(), 3u);
  const RegionStats& irk = find(rows, "RU-IRK");
  EXPECT_EQ(irk.farms, 3);                                                  // the 0.45 site is not a farm...
  EXPECT_NEAR(irk.expected_farms.value, 0.97 + 0.88 + 0.55 + 0.45, 1e-12);  // ...but counts in expectation
  EXPECT_EQ(irk.registered, 1);
  EXPECT_EQ(irk.unregistered, 1);
  EXPECT_EQ(irk.partial, 1);
  EXPECT_NEAR(irk.total_kw, 164.5, 1e-12);
  EXPECT_EQ(irk.median_kw->value, 36.5);
  EXPECT_EQ(irk.new_farms, 2);
  EXPECT_FALSE(irk.previous_farms);
  EXPECT_FALSE(irk.growth_pct);
  const RegionStats& all = rows.back();
  EXPECT_EQ(all.region, "ALL");
  EXPECT_EQ(all.rank_by_new, 0);
  EXPECT_EQ(all.farms, 4);
  EXPECT_EQ(all.new_farms, 3);
  EXPECT_NEAR(all.total_kw, 224.5, 1e-12);
}

TEST(RegionalStatsTest, RankByNewFarmsThenFarmsThenCode) {
  const std::vector<FarmRow> farms = {
      farm("RU-BU", 0.9, 1, true),  farm("RU-BU", 0.9, 1, true),                                  // 2 new, 2
      farm("RU-KEM", 0.9, 1, true), farm("RU-KEM", 0.9, 1, true), farm("RU-KEM", 0.9, 1, false),  // 2 new, 3
      farm("RU-ALT", 0.9, 1, true), farm("RU-ALT", 0.9, 1, true),                                 // 2 new, 2
      farm("RU-IRK", 0.9, 1, true), farm("RU-IRK", 0.9, 1, true), farm("RU-IRK", 0.9, 1, true),   // 3 new
      farm("RU-MOW", 0.9, 1, false)};
  const auto rows = regional_stats(farms, nullptr);
  std::vector<std::string> order;
  for (const auto& r : rows) order.push_back(r.region + ":" + std::to_string(r.rank_by_new));
  EXPECT_EQ(order,
            (std::vector<std::string>{"RU-IRK:1", "RU-KEM:2", "RU-ALT:3", "RU-BU:4", "RU-MOW:5", "ALL:0"}));
}

TEST(RegionalStatsTest, PreviousScanGivesGrowthPerRegionAndRegionsThatVanished) {
  const std::vector<FarmRow> current = {farm("RU-IRK", 1, 10, true), farm("RU-IRK", 1, 10, true),
                                        farm("RU-IRK", 1, 10, false), farm("RU-BU", 1, 5, true)};
  const std::vector<FarmRow> previous = {farm("RU-IRK", 1, 10, false), farm("RU-IRK", 1, 10, false),
                                         farm("RU-IRK", 0.3, 10, false), farm("RU-TVE", 1, 7, true)};
  const auto rows = regional_stats(current, &previous);
  const RegionStats& irk = find(rows, "RU-IRK");
  EXPECT_EQ(*irk.previous_farms, 2);  // the 0.3 site was no farm
  EXPECT_NEAR(irk.growth_pct->value, 50, 1e-9);
  EXPECT_EQ(*find(rows, "RU-BU").previous_farms, 0);
  EXPECT_FALSE(find(rows, "RU-BU").growth_pct);
  const RegionStats& tve = find(rows, "RU-TVE");
  EXPECT_EQ(tve.farms, 0);
  EXPECT_FALSE(tve.median_kw);
  EXPECT_EQ(tve.growth_pct->value, -100);
  EXPECT_EQ(*rows.back().previous_farms, 3);
  EXPECT_NEAR(rows.back().growth_pct->value, 100.0 * 4 / 3 - 100, 1e-9);
}

}  // namespace
}  // namespace minewatch::report
