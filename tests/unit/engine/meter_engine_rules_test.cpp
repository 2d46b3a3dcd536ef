// MeterEngine's one rule for batch and stream: duplicates keep the first, late readings are rejected and
// leave closed days alone, out-of-order readings inside the open day are fine; watermarks and interval-end
// stamps.
#include <gtest/gtest.h>

#include "minewatch/engine/meter_engine.h"
#include "unit/engine/engine_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::at;
using minewatch::testing::day_number;
using minewatch::testing::RecordingSink;
using minewatch::testing::ts;
using minewatch::testing::utc;

class MeterEngineRules : public ::testing::Test {
 protected:
  MeterEngineRules() : engine_(zones_, sink_), meter_(engine_.add_meter(0)) {}

  // Hourly 1 kWh readings for all 24 hours of the UTC day starting at `day_start`.
  void full_day(std::int64_t day_start, float kwh = 1.0f) {
    for (int h = 0; h < 24; ++h)
      ASSERT_EQ(engine_.apply(meter_, at(day_start + h * 3600), kwh), RowProblem::none);
  }

  ZoneTable zones_;
  RecordingSink sink_;
  MeterEngine engine_;
  MeterIndex meter_;
  const std::int64_t day1_ = utc("2025-01-06T00:00:00Z");
  const std::int64_t day2_ = day1_ + 86400;
};

TEST_F(MeterEngineRules, DuplicateKeepsTheFirstReadingAndIsCounted) {
  ASSERT_EQ(engine_.apply(meter_, at(day1_), 1.0f), RowProblem::none);
  EXPECT_EQ(engine_.apply(meter_, at(day1_), 5.0f), RowProblem::duplicate_reading);
  ASSERT_EQ(engine_.apply(meter_, at(day1_ + 3600), 1.0f), RowProblem::none);
  engine_.close_all();
  ASSERT_EQ(sink_.days.size(), 1u);
  EXPECT_EQ(sink_.days[0].second.kwh, 2.0f);
  EXPECT_EQ(sink_.days[0].second.readings, 2);
  EXPECT_EQ(engine_.history(meter_).duplicates, 1u);
  EXPECT_EQ(engine_.history(meter_).readings, 2u);
}

TEST_F(MeterEngineRules, SecondReadingInTheSameQuarterHourIsADuplicate) {
  ASSERT_EQ(engine_.apply(meter_, at(day1_), 1.0f), RowProblem::none);
  EXPECT_EQ(engine_.apply(meter_, at(day1_ + 300), 1.0f), RowProblem::duplicate_reading);
  EXPECT_EQ(engine_.apply(meter_, at(day1_ + 900), 1.0f), RowProblem::none);
}

TEST_F(MeterEngineRules, DuplicateOfAnOutOfOrderReading) {
  ASSERT_EQ(engine_.apply(meter_, at(day1_ + 7200), 1.0f), RowProblem::none);
  ASSERT_EQ(engine_.apply(meter_, at(day1_ + 3600), 1.0f), RowProblem::none);
  EXPECT_EQ(engine_.apply(meter_, at(day1_ + 3600), 1.0f), RowProblem::duplicate_reading);
}

TEST_F(MeterEngineRules, LateReadingIsRejectedAndTheClosedDayIsUnchanged) {
  full_day(day1_);
  ASSERT_EQ(engine_.apply(meter_, at(day2_), 1.0f), RowProblem::none);  // closes day 1
  ASSERT_EQ(sink_.days.size(), 1u);
  const DayRecord closed = sink_.days[0].second;
  EXPECT_EQ(engine_.apply(meter_, at(day1_ + 5 * 3600 + 900), 9.0f), RowProblem::late_reading);
  EXPECT_EQ(engine_.apply(meter_, at(day1_ - 3600), 9.0f), RowProblem::late_reading);
  EXPECT_EQ(engine_.history(meter_).late, 2u);
  engine_.close_all();
  ASSERT_EQ(sink_.days.size(), 2u);
  EXPECT_EQ(sink_.days[0].second.day, closed.day);
  EXPECT_EQ(sink_.days[0].second.kwh, 24.0f);
  EXPECT_EQ(sink_.days[1].second.day, closed.day + 1);
  EXPECT_EQ(sink_.days[1].second.kwh, 1.0f);
  EXPECT_EQ(engine_.history(meter_).readings, 25u);
  EXPECT_EQ(engine_.history(meter_).first_ts, day1_);
}

TEST_F(MeterEngineRules, ReadingForAnUnseenDayBeforeTheOpenOneIsLate) {
  full_day(day1_);
  full_day(day1_ + 2 * 86400);  // day 3 opens: day 2 never had a reading
  EXPECT_EQ(engine_.apply(meter_, at(day2_ + 3600), 1.0f), RowProblem::late_reading);
}

TEST_F(MeterEngineRules, OutOfOrderWithinTheOpenDayIsAccepted) {
  for (int h : {0, 1, 2, 5, 4, 3, 6, 7, 8, 9, 10, 11, 23, 22, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21}) {
    ASSERT_EQ(engine_.apply(meter_, at(day1_ + h * 3600), static_cast<float>(h)), RowProblem::none) << h;
  }
  engine_.close_all();
  ASSERT_EQ(sink_.days.size(), 1u);
  const DayRecord& day = sink_.days[0].second;
  EXPECT_EQ(day.readings, 24);
  EXPECT_EQ(day.expected, 24);
  EXPECT_FLOAT_EQ(day.kwh, 276.0f);
  for (int h = 0; h < 24; ++h) EXPECT_EQ(day.hourly_kwh[static_cast<std::size_t>(h)], static_cast<float>(h));
  EXPECT_EQ(engine_.history(meter_).first_ts, day1_);
  EXPECT_EQ(engine_.history(meter_).last_ts, day1_ + 23 * 3600);
  EXPECT_EQ(engine_.history(meter_).interval_s, 3600);
}

