// Reading a scan's directory: typed fields, RFC 4180 quoting in the evidence, the period from summary.json
// or derived from the days, and errors that name file, line and field.
#include "minewatch/report/scan_files.h"

#include "minewatch/cases/case_builder.h"

#include <gtest/gtest.h>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch::report {
namespace {

using minewatch::testing::TempDir;

constexpr const char* kFarmsHeader =
    "site,region,meters,probability,mining_kw,est_rigs,mining_start,mining_end,registered,registered_kw,"
    "new_in_period,violations\n";
constexpr const char* kCasesHeader =
    "rank,case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,priority,"
    "first_day,last_day,evidence_key,evidence\n";

std::int64_t day(int y, unsigned m, unsigned d) {
  std::int64_t out = 0;
  days_from_date(y, m, d, out);
  return out;
}

// The error's place and message for reading `text` as `name` with `reader`.
template <typename Reader>
std::string error_of(const std::string& name, const std::string& text, Reader reader) {
  TempDir dir;
  try {
    reader(dir.write(name, text));
  } catch (const InputError& e) {
    const std::string what = e.what();
    return what.substr(what.find(name));
  }
  return "no error";
}

TEST(ScanFilesTest, ReadsFarms) {
  TempDir dir;
  const auto farms = read_farms_csv(dir.write(
      "farms.csv", std::string(kFarmsHeader) +
                       "S1,RU-IRK,M1;M2,0.97,120.5,40,2025-01-20,,no,,1,unregistered;over_capacity\n"
                       "\n"
                       "S2,RU-KEM,M3,0.5,8,3,,2025-03-01,partial,4,0,\n"));
  ASSERT_EQ(farms.size(), 2u);
  EXPECT_EQ(farms[0].meters, (std::vector<std::string>{"M1", "M2"}));
  EXPECT_EQ(farms[0].mining_kw, 120.5);
  EXPECT_EQ(farms[0].mining_start, day(2025, 1, 20));
  EXPECT_EQ(farms[0].mining_end, kNoDay);
  EXPECT_TRUE(farms[0].new_in_period);
  EXPECT_FALSE(farms[0].registered_kw);
  EXPECT_EQ(farms[0].violations, (std::vector<std::string>{"unregistered", "over_capacity"}));
  EXPECT_EQ(farms[1].registered, "partial");
  EXPECT_EQ(*farms[1].registered_kw, 4);
  EXPECT_TRUE(farms[1].violations.empty());
}

TEST(ScanFilesTest, ReadsCasesWithQuotedEvidence) {
  TempDir dir;
  const auto cases = read_cases_csv(
      dir.write("cases.csv",
                std::string(kCasesHeader) +
                    "1,C-1,S1,RU-IRK,M1,mining;unregistered,new,0.97,120,203040,1319760.5,1280167,2025-01-20,"
                    "2025-03-31,k1,\"Flat 2,890 kWh/day, \"\"day and night\"\"\"\n"
                    "2,C-2,,RU-MOW,M9,theft,open,0.8,,900,4410,3660,,,k2,plain\n"));
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].evidence, "Flat 2,890 kWh/day, \"day and night\"");
  EXPECT_EQ(cases[0].expected_value, 1319760.5);
  EXPECT_EQ(cases[0].kinds, (std::vector<std::string>{"mining", "unregistered"}));
  EXPECT_FALSE(cases[1].mining_kw);
  EXPECT_EQ(cases[1].first_day, kNoDay);
}

// Every kind the case builder can write reads back (the demo once stopped on a case with `balance`).
TEST(ScanFilesTest, ReadsEveryKindACaseCanCarry) {
  TempDir dir;
  std::string kinds;
  for (std::string_view k : kCaseKinds) kinds += (kinds.empty() ? "" : ";") + std::string(k);
  const auto cases = read_cases_csv(dir.write(
      "cases.csv", std::string(kCasesHeader) + "1,C-1,S1,RU-IRK,M1," + kinds + ",new,0.9,1,1,1,1,,,k,e\n"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].kinds.size(), kCaseKinds.size());
}

