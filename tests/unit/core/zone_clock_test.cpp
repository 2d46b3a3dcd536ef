// ZoneClock: local days and wall-clock times in IANA zones, DST included, and the offset cache that must
// never change an answer.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/time_zone.h"
#include "minewatch/core/timestamp.h"

namespace minewatch {
namespace {

std::int64_t utc(std::string_view text) {
  TimestampParser parser;
  ParsedTimestamp out;
  EXPECT_TRUE(parser.parse(text, out)) << text;
  EXPECT_EQ(out.kind, TimestampKind::utc) << text;
  return out.seconds;
}

// Wall-clock seconds of a naive local time ("2025-03-30T01:30").
std::int64_t wall(std::string_view text) {
  TimestampParser parser;
  ParsedTimestamp out;
  EXPECT_TRUE(parser.parse(text, out)) << text;
  EXPECT_NE(out.kind, TimestampKind::utc) << text;
  return out.seconds;
}

std::int64_t day_number(std::string_view date) {
  return wall(date) / kSecondsPerDay;
}

const date::time_zone* zone(const char* name) {
  return date::locate_zone(name);
}

TEST(ZoneClock, NullZoneIsUtc) {
  ZoneClock clock(nullptr);
  const LocalDay day = clock.day_of(utc("2025-01-01T13:00:00Z"));
  EXPECT_EQ(day.day, day_number("2025-01-01"));
  EXPECT_EQ(day.start_utc, utc("2025-01-01T00:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2025-01-02T00:00:00Z"));
  EXPECT_EQ(clock.offset_at(utc("2025-07-01T00:00:00Z")), 0);
  EXPECT_EQ(clock.local_to_utc(wall("2025-07-01T05:00")), utc("2025-07-01T05:00:00Z"));
}

TEST(ZoneClock, UtcDaysBefore1970) {
  ZoneClock clock(nullptr);
  const LocalDay day = clock.day_of(-1);
  EXPECT_EQ(day.day, -1);
  EXPECT_EQ(day.start_utc, -86400);
  EXPECT_EQ(day.end_utc, 0);
}

TEST(ZoneClock, IrkutskDayStartsAtSixteenUtc) {
  ZoneClock clock(zone("Asia/Irkutsk"));  // UTC+8, no DST since 2014
  const LocalDay day = clock.day_of(utc("2025-01-01T17:00:00Z"));
  EXPECT_EQ(day.day, day_number("2025-01-02"));
  EXPECT_EQ(day.start_utc, utc("2025-01-01T16:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2025-01-02T16:00:00Z"));
  EXPECT_EQ(clock.day_of(utc("2025-01-01T15:59:59Z")).day, day_number("2025-01-01"));
  EXPECT_EQ(clock.offset_at(utc("2025-06-01T00:00:00Z")), 8 * 3600);
  EXPECT_EQ(clock.local_to_utc(wall("2025-01-02T00:00")), utc("2025-01-01T16:00:00Z"));
}

TEST(ZoneClock, DayAtGivesTheLocalMidnights) {
  ZoneClock clock(zone("Asia/Kamchatka"));  // UTC+12
  const LocalDay day = clock.day_at(day_number("2025-01-02"));
  EXPECT_EQ(day.day, day_number("2025-01-02"));
  EXPECT_EQ(day.start_utc, utc("2025-01-01T12:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2025-01-02T12:00:00Z"));
}

TEST(ZoneClock, LondonSpringForwardDayHas23Hours) {
  ZoneClock clock(zone("Europe/London"));
  const LocalDay day = clock.day_at(day_number("2025-03-30"));
  EXPECT_EQ(day.start_utc, utc("2025-03-30T00:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2025-03-30T23:00:00Z"));
  EXPECT_EQ(day.end_utc - day.start_utc, 23 * 3600);
  EXPECT_EQ(clock.day_of(utc("2025-03-30T22:59:59Z")).day, day.day);
  EXPECT_EQ(clock.day_of(utc("2025-03-30T23:00:00Z")).day, day.day + 1);
}

TEST(ZoneClock, LondonFallBackDayHas25Hours) {
  ZoneClock clock(zone("Europe/London"));
  const LocalDay day = clock.day_at(day_number("2025-10-26"));
  EXPECT_EQ(day.start_utc, utc("2025-10-25T23:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2025-10-27T00:00:00Z"));
  EXPECT_EQ(day.end_utc - day.start_utc, 25 * 3600);
  EXPECT_EQ(clock.day_of(utc("2025-10-25T23:00:00Z")).day, day.day);
  EXPECT_EQ(clock.day_of(utc("2025-10-25T22:59:59Z")).day, day.day - 1);
}

TEST(ZoneClock, LondonOffsetsFollowSummerTime) {
  ZoneClock clock(zone("Europe/London"));
  EXPECT_EQ(clock.offset_at(utc("2025-01-15T12:00:00Z")), 0);
  EXPECT_EQ(clock.offset_at(utc("2025-07-15T12:00:00Z")), 3600);
  EXPECT_EQ(clock.offset_at(utc("2025-03-30T00:59:59Z")), 0);
  EXPECT_EQ(clock.offset_at(utc("2025-03-30T01:00:00Z")), 3600);
  EXPECT_EQ(clock.offset_at(utc("2025-10-26T00:59:59Z")), 3600);
  EXPECT_EQ(clock.offset_at(utc("2025-10-26T01:00:00Z")), 0);
}

TEST(ZoneClock, NonexistentLocalTimeMapsToTheEndOfTheGap) {
  // 2025-03-30 01:00-02:00 does not exist in London: the clocks jumped from 01:00 GMT to 02:00 BST.
  ZoneClock clock(zone("Europe/London"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-03-30T01:30")), utc("2025-03-30T01:00:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-03-30T01:00")), utc("2025-03-30T01:00:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-03-30T00:59")), utc("2025-03-30T00:59:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-03-30T02:00")), utc("2025-03-30T01:00:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-03-30T02:30")), utc("2025-03-30T01:30:00Z"));
}

TEST(ZoneClock, AmbiguousLocalTimeMapsToTheEarlierInstant) {
  // 2025-10-26 01:00-02:00 happened twice in London: first in BST (UTC+1), then in GMT.
  ZoneClock clock(zone("Europe/London"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-10-26T01:30")), utc("2025-10-26T00:30:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-10-26T00:59")), utc("2025-10-25T23:59:00Z"));
  EXPECT_EQ(clock.local_to_utc(wall("2025-10-26T02:00")), utc("2025-10-26T02:00:00Z"));
}

TEST(ZoneClock, MidnightThatDoesNotExistStartsTheDayAfterTheGap) {
  // Chile moves its clocks at local midnight: 2024-09-08 00:00 -04 became 01:00 -03.
  ZoneClock clock(zone("America/Santiago"));
  const LocalDay day = clock.day_at(day_number("2024-09-08"));
  EXPECT_EQ(day.start_utc, utc("2024-09-08T04:00:00Z"));
  EXPECT_EQ(day.end_utc, utc("2024-09-09T03:00:00Z"));
  EXPECT_EQ(clock.day_of(utc("2024-09-08T04:00:00Z")).day, day.day);
  const LocalDay before = clock.day_of(utc("2024-09-08T03:59:59Z"));
  EXPECT_EQ(before.day, day.day - 1);
  EXPECT_EQ(before.end_utc, day.start_utc);
}

// A warm clock (offsets cached from earlier calls, in any order) answers exactly like a fresh one.
void expect_cache_is_invisible(const char* name, std::int64_t from, std::int64_t to, std::int64_t step) {
  const date::time_zone* z = zone(name);
  ZoneClock forward(z);
  ZoneClock backward(z);
  for (std::int64_t t = from; t < to; t += step) {
    ZoneClock fresh(z);
    const LocalDay expected = fresh.day_of(t);
    ASSERT_LE(expected.start_utc, t) << name << " " << format_utc(t);
    ASSERT_LT(t, expected.end_utc) << name << " " << format_utc(t);
    const LocalDay got = forward.day_of(t);
    ASSERT_EQ(got.day, expected.day) << name << " " << format_utc(t);
    ASSERT_EQ(got.start_utc, expected.start_utc) << name << " " << format_utc(t);
    ASSERT_EQ(got.end_utc, expected.end_utc) << name << " " << format_utc(t);
    ZoneClock fresh_local(z);
    ASSERT_EQ(forward.local_to_utc(t), fresh_local.local_to_utc(t)) << name << " local " << format_utc(t);
  }
  for (std::int64_t t = to; t > from; t -= step) {
    ZoneClock fresh(z);
    ASSERT_EQ(backward.day_of(t).start_utc, fresh.day_of(t).start_utc) << name << " " << format_utc(t);
    ZoneClock fresh_local(z);
    ASSERT_EQ(backward.local_to_utc(t), fresh_local.local_to_utc(t)) << name << " local " << format_utc(t);
  }
}

TEST(ZoneClock, CachedOffsetsNeverChangeAnAnswer) {
  expect_cache_is_invisible("Europe/London", utc("2025-03-25T00:00:00Z"), utc("2025-04-04T00:00:00Z"), 900);
  expect_cache_is_invisible("Europe/London", utc("2025-10-21T00:00:00Z"), utc("2025-10-31T00:00:00Z"), 900);
  expect_cache_is_invisible("America/Santiago", utc("2024-09-04T00:00:00Z"), utc("2024-09-12T00:00:00Z"),
                            900);
  expect_cache_is_invisible("Asia/Irkutsk", utc("2024-12-29T00:00:00Z"), utc("2025-01-04T00:00:00Z"), 1800);
}

}  // namespace
}  // namespace minewatch
