// MeterEngine: readings grouped into local days of the meter's zone, at 15/30/60-minute and daily resolution.
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

TEST(MeterEngineDays, ReadingAt17UtcIsTheNextLocalDayInIrkutsk) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(irkutsk);
  EXPECT_EQ(engine.zone(m), irkutsk);
  ASSERT_EQ(engine.apply(m, ts("2025-01-01T17:00:00Z"), 1.0f), RowProblem::none);
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 1u);
  EXPECT_EQ(sink.days[0].first, m);
  EXPECT_EQ(sink.days[0].second.day, day_number("2025-01-02"));
  EXPECT_EQ(sink.days[0].second.start_utc, utc("2025-01-01T16:00:00Z"));
}

TEST(MeterEngineDays, HourlyDaysCloseAtLocalMidnight) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(irkutsk);
  const std::int64_t first = utc("2025-01-01T16:00:00Z");
  for (int h = 0; h < 48; ++h)
    ASSERT_EQ(engine.apply(m, at(first + h * 3600), 1.0f + (h % 24 == 3 ? 1.0f : 0.0f)), RowProblem::none);
  ASSERT_EQ(sink.days.size(), 1u) << "the first day closes when the second one starts";
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 2u);
  for (int d = 0; d < 2; ++d) {
    const DayRecord& day = sink.days[static_cast<std::size_t>(d)].second;
    EXPECT_EQ(day.day, day_number("2025-01-02") + d);
    EXPECT_EQ(day.start_utc, first + d * 86400);
    EXPECT_EQ(day.interval_s, 3600);
    EXPECT_EQ(day.readings, 24);
    EXPECT_EQ(day.expected, 24);
    EXPECT_EQ(day.hours, 24);
    EXPECT_TRUE(day.complete());
    EXPECT_TRUE(day.has_hourly_shape());
    EXPECT_FLOAT_EQ(day.kwh, 25.0f);
    EXPECT_FLOAT_EQ(day.hourly_kwh[0], 1.0f);  // local 00:00-01:00
    EXPECT_FLOAT_EQ(day.hourly_kwh[3], 2.0f);  // local 03:00-04:00
    EXPECT_FLOAT_EQ(day.hourly_kwh[24], 0.0f);
  }
  EXPECT_EQ(sink.days[0].second.weekday, 3);  // 2025-01-02 was a Thursday
  EXPECT_EQ(sink.days[1].second.weekday, 4);
  const MeterHistory& history = engine.history(m);
  EXPECT_EQ(history.readings, 48u);
  EXPECT_EQ(history.days_closed, 2u);
  EXPECT_EQ(history.first_ts, first);
  EXPECT_EQ(history.last_ts, first + 47 * 3600);
  EXPECT_EQ(history.interval_s, 3600);
  EXPECT_EQ(history.late, 0u);
  EXPECT_EQ(history.duplicates, 0u);
}

// 15-, 30- and 60-minute data: the same hourly energy, the right number of expected readings.
TEST(MeterEngineDays, ExpectedReadingsFollowTheInterval) {
  for (const auto& [interval, expected] : {std::pair{900, 96}, std::pair{1800, 48}, std::pair{3600, 24}}) {
    ZoneTable zones;
    RecordingSink sink;
    MeterEngine engine(zones, sink);
    const MeterIndex m = engine.add_meter(0);
    const std::int64_t start = utc("2025-01-06T00:00:00Z");
    const float kwh_per_reading = 2.0f * static_cast<float>(interval) / 3600.0f;  // a steady 2 kW
    for (std::int64_t t = start; t < start + 3 * 86400; t += interval)
      engine.apply(m, at(t), kwh_per_reading);
    engine.close_all();
    ASSERT_EQ(sink.days.size(), 3u) << interval;
    for (const auto& [meter, day] : sink.days) {
      EXPECT_EQ(day.interval_s, interval);
      EXPECT_EQ(day.expected, expected) << interval;
      EXPECT_EQ(day.readings, expected) << interval;
      EXPECT_TRUE(day.has_hourly_shape());
      EXPECT_NEAR(day.kwh, 48.0f, 1e-3f);
      for (int h = 0; h < 24; ++h) EXPECT_NEAR(day.hourly_kwh[static_cast<std::size_t>(h)], 2.0f, 1e-5f) << h;
    }
  }
}

