// find_violations: the policy's rules on a mining meter's local days.
#include "minewatch/cases/violations.h"

#include <gtest/gtest.h>

#include <map>

#include "minewatch/core/timestamp.h"

namespace minewatch {
namespace {

std::int64_t day(const char* text) {
  return *parse_iso_day(text);
}

// kWh a day from `from` to `to` (inclusive), `off_kwh` on the days in [off_from, off_to].
DailySeries flat_series(const char* from, const char* to, float kwh, std::int64_t off_from = 1,
                        std::int64_t off_to = 0, float off_kwh = 2) {
  DailySeries s;
  for (std::int64_t d = day(from); d <= day(to); ++d) {
    const float v = d >= off_from && d <= off_to ? off_kwh : kwh;
    s.add(d, {v, v / 24, v / 24});
  }
  return s;
}

policy::Policy base_policy() {
  policy::Policy p;
  policy::RegionRule irk;
  irk.code = "RU-IRK";
  irk.tz = "Asia/Irkutsk";
  irk.ban = policy::BanKind::seasonal;
  irk.season = {{11, 15}, {3, 15}};
  irk.source = "Decree 1869";
  p.regions.push_back(irk);
  p.tariffs.push_back({"*", "household", 5.5, true});
  p.tariffs.push_back({"*", "business", 9.0, false});
  return p;
}

std::map<ViolationKind, int> count(const std::vector<Violation>& v) {
  std::map<ViolationKind, int> out;
  for (const auto& x : v) ++out[x.kind];
  return out;
}

MiningMeter meter(const char* id, const char* region, const char* tariff, double kw, const DailySeries& s) {
  return MiningMeter{id, {region, "", "T1"}, tariff, kw, 0.0, &s};
}

TEST(ViolationsTest, SeasonalBanCountsOnlyTheWindowsDays) {
  const DailySeries s = flat_series("2025-11-01", "2025-11-30", 72);  // 3 kW: 2,160 kWh a month
  const policy::PolicyRules rules(base_policy());
  const auto v = find_violations(meter("M1", "RU-IRK", "household", 3.0, s), rules);
  const auto c = count(v);
  EXPECT_EQ(c.at(ViolationKind::banned_region), 16);    // 15 Nov .. 30 Nov, both ends
  EXPECT_EQ(c.count(ViolationKind::unregistered), 0u);  // an individual under the monthly limit
  EXPECT_EQ(c.count(ViolationKind::household_tariff), 0u);
  EXPECT_EQ(v.front().day, day("2025-11-15"));
  EXPECT_NE(v.front().detail.find("Decree 1869"), std::string::npos);
  EXPECT_DOUBLE_EQ(v.front().mining_kwh, 72.0);
}

TEST(ViolationsTest, MinerWhoSwitchesOffForTheSeasonBreaksNoBan) {
  const DailySeries s = flat_series("2025-11-01", "2025-11-30", 72, day("2025-11-15"), day("2025-11-30"));
  const policy::PolicyRules rules(base_policy());
  const auto c = count(find_violations(meter("M1", "RU-IRK", "household", 3.0, s), rules));
  EXPECT_EQ(c.count(ViolationKind::banned_region), 0u);
}

TEST(ViolationsTest, OverTheIndividualLimitOnAHouseholdTariff) {
  const DailySeries s = flat_series("2025-07-01", "2025-07-31", 240);  // 10 kW: 7,440 kWh in July
  const policy::PolicyRules rules(base_policy());
  const auto v = find_violations(meter("M1", "RU-NVS", "household", 10.0, s), rules);
  const auto c = count(v);
  EXPECT_EQ(c.at(ViolationKind::unregistered), 31);
  EXPECT_EQ(c.at(ViolationKind::household_tariff), 31);
  EXPECT_NE(v.front().detail.find("2025-07 use 7440 kWh"), std::string::npos) << v.front().detail;
}

TEST(ViolationsTest, BusinessMustRegisterWhateverItUses) {
  const DailySeries s = flat_series("2025-07-01", "2025-07-10", 72);
  const policy::PolicyRules rules(base_policy());
  const auto c = count(find_violations(meter("M1", "RU-NVS", "business", 3.0, s), rules));
  EXPECT_EQ(c.at(ViolationKind::unregistered), 10);
  EXPECT_EQ(c.count(ViolationKind::household_tariff), 0u);
}

TEST(ViolationsTest, RegisteredCapacityAndItsEnd) {
  policy::Policy p = base_policy();
  p.capacity_tolerance = 0.2;
  p.registrations.push_back({"77", "M1", 5.0, day("2025-01-01"), day("2025-07-20"), "registry.csv:2"});
  p.registrations.push_back({"77", "M2", 9.0, day("2025-01-01"), policy::kOpenEnd, "registry.csv:3"});
  const policy::PolicyRules rules(std::move(p));
  const DailySeries s = flat_series("2025-07-11", "2025-07-31", 240);  // 10 kW
  const auto c1 = count(find_violations(meter("M1", "RU-NVS", "business", 10.0, s), rules));
  EXPECT_EQ(c1.at(ViolationKind::over_capacity), 10);  // 11..20 July: 10 kW > 5 kW x 1.2
  EXPECT_EQ(c1.at(ViolationKind::unregistered), 11);   // 21..31 July: the registration ended
  const auto c2 = count(find_violations(meter("M2", "RU-NVS", "business", 10.0, s), rules));
  EXPECT_EQ(c2.count(ViolationKind::over_capacity), 0u);  // 10 kW <= 9 kW x 1.2
  EXPECT_EQ(c2.count(ViolationKind::unregistered), 0u);
}

TEST(ViolationsTest, AiDataCentreMeter) {
  policy::Policy p = base_policy();
  p.ai_data_centres.push_back({"DC1", "RU-MOW", {"M5"}});
  p.registrations.push_back({"1", "M5", 500, policy::kOpenStart, policy::kOpenEnd, "x"});
  const policy::PolicyRules rules(std::move(p));
  const DailySeries s = flat_series("2025-07-01", "2025-07-05", 4800);
  const auto c = count(find_violations(meter("M5", "RU-MOW", "industrial", 200.0, s), rules));
  EXPECT_EQ(c.at(ViolationKind::ai_data_centre), 5);
  EXPECT_EQ(c.size(), 1u);
}

TEST(ViolationsTest, MissingDaysAreNoMiningDays) {
  DailySeries s = flat_series("2025-11-14", "2025-11-16", 72);
  s.add(day("2025-11-18"), {72, 3, 3});  // 17 Nov missing
  const policy::PolicyRules rules(base_policy());
  const auto days = mining_days(meter("M1", "RU-IRK", "household", 3.0, s));
  EXPECT_EQ(days.size(), 4u);
  const auto c = count(find_violations(meter("M1", "RU-IRK", "household", 3.0, s), rules));
  EXPECT_EQ(c.at(ViolationKind::banned_region), 3);  // 15, 16 and 18 Nov
}

}  // namespace
}  // namespace minewatch
