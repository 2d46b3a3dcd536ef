// format_utc, format_day, days_from_date, floor_div and iso_weekday: the calendar arithmetic under every day.
#include <gtest/gtest.h>

#include "minewatch/core/timestamp.h"
#include "minewatch/engine/day_record.h"

namespace minewatch {
namespace {

TEST(FormatUtc, WritesIsoWithZ) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1735689600), "2025-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1735689600 + 13 * 3600 + 5 * 60 + 9), "2025-01-01T13:05:09Z");
  EXPECT_EQ(format_utc(1709164800 + 86399), "2024-02-29T23:59:59Z");
}

TEST(FormatUtc, InstantsBefore1970) {
  EXPECT_EQ(format_utc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_utc(-86400), "1969-12-31T00:00:00Z");
  EXPECT_EQ(format_utc(-86401), "1969-12-30T23:59:59Z");
}

TEST(FormatDay, WritesIsoDate) {
  EXPECT_EQ(format_day(0), "1970-01-01");
  EXPECT_EQ(format_day(-1), "1969-12-31");
  EXPECT_EQ(format_day(20089), "2025-01-01");
  EXPECT_EQ(format_day(19782), "2024-02-29");
}

TEST(DaysFromDate, CountsFromTheEpochAndRefusesMissingDays) {
  std::int64_t days = -7;
  ASSERT_TRUE(days_from_date(1970, 1, 1, days));
  EXPECT_EQ(days, 0);
  ASSERT_TRUE(days_from_date(2025, 1, 1, days));
  EXPECT_EQ(days, 20089);
  ASSERT_TRUE(days_from_date(1969, 12, 31, days));
  EXPECT_EQ(days, -1);
  ASSERT_TRUE(days_from_date(2000, 2, 29, days));
  EXPECT_FALSE(days_from_date(1900, 2, 29, days));
  EXPECT_FALSE(days_from_date(2025, 2, 29, days));
  EXPECT_FALSE(days_from_date(2025, 13, 1, days));
  EXPECT_FALSE(days_from_date(2025, 0, 1, days));
  EXPECT_FALSE(days_from_date(2025, 4, 31, days));
}

TEST(FormatDay, AgreesWithDaysFromDateOverFourHundredYears) {
  // 146097 days: one whole Gregorian cycle, 1900..2300.
  std::int64_t first = 0;
  ASSERT_TRUE(days_from_date(1900, 1, 1, first));
  for (std::int64_t d = first; d < first + 146097; d += 13) {
    const std::string text = format_day(d);
    const int year = std::stoi(text.substr(0, 4));
    const auto month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    const auto day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    std::int64_t back = 0;
    ASSERT_TRUE(days_from_date(year, month, day, back)) << text;
    ASSERT_EQ(back, d) << text;
  }
}

TEST(FloorDiv, RoundsTowardsMinusInfinity) {
  static_assert(floor_div(7, 2) == 3);
  static_assert(floor_div(-7, 2) == -4);
  EXPECT_EQ(floor_div(0, 86400), 0);
  EXPECT_EQ(floor_div(86399, 86400), 0);
  EXPECT_EQ(floor_div(86400, 86400), 1);
  EXPECT_EQ(floor_div(-1, 86400), -1);
  EXPECT_EQ(floor_div(-86400, 86400), -1);
  EXPECT_EQ(floor_div(-86401, 86400), -2);
  EXPECT_EQ(floor_div(7, -2), -4);
  EXPECT_EQ(floor_div(-7, -2), 3);
  EXPECT_EQ(floor_div(-6, 2), -3);
}

TEST(IsoWeekday, MondayIsZero) {
  EXPECT_EQ(iso_weekday(0), 3);   // 1970-01-01, a Thursday
  EXPECT_EQ(iso_weekday(-1), 2);  // 1969-12-31, a Wednesday
  EXPECT_EQ(iso_weekday(-7), 3);
  EXPECT_EQ(iso_weekday(20089), 2);  // 2025-01-01, a Wednesday
  EXPECT_EQ(iso_weekday(20093), 6);  // 2025-01-05, a Sunday
  EXPECT_EQ(iso_weekday(20094), 0);  // 2025-01-06, a Monday
}

}  // namespace
}  // namespace minewatch
