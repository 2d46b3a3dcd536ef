// The simulator's hand-made formatting and its calendar helpers.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/timestamp.h"
#include "minewatch/sim/calendar.h"
#include "minewatch/sim/rng.h"
#include "minewatch/sim/simulator.h"
#include "minewatch/sim/text_format.h"

namespace minewatch::sim {
namespace {

std::string fixed(double v, int decimals) {
  char buffer[40];
  return std::string(buffer, write_fixed(buffer, v, decimals));
}

std::string signed_fixed(double v, int decimals) {
  char buffer[40];
  return std::string(buffer, write_signed_fixed(buffer, v, decimals));
}

std::string utc(std::int64_t t) {
  UtcFormatter f;
  char buffer[24];
  return std::string(buffer, f.write(buffer, t));
}

TEST(SimText, FixedDecimalsRoundHalfAwayAndNeverGoNegative) {
  EXPECT_EQ(fixed(0.4124, 3), "0.412");
  EXPECT_EQ(fixed(0.4125, 3), "0.413");
  EXPECT_EQ(fixed(12.0, 3), "12.000");
  EXPECT_EQ(fixed(0.0, 3), "0.000");
  EXPECT_EQ(fixed(-0.2, 3), "0.000");
  EXPECT_EQ(fixed(1234567.8915, 3), "1234567.892");
  EXPECT_EQ(fixed(2.5, 0), "3");
  EXPECT_EQ(signed_fixed(-12.34, 1), "-12.3");
  EXPECT_EQ(signed_fixed(-0.04, 1), "0.0");
  EXPECT_EQ(signed_fixed(7.25, 1), "7.3");
}

TEST(SimText, UtcTimestampsMatchTheCoreFormatter) {
  for (std::int64_t t : {0LL, 1735689600LL, 1735689600LL + 1800, 1740787199LL, 951782400LL, -86400LL, -1LL})
    EXPECT_EQ(utc(t), format_utc(t)) << t;
  UtcFormatter f;  // the cached date must follow a change of day
  char buffer[24];
  EXPECT_EQ(std::string(buffer, f.write(buffer, 1735689600 - 1800)), "2024-12-31T23:30:00Z");
  EXPECT_EQ(std::string(buffer, f.write(buffer, 1735689600)), "2025-01-01T00:00:00Z");
}

TEST(SimText, IntervalsMustDivideADay) {
  int s = 0;
  EXPECT_TRUE(parse_interval("30m", s));
  EXPECT_EQ(s, 1800);
  EXPECT_TRUE(parse_interval("15m", s));
  EXPECT_EQ(s, 900);
  EXPECT_TRUE(parse_interval("1h", s));
  EXPECT_EQ(s, 3600);
  EXPECT_TRUE(parse_interval("60m", s));
  EXPECT_EQ(s, 3600);
  EXPECT_TRUE(parse_interval("2h", s));
  EXPECT_EQ(s, 7200);
  EXPECT_FALSE(parse_interval("5m", s));  // finer than the engine's 15-minute grain
  EXPECT_FALSE(parse_interval("7m", s));
  EXPECT_FALSE(parse_interval("0m", s));
  EXPECT_FALSE(parse_interval("m", s));
  EXPECT_FALSE(parse_interval("30x", s));
  EXPECT_FALSE(parse_interval("2d", s));
}

TEST(SimCalendar, DatesSeasonsAndDaylight) {
  std::int64_t d = 0;
  ASSERT_TRUE(parse_date("2025-03-01", d));
  const CivilDate c = civil_from_days(d);
  EXPECT_EQ(c.year, 2025);
  EXPECT_EQ(c.month, 3);
  EXPECT_EQ(c.day, 1);
  EXPECT_EQ(day_of_year(d), 59);
  EXPECT_EQ(weekday_of(d), 5);  // a Saturday
  EXPECT_FALSE(parse_date("2025-02-29", d));
  EXPECT_NEAR(daylength_hours(0.0, 100), 12.0, 0.01);
  EXPECT_NEAR(daylength_hours(55.75, 171), 17.5, 0.4);  // Moscow at midsummer
  EXPECT_NEAR(daylength_hours(55.75, 354), 7.0, 0.4);   // and at midwinter
  EXPECT_EQ(daylength_hours(69.0, 354), 0.0);           // Murmansk: polar night
  HolidayCalendar holidays({"01-07", "05-09"});
  EXPECT_TRUE(holidays.is_holiday({2025, 5, 9}));
  EXPECT_FALSE(holidays.is_holiday({2025, 5, 10}));
}

TEST(SimRng, StreamsDependOnlyOnTheirKey) {
  Rng a(7, Domain::meter, 12), b(7, Domain::meter, 12), c(7, Domain::meter, 13),
      d(7, Domain::transformer, 12);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(Rng(7, Domain::meter, 12).next(), c.next());
  EXPECT_NE(Rng(7, Domain::meter, 12).next(), d.next());
  // The normal variates have the moments they should.
  Rng r(1, Domain::plan, 0);
  double sum = 0, sum2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double z = r.normal();
    sum += z;
    sum2 += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sum2 / n, 1.0, 0.02);
}

}  // namespace
}  // namespace minewatch::sim