TEST(MeterEngineDays, DailyDataIsOneReadingPerLocalDay) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(irkutsk);
  for (const char* date : {"2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"}) {
    ASSERT_EQ(engine.apply(m, ts(date), 120.0f), RowProblem::none) << date;
  }
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const DayRecord& day = sink.days[i].second;
    EXPECT_EQ(day.day, day_number("2025-01-01") + static_cast<std::int64_t>(i));
    EXPECT_EQ(day.start_utc, utc("2024-12-31T16:00:00Z") + static_cast<std::int64_t>(i) * 86400);
    EXPECT_EQ(day.readings, 1);
    EXPECT_EQ(day.expected, 1);
    EXPECT_TRUE(day.complete());
    EXPECT_FALSE(day.has_hourly_shape());
    EXPECT_EQ(day.kwh, 120.0f);
  }
  EXPECT_EQ(engine.history(m).interval_s, 86400);
}

TEST(MeterEngineDays, NaiveTimesAreTheMetersWallClock) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(irkutsk);
  ASSERT_EQ(engine.apply(m, ts("2025-01-02T00:30"), 1.0f), RowProblem::none);
  ASSERT_EQ(engine.apply(m, ts("2025-01-02T23:30"), 1.0f), RowProblem::none);
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 1u);
  EXPECT_EQ(sink.days[0].second.day, day_number("2025-01-02"));
  EXPECT_EQ(engine.history(m).first_ts, utc("2025-01-01T16:30:00Z"));
  EXPECT_EQ(engine.history(m).last_ts, utc("2025-01-02T15:30:00Z"));
}

TEST(MeterEngineDays, MetersInDifferentZonesKeepTheirOwnDays) {
  ZoneTable zones;
  const ZoneId kamchatka = zones.intern("Asia/Kamchatka");
  const ZoneId kaliningrad = zones.intern("Europe/Kaliningrad");
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex east = engine.add_meter(kamchatka);
  const MeterIndex west = engine.add_meter(kaliningrad);
  EXPECT_EQ(engine.meter_count(), 2u);
  // 2025-01-01T12:00Z is midnight of Jan 2 in Kamchatka (UTC+12) and 14:00 of Jan 1 in Kaliningrad (UTC+2).
  for (MeterIndex m : {east, west}) engine.apply(m, ts("2025-01-01T11:00:00Z"), 1.0f);
  for (MeterIndex m : {east, west}) engine.apply(m, ts("2025-01-01T12:00:00Z"), 1.0f);
  ASSERT_EQ(sink.days.size(), 1u);
  EXPECT_EQ(sink.days[0].first, east);
  EXPECT_EQ(sink.days[0].second.day, day_number("2025-01-01"));
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 3u);
  EXPECT_EQ(sink.days[1].first, east);
  EXPECT_EQ(sink.days[1].second.day, day_number("2025-01-02"));
  EXPECT_EQ(sink.days[2].first, west);
  EXPECT_EQ(sink.days[2].second.day, day_number("2025-01-01"));
  EXPECT_EQ(sink.days[2].second.readings, 2);
}

TEST(MeterEngineDays, GapsLeaveIncompleteDays) {
  ZoneTable zones;
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const MeterIndex m = engine.add_meter(0);
  const std::int64_t start = utc("2025-01-06T00:00:00Z");
  for (int h = 0; h < 24; ++h) engine.apply(m, at(start + h * 3600), 1.0f);
  for (int h = 0; h < 24; ++h) {
    if (h < 6 || h >= 12) engine.apply(m, at(start + 86400 + h * 3600), 1.0f);  // a 6-hour outage
  }
  for (int h = 0; h < 24; ++h)
    ASSERT_EQ(engine.apply(m, at(start + 4 * 86400 + h * 3600), 1.0f), RowProblem::none);
  engine.close_all();
  ASSERT_GE(sink.days.size(), 3u);
  EXPECT_TRUE(sink.days.front().second.complete());
  const DayRecord& gap_day = sink.days[1].second;
  EXPECT_EQ(gap_day.day, day_number("2025-01-07"));
  EXPECT_EQ(gap_day.readings, 18);
  EXPECT_EQ(gap_day.expected, 24);
  EXPECT_FALSE(gap_day.complete());
  EXPECT_EQ(gap_day.hourly_kwh[7], 0.0f);
  EXPECT_EQ(sink.days.back().second.day, day_number("2025-01-10"));
  EXPECT_TRUE(sink.days.back().second.complete());
  std::uint16_t total = 0;
  for (const auto& [meter, day] : sink.days) total = static_cast<std::uint16_t>(total + day.readings);
  EXPECT_EQ(total, 66);
  EXPECT_EQ(engine.history(m).late, 0u);
}

TEST(MeterEngineDays, StateIsUnderOneKilobytePerMeter) {
  EXPECT_LT(MeterEngine::state_bytes_per_meter(), 1024u);
}

}  // namespace
}  // namespace minewatch
