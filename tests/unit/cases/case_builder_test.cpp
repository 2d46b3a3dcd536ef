// build_cases: one case per site, what raises a case and what does not, priority = probability x value,
// stable ids, and resolved false alarms not raised again on the same evidence.
#include "minewatch/cases/case_builder.h"
#include "minewatch/cases/net_fusion.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "minewatch/core/timestamp.h"

namespace minewatch {
namespace {

std::int64_t day(const char* text) {
  return *parse_iso_day(text);
}

DailySeries series(const char* from, int days, float kwh, std::int64_t change_day = kNoDay, float after = 0) {
  DailySeries s;
  for (int i = 0; i < days; ++i) {
    const std::int64_t d = day(from) + i;
    const float v = change_day != kNoDay && d >= change_day ? after : kwh;
    s.add(d, {v, v / 24, v / 24});
  }
  return s;
}

policy::Policy test_policy() {
  policy::Policy p;
  policy::RegionRule da;
  da.code = "RU-DA";
  da.tz = "Europe/Moscow";
  da.ban = policy::BanKind::all_year;
  p.regions.push_back(da);
  p.tariffs.push_back({"*", "household", 6.0, true});
  p.tariffs.push_back({"*", "business", 9.0, false});
  p.registrations.push_back({"77", "R1", 10, policy::kOpenStart, policy::kOpenEnd, "registry.csv:2"});
  p.registrations.push_back({"77", "R2", 10, policy::kOpenStart, policy::kOpenEnd, "registry.csv:3"});
  return p;
}

MeterFindings miner(const char* id, const char* region, const DailySeries& s, double kw,
                    const char* subscriber) {
  MeterFindings m;
  m.meter_id = id;
  m.region = region;
  m.tariff = "household";
  m.transformer_id = "T1";
  m.subscriber_id = subscriber;
  m.series = &s;
  m.mining_probability = 0.9;
  m.mining_kw = kw;
  m.other_load_kw = 0;
  m.mining_reason = "flat";
  return m;
}

CaseOptions options() {
  CaseOptions o;
  o.first_day = day("2025-07-01");
  o.last_day = day("2025-07-30");
  return o;
}

TEST(CaseBuilderTest, BannedRegionMinerIsACaseLawfulRegisteredFarmIsOnlyAFarm) {
  const DailySeries banned = series("2025-07-01", 30, 72);   // 3 kW in Dagestan
  const DailySeries lawful = series("2025-07-01", 30, 192);  // 8 kW, registered 10 kW x2 meters
  std::vector<MeterFindings> meters = {miner("B1", "RU-DA", banned, 3, "S1"),
                                       miner("R1", "RU-NVS", lawful, 8, "S2"),
                                       miner("R2", "RU-NVS", lawful, 8, "S3")};
  meters[1].tariff = meters[2].tariff = "business";
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases(meters, {}, rules, {}, options());
  ASSERT_EQ(build.cases.size(), 1u);
  const store::CaseRecord& c = build.cases[0];
  EXPECT_EQ(c.kinds, "banned_region;mining");
  EXPECT_EQ(c.status, "new");
  EXPECT_DOUBLE_EQ(c.probability, 0.9);
  // 30 banned days x 72 kWh at the commercial price.
  EXPECT_NEAR(c.expected_value, 30 * 72 * 9.0, 1e-6);
  EXPECT_NEAR(c.priority, 0.9 * c.expected_value, 1e-6);
  EXPECT_EQ(c.first_day, "2025-07-01");
  ASSERT_EQ(build.farms.size(), 2u);  // the registered taxpayer's two meters are one farm
  const Farm& lawful_farm = build.farms[0].site == "taxpayer:77" ? build.farms[0] : build.farms[1];
  EXPECT_EQ(lawful_farm.meters.size(), 2u);
  EXPECT_EQ(lawful_farm.registered, "yes");
  EXPECT_DOUBLE_EQ(lawful_farm.registered_kw, 20);
  EXPECT_TRUE(lawful_farm.violations.empty());
}

TEST(CaseBuilderTest, TheftValuedByTheFallSinceItsStart) {
  const DailySeries s =
      series("2025-07-01", 30, 20, day("2025-07-21"), 5);  // 15 kWh a day hidden for 10 days
  MeterFindings m;
  m.meter_id = "T9";
  m.region = "RU-MOW";
  m.tariff = "household";
  m.series = &s;
  m.theft_probability = 0.8;
  m.theft_start = day("2025-07-21");
  m.theft_reason = "level fell";
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases({m}, {}, rules, {}, options());
  ASSERT_EQ(build.cases.size(), 1u);
  EXPECT_EQ(build.cases[0].kinds, "theft");
  EXPECT_NEAR(build.cases[0].unbilled_kwh, 150, 1e-6);
  EXPECT_NEAR(build.cases[0].expected_value, 150 * 6.0, 1e-6);
  EXPECT_TRUE(build.farms.empty());
}

TEST(CaseBuilderTest, RigsSwitchingOffAreNoTheft) {
  // A miner that stopped on 21 July: the theft signal at the fall is the farm stopping.
  const DailySeries s = series("2025-07-01", 30, 72, day("2025-07-21"), 2);
  MeterFindings m = miner("B1", "RU-NVS", s, 3, "S1");
  m.mining_end = day("2025-07-20");
  m.theft_probability = 0.9;
  m.theft_start = day("2025-07-21");
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases({m}, {}, rules, {}, options());
  EXPECT_TRUE(build.cases.empty());  // an individual under the limit in an open region, and no theft
  ASSERT_EQ(build.farms.size(), 1u);
}

TEST(CaseBuilderTest, RankedByPriorityAndStableIds) {
  const DailySeries small = series("2025-07-01", 30, 24);
  const DailySeries big = series("2025-07-01", 30, 240);
  const std::vector<MeterFindings> meters = {miner("A", "RU-DA", small, 1, "S1"),
                                             miner("B", "RU-DA", big, 10, "S2")};
  const policy::PolicyRules rules(test_policy());
  const CaseBuild first = build_cases(meters, {}, rules, {}, options());
  const CaseBuild again = build_cases(meters, {}, rules, {}, options());
  ASSERT_EQ(first.cases.size(), 2u);
  EXPECT_EQ(first.cases[0].meters, "B");
  EXPECT_GT(first.cases[0].priority, first.cases[1].priority);
  EXPECT_EQ(first.cases[0].case_id, again.cases[0].case_id);
  EXPECT_EQ(first.cases[0].evidence_key, again.cases[0].evidence_key);
  EXPECT_NE(first.cases[0].case_id, first.cases[1].case_id);
}

TEST(CaseBuilderTest, ResolvedFalseAlarmIsSuppressedUntilTheEvidenceChanges) {
  const DailySeries s = series("2025-07-01", 30, 72);
  std::vector<MeterFindings> meters = {miner("B1", "RU-DA", s, 3, "S1")};
  const policy::PolicyRules rules(test_policy());
  const CaseBuild first = build_cases(meters, {}, rules, {}, options());
  ASSERT_EQ(first.cases.size(), 1u);
  CaseHistory history;
  history.cases = first.cases;
  store::Resolution r;
  r.case_id = first.cases[0].case_id;
  r.outcome = store::Outcome::not_found;
  r.evidence_key = first.cases[0].evidence_key;
  history.resolutions.push_back(r);
  const CaseBuild second = build_cases(meters, {}, rules, history, options());
  ASSERT_EQ(second.cases.size(), 1u);
  EXPECT_EQ(second.cases[0].status, "suppressed");
  EXPECT_EQ(second.cases[0].priority, 0);
  // The farm doubled: new evidence, raised again.
  const DailySeries bigger = series("2025-07-01", 30, 144);
  meters[0].series = &bigger;
  meters[0].mining_kw = 6;
  const CaseBuild third = build_cases(meters, {}, rules, history, options());
  EXPECT_EQ(third.cases[0].status, "open");
  EXPECT_GT(third.cases[0].priority, 0);
  // A confirmed case is not suppressed.
  history.resolutions[0].outcome = store::Outcome::confirmed;
  meters[0].series = &s;
  meters[0].mining_kw = 3;
  EXPECT_EQ(build_cases(meters, {}, rules, history, options()).cases[0].status, "open");
}

TEST(CaseBuilderTest, TapCaseAtTheTransformer) {
  TapFinding tap;
  tap.transformer_id = "T5";
  tap.region = "RU-MOW";
  tap.probability = 0.7;
  tap.unbilled_kwh = 1000;
  tap.meters = {"M1", "M2"};
  tap.reason = "deficit";
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases({}, {tap}, rules, {}, options());
  ASSERT_EQ(build.cases.size(), 1u);
  EXPECT_EQ(build.cases[0].kinds, "tap");
  EXPECT_EQ(build.cases[0].site, "transformer:T5");
  EXPECT_NEAR(build.cases[0].priority, 0.7 * 1000 * 6.0, 1e-6);
  tap.probability = 0.3;
  EXPECT_TRUE(build_cases({}, {tap}, rules, {}, options()).cases.empty());
}

TEST(CaseBuilderTest, MetersSwitchedOnTogetherOnOneTransformerAreOneSite) {
  const DailySeries s = series("2025-07-01", 30, 72);
  std::vector<MeterFindings> meters = {miner("A", "RU-DA", s, 3, "S1"), miner("B", "RU-DA", s, 3, "S2"),
                                       miner("C", "RU-DA", s, 3, "S3")};
  meters[0].mining_start = day("2025-07-05");
  meters[1].mining_start = day("2025-07-06");
  meters[2].mining_start = day("2025-07-20");  // much later: another site
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases(meters, {}, rules, {}, options());
  ASSERT_EQ(build.farms.size(), 2u);
  ASSERT_EQ(build.cases.size(), 2u);
  EXPECT_EQ(build.cases[0].meters, "A;B");
}

}  // namespace
}  // namespace minewatch