TEST(ScanFilesTest, ErrorsNameFileLineAndField) {
  const std::string farms = kFarmsHeader;
  EXPECT_EQ(error_of("farms.csv", farms + "S1,RU-IRK,M1,high,1,1,,,no,,0,\n", read_farms_csv),
            "farms.csv:2: field 'probability': not a number: 'high'");
  EXPECT_EQ(error_of("farms.csv", farms + "S1,RU-IRK,M1,1.2,1,1,,,no,,0,\n", read_farms_csv),
            "farms.csv:2: field 'probability': probability outside [0, 1]: '1.2'");
  EXPECT_EQ(error_of("farms.csv", farms + "S1,RU-IRK,M1,0.9,1,1,2025-02-30,,no,,0,\n", read_farms_csv),
            "farms.csv:2: field 'mining_start': not a date (YYYY-MM-DD): '2025-02-30'");
  EXPECT_EQ(error_of("farms.csv", farms + "S1,RU-IRK,M1,0.9,1,1,,,maybe,,0,\n", read_farms_csv),
            "farms.csv:2: field 'registered': must be yes|no|partial: 'maybe'");
  EXPECT_EQ(error_of("farms.csv", farms + "S1,RU-IRK,M1,0.9\n", read_farms_csv),
            "farms.csv:2: field 'mining_kw': missing field");
  EXPECT_EQ(error_of("farms.csv", "site,region\nS1,RU-IRK\n", read_farms_csv),
            "farms.csv:1: field 'meters': missing column");
  EXPECT_EQ(error_of("cases.csv",
                     std::string(kCasesHeader) + "1,C-1,S1,RU-IRK,M1,mining;magic,new,0.9,1,1,1,1,,,k,e\n",
                     read_cases_csv),
            "cases.csv:2: field 'kinds': unknown kind 'magic': 'mining;magic'");
  EXPECT_EQ(
      error_of("case_loads.csv", "case_id,meter_id,day,kwh\nC-1,M1,2025-01-01,x\n", read_case_loads_csv),
      "case_loads.csv:2: field 'kwh': not a number: 'x'");
  EXPECT_EQ(error_of("summary.json", "{\"period\": {\"from\": \"2025-01-01\", \"to\": \"soon\"}}",
                     read_summary_period),
            "summary.json: field 'period.to': missing or not a date (YYYY-MM-DD): '\"soon\"'");
}

TEST(ScanFilesTest, PeriodFromSummaryOrDerivedFromDays) {
  TempDir dir;
  dir.write("farms.csv", std::string(kFarmsHeader) + "S1,RU-IRK,M1,0.9,1,1,2025-01-20,,no,,1,\n");
  dir.write("cases.csv", std::string(kCasesHeader) +
                             "1,C-1,S1,RU-IRK,M1,mining,new,0.9,1,1,1,1,2025-01-20,"
                             "2025-02-10,k,e\n");
  dir.write("case_loads.csv", "case_id,meter_id,day,kwh\nC-1,M1,2025-01-05,3\nC-1,M1,2025-01-06,\n");
  dir.write("summary.json", "{\"tool\": \"minewatch scan\"}");
  const ScanFiles derived = read_scan_dir(dir.path().string());
  ASSERT_TRUE(derived.period);
  EXPECT_TRUE(derived.period->derived);
  EXPECT_EQ(derived.period->from, day(2025, 1, 5));
  EXPECT_EQ(derived.period->to, day(2025, 2, 10));
  EXPECT_FALSE(derived.loads[1].kwh);

  dir.write("summary.json", R"({"period": {"from": "2025-01-01", "to": "2025-03-31"}})");
  const ScanFiles given = read_scan_dir(dir.path().string());
  EXPECT_FALSE(given.period->derived);
  EXPECT_EQ(given.period->to, day(2025, 3, 31));
}

TEST(ScanFilesTest, MissingFileIsNamed) {
  TempDir dir;
  dir.write("summary.json", "{}");
  try {
    read_scan_dir(dir.path().string());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, dir.file("farms.csv"));
    EXPECT_NE(std::string(e.what()).find("missing file"), std::string::npos);
  }
}

}  // namespace
}  // namespace minewatch::report
