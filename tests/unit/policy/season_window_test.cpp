// SeasonWindow: local month-day windows, both ends inclusive, wrapping over the new year, leap days.
#include "minewatch/policy/season_window.h"

#include <gtest/gtest.h>

#include "minewatch/core/timestamp.h"

namespace minewatch::policy {
namespace {

std::int64_t day(const char* text) {
  return *parse_iso_day(text);
}

TEST(SeasonWindowTest, WinterWindowWrapsOverNewYearWithBothEndsInside) {
  const SeasonWindow winter{*parse_month_day("11-15"), *parse_month_day("03-15")};
  EXPECT_TRUE(winter.wraps());
  EXPECT_FALSE(winter.contains(day("2025-11-14")));
  EXPECT_TRUE(winter.contains(day("2025-11-15")));  // the first day
  EXPECT_TRUE(winter.contains(day("2025-12-31")));
  EXPECT_TRUE(winter.contains(day("2026-01-01")));
  EXPECT_TRUE(winter.contains(day("2026-03-15")));  // the last day
  EXPECT_FALSE(winter.contains(day("2026-03-16")));
  EXPECT_FALSE(winter.contains(day("2025-07-01")));
}

TEST(SeasonWindowTest, WindowInsideOneYear) {
  const SeasonWindow summer{*parse_month_day("06-01"), *parse_month_day("08-31")};
  EXPECT_FALSE(summer.wraps());
  EXPECT_FALSE(summer.contains(day("2025-05-31")));
  EXPECT_TRUE(summer.contains(day("2025-06-01")));
  EXPECT_TRUE(summer.contains(day("2025-08-31")));
  EXPECT_FALSE(summer.contains(day("2025-09-01")));
}

TEST(SeasonWindowTest, LeapDayInLeapAndCommonYears) {
  // A window ending on 02-29 ends on 02-28 in a common year and still takes 02-29 in a leap year.
  const SeasonWindow to_leap{*parse_month_day("12-01"), *parse_month_day("02-29")};
  EXPECT_TRUE(to_leap.contains(day("2028-02-29")));
  EXPECT_FALSE(to_leap.contains(day("2028-03-01")));
  EXPECT_TRUE(to_leap.contains(day("2027-02-28")));
  EXPECT_FALSE(to_leap.contains(day("2027-03-01")));
  // One starting on 02-29 starts on 03-01 in a common year.
  const SeasonWindow from_leap{*parse_month_day("02-29"), *parse_month_day("04-30")};
  EXPECT_TRUE(from_leap.contains(day("2028-02-29")));
  EXPECT_FALSE(from_leap.contains(day("2028-02-28")));
  EXPECT_FALSE(from_leap.contains(day("2027-02-28")));
  EXPECT_TRUE(from_leap.contains(day("2027-03-01")));
}

TEST(SeasonWindowTest, MonthDayParsing) {
  EXPECT_EQ(parse_month_day("02-29"), (MonthDay{2, 29}));
  EXPECT_FALSE(parse_month_day("02-30"));
  EXPECT_FALSE(parse_month_day("13-01"));
  EXPECT_FALSE(parse_month_day("1-15"));
  EXPECT_FALSE(parse_month_day("11/15"));
  EXPECT_FALSE(parse_month_day(""));
  EXPECT_EQ(format_month_day({3, 5}), "03-05");
}

}  // namespace
}  // namespace minewatch::policy