namespace minewatch {
namespace {

TEST(CaseBuilderBalanceTest, ABalanceCulpritIsACaseValuedByTheEnergyItExplains) {
  const DailySeries s = series("2025-07-01", 30, 20, day("2025-07-21"), 15);  // its own fall: 5 kWh x 10 days
  MeterFindings m;
  m.meter_id = "B1";
  m.region = "RU-MOW";
  m.tariff = "household";
  m.series = &s;
  m.balance_probability = 0.8;
  m.balance_kwh = 400;  // the transformer's deficit it explains: more than its own fall shows
  m.balance_start = day("2025-07-21");
  m.balance_reason = "deficit since 2025-07-21";
  m.theft_probability = 0.6;
  m.theft_start = day("2025-07-21");
  const policy::PolicyRules rules(test_policy());
  const CaseBuild build = build_cases({m}, {}, rules, {}, options());
  ASSERT_EQ(build.cases.size(), 1u);
  EXPECT_EQ(build.cases[0].kinds, "balance;theft");
  EXPECT_NEAR(build.cases[0].unbilled_kwh, 400, 1e-6);  // the larger estimate of the same energy, not the sum
  EXPECT_NEAR(build.cases[0].probability, 1 - 0.2 * 0.4, 1e-9);
  EXPECT_NE(build.cases[0].evidence.find("B1 balance: deficit since 2025-07-21"), std::string::npos);
  m.balance_probability = 0.4;  // below the threshold: no balance evidence
  m.theft_probability = 0.3;
  EXPECT_TRUE(build_cases({m}, {}, rules, {}, options()).cases.empty());
}

}  // namespace
}  // namespace minewatch

