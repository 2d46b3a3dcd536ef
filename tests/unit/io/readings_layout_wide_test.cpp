// ReadingsLayout, wide-interval layout: meter_id,date,<24|48|96 interval columns from local midnight>.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/io/readings_layout.h"
#include "unit/io/readings_layout_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::day_of;
using minewatch::testing::parse_row;

std::string wide_header(int intervals) {
  std::string header = "meter_id,date";
  for (int i = 0; i < intervals; ++i) header += ",v" + std::to_string(i + 1);
  return header;
}

std::string wide_row(const std::string& meter, const std::string& date, int intervals,
                     const std::string& value) {
  std::string row = meter + "," + date;
  for (int i = 0; i < intervals; ++i) row += "," + value;
  return row;
}

TEST(ReadingsLayoutWide, IntervalFollowsTheColumnCount) {
  const std::pair<int, std::int64_t> cases[] = {{24, 3600}, {48, 1800}, {96, 900}};
  for (const auto& [intervals, seconds] : cases) {
    const auto layout =
        ReadingsLayout::from_header(wide_header(intervals), "w.csv", ReadingsFormat::automatic);
    EXPECT_EQ(layout.format(), ReadingsFormat::wide_interval) << intervals;
    EXPECT_EQ(layout.wide_interval_seconds(), seconds) << intervals;
    EXPECT_EQ(layout.meter_column(), 0u);
  }
}

TEST(ReadingsLayoutWide, OneLocalReadingPerIntervalFromMidnight) {
  const auto layout = ReadingsLayout::from_header(wide_header(48), "w.csv", ReadingsFormat::automatic);
  const auto row = parse_row(layout, wide_row("m1", "2025-01-01", 48, "0.5"));
  ASSERT_EQ(row.problem, RowProblem::none);
  ASSERT_EQ(row.readings.size(), 48u);
  const std::int64_t midnight = day_of("2025-01-01") * kSecondsPerDay;
  for (std::size_t i = 0; i < row.readings.size(); ++i) {
    EXPECT_EQ(row.readings[i].ts.kind, TimestampKind::local);
    EXPECT_EQ(row.readings[i].ts.seconds, midnight + static_cast<std::int64_t>(i) * 1800);
    EXPECT_EQ(row.readings[i].kwh, 0.5f);
  }
}

TEST(ReadingsLayoutWide, BlankIntervalsAreMissing) {
  const auto layout = ReadingsLayout::from_header(wide_header(24), "w.csv", ReadingsFormat::automatic);
  std::string row = "m1,2025-01-01,1";
  for (int i = 1; i < 23; ++i) row += ",";
  row += ",2";
  const auto parsed = parse_row(layout, row);
  ASSERT_EQ(parsed.problem, RowProblem::none);
  ASSERT_EQ(parsed.readings.size(), 2u);
  EXPECT_EQ(parsed.readings[1].ts.seconds - parsed.readings[0].ts.seconds, 23 * 3600);
  EXPECT_EQ(parsed.readings[1].kwh, 2.0f);
}

TEST(ReadingsLayoutWide, WrongIntervalCountIsAnErrorNamingTheCount) {
  for (int intervals : {1, 10, 23, 25, 47, 95, 97, 120}) {
    try {
      ReadingsLayout::from_header(wide_header(intervals), "w.csv", ReadingsFormat::wide_interval);
      FAIL() << "no error for " << intervals;
    } catch (const InputError& e) {
      EXPECT_EQ(e.place().line, 1u);
      EXPECT_NE(std::string(e.what()).find("found " + std::to_string(intervals)), std::string::npos)
          << e.what();
    }
  }
}

TEST(ReadingsLayoutWide, WrongIntervalCountIsAnErrorWhenDetected) {
  for (int intervals : {23, 25, 47, 95, 97, 120}) {
    EXPECT_THROW(ReadingsLayout::from_header(wide_header(intervals), "w.csv", ReadingsFormat::automatic),
                 InputError)
        << intervals;
  }
}

TEST(ReadingsLayoutWide, MeterAndDateMustLead) {
  std::string header = "date,meter_id";
  for (int i = 0; i < 24; ++i) header += ",h" + std::to_string(i);
  const auto swapped = ReadingsLayout::from_header(header, "w.csv", ReadingsFormat::automatic);
  EXPECT_EQ(swapped.format(), ReadingsFormat::wide_interval);
  EXPECT_EQ(swapped.meter_column(), 1u);
  std::string late = "x,meter_id,date";
  for (int i = 0; i < 24; ++i) late += ",h" + std::to_string(i);
  EXPECT_THROW(ReadingsLayout::from_header(late, "w.csv", ReadingsFormat::wide_interval), InputError);
}

TEST(ReadingsLayoutWide, MissingDateColumnNamesTheField) {
  std::string header = "meter_id,day_of_year";
  for (int i = 0; i < 24; ++i) header += ",h" + std::to_string(i);
  try {
    ReadingsLayout::from_header(header, "w.csv", ReadingsFormat::wide_interval);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "date");
  }
}

TEST(ReadingsLayoutWide, DateMustBeADate) {
  const auto layout = ReadingsLayout::from_header(wide_header(24), "w.csv", ReadingsFormat::automatic);
  for (const char* date : {"2025-02-30", "2025-01-01T00:00", "1735689600", "x"}) {
    const auto row = parse_row(layout, wide_row("m1", date, 24, "1"));
    EXPECT_EQ(row.problem, RowProblem::bad_timestamp) << date;
    EXPECT_EQ(row.field, "date") << date;
    EXPECT_EQ(row.text, date);
  }
}

TEST(ReadingsLayoutWide, BadValueNamesItsColumn) {
  const auto layout = ReadingsLayout::from_header(wide_header(24), "w.csv", ReadingsFormat::automatic);
  std::string row = "m1,2025-01-01";
  for (int i = 0; i < 24; ++i) row += i == 5 ? ",abc" : ",1";
  const auto parsed = parse_row(layout, row);
  EXPECT_EQ(parsed.problem, RowProblem::bad_number);
  EXPECT_EQ(parsed.field, "v6");
  EXPECT_EQ(parsed.text, "abc");
  const auto short_row = parse_row(layout, "m1,2025-01-01,1,2");
  EXPECT_EQ(short_row.problem, RowProblem::missing_field);
  EXPECT_EQ(short_row.field, "v3");
}

}  // namespace
}  // namespace minewatch
