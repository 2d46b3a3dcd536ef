// Balance files through the batch scan: days are the local days of the transformer's meters, and bad input
// stops with an InputError naming file, line and field.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/pipeline/balance_scan.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

constexpr const char* kMeters =
    "meter_id,region,tariff,transformer_id\n"
    "M1,RU-IRK,household,T1\n"
    "M2,RU-IRK,household,T1\n";

// Two days of hourly readings of T1, from local midnight in Irkutsk (UTC+8).
std::string balance_rows() {
  std::string rows;
  for (int h = 0; h < 48; ++h) {
    const int utc = h - 8;  // 2025-01-01 00:00 local is 2024-12-31 16:00Z
    const int day = utc < 0 ? 31 : (utc < 24 ? 1 : 2);
    const int hour = ((utc % 24) + 24) % 24;
    rows += day == 31 ? "T1,2024-12-31T" : (day == 1 ? "T1,2025-01-01T" : "T1,2025-01-02T");
    rows += (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00Z,1.5\n";
  }
  return rows;
}

std::string error_of(const TempDir& dir, const std::string& balance) {
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const MeterRegistry registry = MeterRegistry::load(dir.write("meters.csv", kMeters), zones);
  try {
    scan_balance_files({dir.write("balance.csv", balance)}, registry, BatchScanOptions{}, zones);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(BalanceScan, DaysAreLocalDaysOfTheTransformersMeters) {
  TempDir dir;
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const MeterRegistry registry = MeterRegistry::load(dir.write("meters.csv", kMeters), zones);
  BatchScanOptions options;
  options.threads = 1;
  const BalanceScanResult r = scan_balance_files(
      {dir.write("balance.csv", "transformer_id,ts,kwh\n" + balance_rows())}, registry, options, zones);
  ASSERT_EQ(r.transformers.size(), 1u);
  const TransformerSeries& t = r.transformers[0];
  EXPECT_EQ(t.transformer_id, "T1");
  EXPECT_EQ(r.readings_accepted, 48u);
  ASSERT_GE(t.series.size(), 1u);
  EXPECT_EQ(t.series.first_day(), 20089);  // 2025-01-01 local, not 2024-12-31 UTC
  EXPECT_NEAR(t.series[0].kwh, 36.0f, 1e-3);
}

TEST(BalanceScan, BadNumberNamesFileLineAndField) {
  TempDir dir;
  const std::string e =
      error_of(dir, "transformer_id,ts,kwh\nT1,2025-01-01T00:00:00Z,1.0\nT1,2025-01-01T01:00:00Z,abc\n");
  EXPECT_NE(e.find("balance.csv:3"), std::string::npos) << e;
  EXPECT_NE(e.find("field 'kwh'"), std::string::npos) << e;
}

TEST(BalanceScan, BadTimestampNamesFileLineAndField) {
  TempDir dir;
  const std::string e = error_of(dir, "transformer_id,ts,kwh\nT1,2025-13-01T00:00:00Z,1.0\n");
  EXPECT_NE(e.find("balance.csv:2"), std::string::npos) << e;
  EXPECT_NE(e.find("field 'ts'"), std::string::npos) << e;
}

TEST(BalanceScan, MissingTransformerColumnIsNamed) {
  TempDir dir;
  const std::string e = error_of(dir, "meter_id,ts,kwh\nT1,2025-01-01T00:00:00Z,1.0\n");
  EXPECT_NE(e.find("balance.csv:1"), std::string::npos) << e;
  EXPECT_NE(e.find("field 'transformer_id'"), std::string::npos) << e;
}

TEST(BalanceScan, TransformerNoMeterNamesIsABadRow) {
  TempDir dir;
  const std::string e = error_of(dir, "transformer_id,ts,kwh\nT9,2025-01-01T00:00:00Z,1.0\n");
  EXPECT_NE(e.find("balance.csv:2"), std::string::npos) << e;
  EXPECT_NE(e.find("field 'transformer_id'"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown meter"), std::string::npos) << e;
}

}  // namespace
}  // namespace minewatch