namespace minewatch {
namespace {

TEST(CaseBuilderSitesTest, RestartingTogetherAfterABanIsNoSharedSite) {
  policy::Policy p = test_policy();
  policy::RegionRule irk;
  irk.code = "RU-IRK";
  irk.tz = "Asia/Irkutsk";
  irk.ban = policy::BanKind::seasonal;
  irk.season = {{11, 15}, {3, 15}};
  p.regions.push_back(irk);
  const policy::PolicyRules rules(std::move(p));
  const DailySeries s = series("2025-03-01", 30, 72, day("2025-03-01"), 2);  // off in the season, on after
  std::vector<MeterFindings> meters = {miner("A", "RU-IRK", s, 3, "S1"), miner("B", "RU-IRK", s, 3, "S2")};
  meters[0].mining_start = meters[1].mining_start = day("2025-03-16");
  CaseOptions o;
  o.first_day = day("2025-03-01");
  o.last_day = day("2025-03-30");
  EXPECT_EQ(build_cases(meters, {}, rules, {}, o).farms.size(), 2u);
  meters[0].mining_start = meters[1].mining_start = day("2025-03-20");  // an ordinary day: one site
  EXPECT_EQ(build_cases(meters, {}, rules, {}, o).farms.size(), 1u);
}

}  // namespace
}  // namespace minewatch

namespace minewatch {
namespace {

// A meter the readings alone leave below the threshold becomes a case when the network saw it mining (the
// fused probability), and the case says both: the network kind and the two probabilities.
TEST(CaseBuilderNetworkTest, BothSignalsAgreeingRaiseAMiningCase) {
  const DailySeries banned = series("2025-07-01", 30, 72);
  MeterFindings unsure = miner("B1", "RU-DA", banned, 3, "S1");
  unsure.mining_probability = unsure.meter_mining_probability = 0.3;
  const policy::PolicyRules rules(test_policy());
  EXPECT_TRUE(build_cases({unsure}, {}, rules, {}, options()).cases.empty());

  MeterFindings agreed = unsure;
  agreed.net_score = 0.6;
  agreed.net_reason = "connection to 185.71.66.39:9999 (known pool endpoint: nanopool)";
  agreed.mining_probability = fuse_mining_with_net(0.3, 0.6, NetFusionConfig{});
  const CaseBuild build = build_cases({agreed}, {}, rules, {}, options());
  ASSERT_EQ(build.cases.size(), 1u);
  const store::CaseRecord& c = build.cases[0];
  EXPECT_EQ(c.kinds, "banned_region;mining;network");
  for (ViolationKind k :
       {ViolationKind::unregistered, ViolationKind::over_capacity, ViolationKind::banned_region,
        ViolationKind::ai_data_centre, ViolationKind::household_tariff})
    EXPECT_NE(std::find(kCaseKinds.begin(), kCaseKinds.end(), violation_kind_name(k)), kCaseKinds.end());
  EXPECT_NEAR(c.probability, agreed.mining_probability, 1e-9);
  EXPECT_NE(c.evidence.find("B1 network (net_score 0.60; mining probability 0.30 from the meter, 0.77 with "
                            "the network): connection to 185.71.66.39:9999"),
            std::string::npos)
      << c.evidence;
}

}  // namespace
}  // namespace minewatch