TEST_F(MeterEngineRules, WatermarkClosesEndedDaysThenTheirReadingsAreLate) {
  full_day(day1_);
  engine_.close_days_ending_by(day2_ - 1);
  EXPECT_TRUE(sink_.days.empty()) << "day 1 has not ended yet";
  engine_.close_days_ending_by(day2_);
  ASSERT_EQ(sink_.days.size(), 1u);
  EXPECT_EQ(sink_.days[0].second.day, day_number("2025-01-06"));
  EXPECT_EQ(sink_.days[0].second.readings, 24);
  EXPECT_EQ(engine_.apply(meter_, at(day1_ + 12 * 3600 + 1800), 1.0f), RowProblem::late_reading);
  EXPECT_EQ(engine_.apply(meter_, at(day2_), 1.0f), RowProblem::none);
  engine_.close_days_ending_by(day2_ + 86400 * 10);
  engine_.close_all();
  ASSERT_EQ(sink_.days.size(), 2u);
  EXPECT_EQ(sink_.days[1].second.day, day_number("2025-01-07"));
  EXPECT_EQ(sink_.days[0].second.kwh, 24.0f);
}

TEST_F(MeterEngineRules, WatermarkOnlyClosesTheDaysThatEnded) {
  // Kamchatka (UTC+12) ends its local day 12 hours before UTC does.
  ZoneTable zones;
  const ZoneId kamchatka = zones.intern("Asia/Kamchatka");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex utc_meter = engine.add_meter(0);
  const MeterIndex kam_meter = engine.add_meter(kamchatka);
  engine.apply(utc_meter, at(day1_ + 3600), 1.0f);
  engine.apply(kam_meter, at(day1_ + 3600), 1.0f);  // local 13:00, day ends at 12:00Z
  engine.close_days_ending_by(day1_ + 12 * 3600);
  ASSERT_EQ(sink.days.size(), 1u);
  EXPECT_EQ(sink.days[0].first, kam_meter);
  engine.close_days_ending_by(day2_);
  ASSERT_EQ(sink.days.size(), 2u);
  EXPECT_EQ(sink.days[1].first, utc_meter);
}

TEST_F(MeterEngineRules, CloseAllEmitsEachOpenDayOnce) {
  full_day(day1_);
  engine_.close_all();
  engine_.close_all();
  engine_.close_days_ending_by(day2_ + 86400);
  EXPECT_EQ(sink_.days.size(), 1u);
  EXPECT_EQ(engine_.history(meter_).days_closed, 1u);
}

TEST_F(MeterEngineRules, MeterWithoutReadingsEmitsNothing) {
  engine_.close_all();
  EXPECT_TRUE(sink_.days.empty());
  EXPECT_EQ(engine_.history(meter_).readings, 0u);
}

// --timestamps end: "00:15" is the energy of 00:00-00:15, and "00:00" closes the previous day.
TEST(MeterEngineIntervalEnd, MidnightReadingBelongsToThePreviousDay) {
  ZoneTable zones;
  RecordingSink sink;
  EngineOptions options;
  options.timestamps_mark_interval_end = true;
  MeterEngine engine(zones, sink, options);
  const MeterIndex m = engine.add_meter(0);
  const std::int64_t day1 = utc("2025-01-06T00:00:00Z");
  for (int q = 1; q <= 96; ++q) ASSERT_EQ(engine.apply(m, at(day1 + q * 900), 0.25f), RowProblem::none) << q;
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 1u);
  const DayRecord& day = sink.days[0].second;
  EXPECT_EQ(day.day, day_number("2025-01-06"));
  EXPECT_EQ(day.readings, 96);
  EXPECT_EQ(day.expected, 96);
  EXPECT_FLOAT_EQ(day.hourly_kwh[0], 1.0f);            // 00:15, 00:30, 00:45, 01:00
  EXPECT_FLOAT_EQ(day.hourly_kwh[23], 1.0f);           // ... 24:00
  EXPECT_EQ(engine.history(m).last_ts, day1 + 86400);  // as written
}

TEST(MeterEngineIntervalEnd, WithoutTheOptionMidnightOpensTheNextDay) {
  ZoneTable zones;
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(0);
  const std::int64_t day1 = utc("2025-01-06T00:00:00Z");
  for (int q = 1; q <= 96; ++q) engine.apply(m, at(day1 + q * 900), 0.25f);
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 2u);
  EXPECT_EQ(sink.days[0].second.readings, 95);
  EXPECT_EQ(sink.days[1].second.readings, 1);
}

TEST(MeterEngineIntervalEnd, NaiveLocalEndStampsInIrkutsk) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  RecordingSink sink;
  EngineOptions options;
  options.timestamps_mark_interval_end = true;
  MeterEngine engine(zones, sink, options);
  const MeterIndex m = engine.add_meter(irkutsk);
  EXPECT_EQ(engine.apply(m, ts("2025-01-02T23:00"), 1.0f), RowProblem::none);
  EXPECT_EQ(engine.apply(m, ts("2025-01-03T00:00"), 1.0f), RowProblem::none);
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 1u);
  EXPECT_EQ(sink.days[0].second.day, day_number("2025-01-02"));
  EXPECT_EQ(sink.days[0].second.readings, 2);
}

}  // namespace
}  // namespace minewatch
