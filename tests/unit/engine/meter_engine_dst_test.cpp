// MeterEngine on DST days in Europe/London: 23- and 25-hour local days, with their expected readings.
#include <gtest/gtest.h>

#include <map>

#include "minewatch/engine/meter_engine.h"
#include "unit/engine/engine_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::at;
using minewatch::testing::day_number;
using minewatch::testing::RecordingSink;
using minewatch::testing::ts;
using minewatch::testing::utc;

// Feeds steady 1 kW readings every `interval` seconds over [from, to) and returns the closed days by day
// number.
std::map<std::int64_t, DayRecord> run_london(std::int64_t from, std::int64_t to, int interval) {
  ZoneTable zones;
  const ZoneId london = zones.intern("Europe/London");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(london);
  const float kwh = static_cast<float>(interval) / 3600.0f;
  for (std::int64_t t = from; t < to; t += interval) EXPECT_EQ(engine.apply(m, at(t), kwh), RowProblem::none);
  engine.close_all();
  std::map<std::int64_t, DayRecord> days;
  for (const auto& [meter, day] : sink.days) days[day.day] = day;
  return days;
}

TEST(MeterEngineDst, SpringForwardDayHas92QuarterHours) {
  // Local days 2025-03-29 (GMT) to 2025-03-31 (BST): from 2025-03-29T00:00Z to 2025-03-31T23:00Z.
  const auto days = run_london(utc("2025-03-29T00:00:00Z"), utc("2025-03-31T23:00:00Z"), 900);
  ASSERT_EQ(days.size(), 3u);
  const DayRecord& before = days.at(day_number("2025-03-29"));
  const DayRecord& spring = days.at(day_number("2025-03-30"));
  const DayRecord& after = days.at(day_number("2025-03-31"));
  EXPECT_EQ(before.hours, 24);
  EXPECT_EQ(before.expected, 96);
  EXPECT_EQ(spring.hours, 23);
  EXPECT_EQ(spring.expected, 92);
  EXPECT_EQ(spring.readings, 92);
  EXPECT_TRUE(spring.complete());
  EXPECT_NEAR(spring.kwh, 23.0f, 1e-3f);
  EXPECT_EQ(spring.start_utc, utc("2025-03-30T00:00:00Z"));
  EXPECT_EQ(after.hours, 24);
  EXPECT_EQ(after.expected, 96);
  EXPECT_EQ(after.start_utc, utc("2025-03-30T23:00:00Z"));
  EXPECT_EQ(after.readings, 96);
}

TEST(MeterEngineDst, FallBackDayHas100QuarterHours) {
  // Local days 2025-10-25 (BST) to 2025-10-27 (GMT): from 2025-10-24T23:00Z to 2025-10-28T00:00Z.
  const auto days = run_london(utc("2025-10-24T23:00:00Z"), utc("2025-10-28T00:00:00Z"), 900);
  ASSERT_EQ(days.size(), 3u);
  const DayRecord& fall = days.at(day_number("2025-10-26"));
  EXPECT_EQ(fall.hours, 25);
  EXPECT_EQ(fall.expected, 100);
  EXPECT_EQ(fall.readings, 100);
  EXPECT_TRUE(fall.complete());
  EXPECT_NEAR(fall.kwh, 25.0f, 1e-3f);
  EXPECT_EQ(fall.start_utc, utc("2025-10-25T23:00:00Z"));
  EXPECT_NEAR(fall.hourly_kwh[24], 1.0f, 1e-5f);  // the 25th hour has its own slot
  EXPECT_EQ(days.at(day_number("2025-10-25")).expected, 96);
  EXPECT_EQ(days.at(day_number("2025-10-27")).expected, 96);
}

TEST(MeterEngineDst, HourlyAndHalfHourlyDataOnDstDays) {
  const auto hourly = run_london(utc("2025-03-29T00:00:00Z"), utc("2025-03-31T23:00:00Z"), 3600);
  EXPECT_EQ(hourly.at(day_number("2025-03-30")).expected, 23);
  EXPECT_EQ(hourly.at(day_number("2025-03-30")).readings, 23);
  const auto half = run_london(utc("2025-10-24T23:00:00Z"), utc("2025-10-28T00:00:00Z"), 1800);
  EXPECT_EQ(half.at(day_number("2025-10-26")).expected, 50);
  EXPECT_EQ(half.at(day_number("2025-10-26")).readings, 50);
}

// Local wall-clock readings during the repeated hour resolve to its first occurrence, so the second one
// collides with it (ZoneClock's documented choice for ambiguous times).
TEST(MeterEngineDst, RepeatedLocalHourCollapsesIntoItsFirstOccurrence) {
  ZoneTable zones;
  const ZoneId london = zones.intern("Europe/London");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(london);
  EXPECT_EQ(engine.apply(m, ts("2025-10-26T00:30"), 1.0f), RowProblem::none);
  EXPECT_EQ(engine.apply(m, ts("2025-10-26T01:30"), 1.0f), RowProblem::none);
  EXPECT_EQ(engine.apply(m, ts("2025-10-26T01:30"), 1.0f), RowProblem::duplicate_reading);
  EXPECT_EQ(engine.history(m).first_ts, utc("2025-10-25T23:30:00Z"));
  EXPECT_EQ(engine.history(m).last_ts, utc("2025-10-26T00:30:00Z"));
}

// Daily data (one reading per local day) has an interval of one day, whatever the length of the days between.
TEST(MeterEngineDst, DailyDataKeepsAOneDayIntervalAcrossDst) {
  ZoneTable zones;
  const ZoneId london = zones.intern("Europe/London");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(london);
  for (const char* date : {"2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31", "2025-04-01"}) {
    ASSERT_EQ(engine.apply(m, ts(date), 100.0f), RowProblem::none) << date;
  }
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 5u);
  EXPECT_EQ(sink.days[2].second.hours, 23);
  for (const auto& [meter, day] : sink.days) {
    EXPECT_EQ(day.expected, 1);
    EXPECT_TRUE(day.complete());
  }
  EXPECT_EQ(engine.history(m).interval_s, 86400);
}

}  // namespace
}  // namespace minewatch
