// PolicyRules: which rule decides on a local day (validity, scope, a rule changed mid-period), registrations
// by date, tariffs by region with a country-wide fallback.
#include "minewatch/policy/policy_rules.h"

#include <gtest/gtest.h>

#include "minewatch/core/timestamp.h"

namespace minewatch::policy {
namespace {

std::int64_t day(const char* text) {
  return *parse_iso_day(text);
}

RegionRule rule(const char* code, BanKind ban, const char* from, const char* to) {
  RegionRule r;
  r.code = code;
  r.tz = "Asia/Irkutsk";
  r.ban = ban;
  r.season = {{11, 15}, {3, 15}};
  r.valid_from = from == nullptr ? kOpenStart : day(from);
  r.valid_to = to == nullptr ? kOpenEnd : day(to);
  return r;
}

Policy irkutsk_policy() {
  Policy p;
  // Seasonal until 6 April 2025, then all year in the Irkutsky district only (the April 2025 change).
  p.regions.push_back(rule("RU-IRK", BanKind::seasonal, "2025-01-01", "2025-04-06"));
  RegionRule south = rule("RU-IRK", BanKind::all_year, "2025-04-07", "2031-03-15");
  south.districts = {"Irkutsky"};
  p.regions.push_back(south);
  p.regions.push_back(rule("RU-IRK", BanKind::seasonal, "2025-04-07", "2031-03-15"));
  return p;
}

TEST(PolicyRulesTest, RuleChangedMidPeriod) {
  const PolicyRules rules(irkutsk_policy());
  const MeterPlace south{"RU-IRK", "Irkutsky", "T1"};
  const MeterPlace north{"RU-IRK", "Bratsky", "T2"};
  EXPECT_EQ(rules.ban_on(south, day("2024-12-31")), nullptr);  // before the decree took effect
  EXPECT_NE(rules.ban_on(south, day("2025-01-01")), nullptr);  // the season's first day under the decree
  EXPECT_NE(rules.ban_on(south, day("2025-03-15")), nullptr);
  EXPECT_EQ(rules.ban_on(south, day("2025-03-16")), nullptr);  // season over, old rule still in force
  EXPECT_EQ(rules.ban_on(south, day("2025-04-06")), nullptr);
  ASSERT_NE(rules.ban_on(south, day("2025-04-07")), nullptr);  // the new all-year rule, scoped
  EXPECT_EQ(rules.ban_on(south, day("2025-07-01"))->ban, BanKind::all_year);
  EXPECT_EQ(rules.ban_on(north, day("2025-07-01")), nullptr);  // outside the scope: seasonal only
  EXPECT_NE(rules.ban_on(north, day("2025-11-15")), nullptr);
  EXPECT_NE(rules.ban_on(south, day("2031-03-15")), nullptr);  // the last day in force
  EXPECT_EQ(rules.ban_on(south, day("2031-03-16")), nullptr);
  EXPECT_EQ(rules.ban_on({"RU-MOW", "", ""}, day("2025-07-01")), nullptr);  // a region with no rule
}

TEST(PolicyRulesTest, TransformerScope) {
  Policy p;
  RegionRule r = rule("RU-BU", BanKind::all_year, nullptr, nullptr);
  r.transformers = {"T7"};
  p.regions.push_back(r);
  const PolicyRules rules(std::move(p));
  EXPECT_NE(rules.ban_on({"RU-BU", "", "T7"}, day("2025-07-01")), nullptr);
  EXPECT_EQ(rules.ban_on({"RU-BU", "", "T8"}, day("2025-07-01")), nullptr);
}

TEST(PolicyRulesTest, RegistrationDateRanges) {
  Policy p;
  p.registrations.push_back({"1", "M1", 10, day("2025-01-01"), day("2025-03-31"), "r:2"});
  p.registrations.push_back({"1", "M1", 20, day("2025-06-01"), kOpenEnd, "r:3"});
  const PolicyRules rules(std::move(p));
  EXPECT_EQ(rules.registration_on("M1", day("2024-12-31")), nullptr);
  EXPECT_DOUBLE_EQ(rules.registration_on("M1", day("2025-01-01"))->capacity_kw, 10);
  EXPECT_DOUBLE_EQ(rules.registration_on("M1", day("2025-03-31"))->capacity_kw, 10);
  EXPECT_EQ(rules.registration_on("M1", day("2025-04-01")), nullptr);  // the gap between registrations
  EXPECT_DOUBLE_EQ(rules.registration_on("M1", day("2030-01-01"))->capacity_kw, 20);
  EXPECT_EQ(rules.registration_on("M2", day("2025-02-01")), nullptr);
  EXPECT_NE(rules.any_registration("M1"), nullptr);
}

TEST(PolicyRulesTest, TariffFallsBackToCountryWide) {
  Policy p;
  p.tariffs.push_back({"*", "household", 5.5, true});
  p.tariffs.push_back({"RU-IRK", "household", 1.9, true});
  const PolicyRules rules(std::move(p));
  EXPECT_DOUBLE_EQ(rules.tariff("RU-IRK", "household")->price_per_kwh, 1.9);
  EXPECT_DOUBLE_EQ(rules.tariff("RU-MOW", "household")->price_per_kwh, 5.5);
  EXPECT_EQ(rules.tariff("RU-MOW", "business"), nullptr);
}

}  // namespace
}  // namespace minewatch::policy
