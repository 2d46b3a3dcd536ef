// run_batch_scan on the sgcc and wide-interval layouts, and with interval-end timestamps.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/time_zone.h"
#include "minewatch/pipeline/batch_scan.h"
#include "support/temp_dir.h"
#include "unit/pipeline/scan_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::by_id;
using minewatch::testing::TempDir;

BatchScanResult scan(const std::string& path, unsigned threads, EngineOptions engine = {}) {
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = {path};
  options.threads = threads;
  options.engine = engine;
  return run_batch_scan(options, zones);
}

TEST(BatchScanLayouts, SgccDailyRows) {
  TempDir dir;
  std::string header = "CONS_NO,FLAG";
  for (int d = 14; d >= 1; --d) header += ",2014/1/" + std::to_string(d);  // dates in reverse order
  std::string text = header + "\n";
  text += "FARM01,1";
  for (int d = 0; d < 14; ++d) text += ",120";
  text += "\nHOME02,0";
  for (int d = 0; d < 14; ++d) text += d % 4 == 0 ? "," : ",9.5";  // blanks are missing days
  text += "\n";
  const std::string path = dir.write("sgcc.csv", text);
  const auto one = scan(path, 1);
  minewatch::testing::expect_same_scan(one, scan(path, 2), "sgcc, 2 threads");
  ASSERT_EQ(one.files.size(), 1u);
  EXPECT_EQ(one.files[0].format, "sgcc");
  EXPECT_EQ(one.data_rows, 2u);
  const auto meters = by_id(one);
  const auto& farm = meters.at("FARM01");
  EXPECT_EQ(farm.history.readings, 14u);
  EXPECT_EQ(farm.history.interval_s, 86400);
  EXPECT_EQ(farm.features.complete_days, 14u);
  EXPECT_FALSE(farm.features.hourly_shape);
  EXPECT_NEAR(farm.features.mean_kw, 5.0f, 1e-4f);
  EXPECT_EQ(format_utc(farm.history.first_ts), "2014-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(farm.history.last_ts), "2014-01-14T00:00:00Z");
  EXPECT_EQ(meters.at("HOME02").history.readings, 10u);
}

TEST(BatchScanLayouts, WideIntervalRows) {
  TempDir dir;
  std::string text = "meter_id,date";
  for (int i = 0; i < 48; ++i) text += fmt::format(",{:02}:{:02}", i / 2, i % 2 * 30);
  text += "\n";
  for (int d = 6; d <= 12; ++d) {
    for (const char* id : {"w1", "w2"}) {
      text += fmt::format("{},2025-01-{:02}", id, d);
      for (int i = 0; i < 48; ++i) text += std::string(id) == "w1" ? ",2.5" : (i == 7 ? "," : ",0.4");
      text += "\n";
    }
  }
  const std::string path = dir.write("wide.csv", text);
  const auto one = scan(path, 1);
  minewatch::testing::expect_same_scan(one, scan(path, 2), "wide, 2 threads");
  EXPECT_EQ(one.files[0].format, "wide-interval");
  EXPECT_EQ(one.data_rows, 14u);
  const auto meters = by_id(one);
  EXPECT_EQ(meters.at("w1").history.readings, 7u * 48u);
  EXPECT_EQ(meters.at("w1").history.interval_s, 1800);
  EXPECT_EQ(meters.at("w1").features.complete_days, 7u);
  EXPECT_NEAR(meters.at("w1").features.mean_kw, 5.0f, 1e-4f);
  EXPECT_EQ(meters.at("w2").history.readings, 7u * 47u);
  EXPECT_EQ(format_utc(meters.at("w1").history.last_ts), "2025-01-12T23:30:00Z");
}

TEST(BatchScanLayouts, IntervalEndTimestamps) {
  TempDir dir;
  std::string text = "meter_id,ts,kwh\n";
  for (int q = 1; q <= 96; ++q)
    text += fmt::format("m1,{},0.25\n", format_utc(minewatch::testing::kScanStart + q * 900));
  const std::string path = dir.write("end.csv", text);
  EngineOptions end;
  end.timestamps_mark_interval_end = true;
  const auto marked = scan(path, 2, end);
  ASSERT_EQ(marked.meters.size(), 1u);
  EXPECT_EQ(marked.days_closed, 1u);
  EXPECT_EQ(marked.meters[0].features.complete_days, 1u);
  const auto unmarked = scan(path, 2);
  EXPECT_EQ(unmarked.days_closed, 2u);
}

}  // namespace
}  // namespace minewatch
