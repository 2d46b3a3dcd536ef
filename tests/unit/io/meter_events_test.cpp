// MeterEvents: events.csv counted per meter and code; bad rows are InputErrors naming file:line:field.
#include "minewatch/io/meter_events.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/io/meter_registry.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

constexpr std::int64_t k2025 = 1735689600;

TEST(MeterEvents, CountsPerMeterAndCode) {
  TempDir dir;
  const std::string path = dir.write("events.csv",
                                     "meter_id,ts,code\n"
                                     "m1,2025-01-03T00:00:00Z,cover_open\n"
                                     "m1,2025-01-01T00:00:00Z,magnetic_field\n"
                                     "m2,2025-01-02T00:00:00Z,power_loss\n"
                                     "m1,2025-01-02T00:00:00+03:00,cover_open\n");
  const auto events = MeterEvents::load(path, nullptr);
  EXPECT_EQ(events.total(), 4u);
  const MeterEventCounts* m1 = events.find("m1");
  ASSERT_NE(m1, nullptr);
  EXPECT_EQ(m1->total, 3u);
  EXPECT_EQ(m1->by_code.at("cover_open"), 2u);
  EXPECT_EQ(m1->by_code.at("magnetic_field"), 1u);
  EXPECT_EQ(m1->first_ts, k2025);
  EXPECT_EQ(m1->last_ts, k2025 + 2 * 86400);
  ASSERT_NE(events.find("m2"), nullptr);
  EXPECT_EQ(events.find("m2")->total, 1u);
  EXPECT_EQ(events.find("m3"), nullptr);
}

TEST(MeterEvents, ColumnsInAnyOrderNaiveTimesAsUtcBlankLinesSkipped) {
  TempDir dir;
  const std::string path =
      dir.write("events.csv", "code,meter_id,ts\r\n\r\nclock_set,m1,2025-01-01 06:00\r\n");
  const auto events = MeterEvents::load(path, nullptr);
  ASSERT_NE(events.find("m1"), nullptr);
  EXPECT_EQ(events.find("m1")->first_ts, k2025 + 6 * 3600);
  EXPECT_EQ(events.total(), 1u);
}

TEST(MeterEvents, HeaderOnlyMeansNoEvents) {
  TempDir dir;
  const auto events = MeterEvents::load(dir.write("events.csv", "meter_id,ts,code\n"), nullptr);
  EXPECT_EQ(events.total(), 0u);
}

void expect_error(const std::string& content, std::uint64_t line, const std::string& field,
                  const std::string& needle, const MeterRegistry* registry = nullptr) {
  TempDir dir;
  const std::string path = dir.write("events.csv", content);
  try {
    MeterEvents::load(path, registry);
    FAIL() << "no error for:\n" << content;
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, line) << e.what();
    EXPECT_EQ(e.place().field, field) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(MeterEvents, MissingColumn) {
  expect_error("meter_id,ts\nm1,2025-01-01T00:00:00Z\n", 1, "code", "missing column");
  expect_error("meter,ts,code\n", 1, "meter_id", "missing column");
}

TEST(MeterEvents, BadRows) {
  expect_error("meter_id,ts,code\nm1,2025-01-01T00:00:00Z,cover_open\nm1,soon,cover_open\n", 3, "ts",
               "bad timestamp: 'soon'");
  expect_error("meter_id,ts,code\nm1,2025-01-01T00:00:00Z,cover open!\n", 2, "code", "'cover open!'");
  expect_error("meter_id,ts,code\nm1,2025-01-01T00:00:00Z,\n", 2, "code", "bad event code");
  expect_error("meter_id,ts,code\n,2025-01-01T00:00:00Z,x\n", 2, "meter_id", "empty meter id");
  expect_error("meter_id,ts,code\nm1,2025-01-01T00:00:00Z\n", 2, "", "missing field");
  expect_error("meter_id,ts,code\nm\xc3,2025-01-01T00:00:00Z,x\n", 2, "", "UTF-8");
}

TEST(MeterEvents, UnknownMeterWithARegistry) {
  TempDir dir;
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const auto registry = MeterRegistry::load(dir.write("meters.csv", "meter_id,region\nm1,RU-IRK\n"), zones);
  expect_error("meter_id,ts,code\nm1,2025-01-01T00:00:00Z,x\nm9,2025-01-01T00:00:00Z,x\n", 3, "meter_id",
               "unknown meter", &registry);
}

TEST(MeterEvents, EmptyFileIsAnError) {
  TempDir dir;
  EXPECT_THROW(MeterEvents::load(dir.write("events.csv", ""), nullptr), InputError);
}

}  // namespace
}  // namespace minewatch
