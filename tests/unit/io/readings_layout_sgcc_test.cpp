// ReadingsLayout, sgcc layout: CONS_NO[,FLAG],<date>... with one daily kWh per date column, dates in any
// order.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/io/readings_layout.h"
#include "unit/io/readings_layout_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::day_of;
using minewatch::testing::parse_row;

ReadingsLayout layout_of(std::string_view header, ReadingsFormat requested = ReadingsFormat::automatic) {
  return ReadingsLayout::from_header(header, "sgcc.csv", requested);
}

TEST(ReadingsLayoutSgcc, RecognisedByConsNo) {
  const auto layout = layout_of("CONS_NO,FLAG,2014/1/10,2014/1/2,2014/1/1");
  EXPECT_EQ(layout.format(), ReadingsFormat::sgcc);
  EXPECT_EQ(layout.meter_column(), 0u);
  ASSERT_TRUE(layout.has_flag());
  EXPECT_EQ(layout.flag_column(), 1u);
}

TEST(ReadingsLayoutSgcc, ReadingsComeOutInDayOrderWhateverTheColumnOrder) {
  const auto layout = layout_of("CONS_NO,FLAG,2014/1/10,2014/1/2,2014/1/1");
  const auto row = parse_row(layout, "0387DD8A07E07FDA6271170F86AD9151,1,3.5,2.25,1.0");
  ASSERT_EQ(row.problem, RowProblem::none);
  ASSERT_EQ(row.readings.size(), 3u);
  EXPECT_EQ(row.readings[0].ts.seconds, day_of("2014-01-01") * kSecondsPerDay);
  EXPECT_EQ(row.readings[0].kwh, 1.0f);
  EXPECT_EQ(row.readings[1].ts.seconds, day_of("2014-01-02") * kSecondsPerDay);
  EXPECT_EQ(row.readings[1].kwh, 2.25f);
  EXPECT_EQ(row.readings[2].ts.seconds, day_of("2014-01-10") * kSecondsPerDay);
  EXPECT_EQ(row.readings[2].kwh, 3.5f);
  for (const auto& r : row.readings) EXPECT_EQ(r.ts.kind, TimestampKind::local_date);
}

TEST(ReadingsLayoutSgcc, BlankCellsAreMissingDays) {
  const auto layout = layout_of("CONS_NO,FLAG,2014/1/1,2014/1/2,2014/1/3");
  const auto row = parse_row(layout, "A1,0,4.0,, ");
  ASSERT_EQ(row.problem, RowProblem::none);
  ASSERT_EQ(row.readings.size(), 1u);
  EXPECT_EQ(row.readings[0].kwh, 4.0f);
  const auto empty = parse_row(layout, "A2,0,,,");
  EXPECT_EQ(empty.problem, RowProblem::none);
  EXPECT_TRUE(empty.readings.empty());
}

TEST(ReadingsLayoutSgcc, FlagIsOptional) {
  const auto layout = layout_of("CONS_NO,2014/1/1,2014/1/2");
  EXPECT_EQ(layout.format(), ReadingsFormat::sgcc);
  EXPECT_FALSE(layout.has_flag());
  const auto row = parse_row(layout, "A1,1.5,2.5");
  ASSERT_EQ(row.problem, RowProblem::none);
  EXPECT_EQ(row.readings.size(), 2u);
}

TEST(ReadingsLayoutSgcc, FlagMustBeZeroOneOrBlank) {
  const auto layout = layout_of("CONS_NO,FLAG,2014/1/1");
  EXPECT_EQ(parse_row(layout, "A1,,1").problem, RowProblem::none);
  EXPECT_EQ(parse_row(layout, "A1,1,1").problem, RowProblem::none);
  const auto bad = parse_row(layout, "A1,2,1");
  EXPECT_EQ(bad.problem, RowProblem::bad_number);
  EXPECT_EQ(bad.field, "FLAG");
  EXPECT_EQ(bad.text, "2");
}

TEST(ReadingsLayoutSgcc, RecognisedByThreeDateColumnsWhateverTheIdColumn) {
  const auto layout = layout_of("meter_id,2014-01-01,2014-01-02,2014-01-03");
  EXPECT_EQ(layout.format(), ReadingsFormat::sgcc);
  EXPECT_EQ(layout.meter_column(), 0u);
  EXPECT_FALSE(layout.has_flag());
}

TEST(ReadingsLayoutSgcc, SameDateTwiceIsAnError) {
  try {
    layout_of("CONS_NO,FLAG,2014/1/1,2014/1/2,2014-01-01");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 1u);
    const std::string field = e.place().field;
    EXPECT_TRUE(field == "2014/1/1" || field == "2014-01-01") << field;
    EXPECT_NE(std::string(e.what()).find("same date"), std::string::npos) << e.what();
  }
}

TEST(ReadingsLayoutSgcc, ColumnThatIsNotADateIsAnError) {
  try {
    layout_of("CONS_NO,FLAG,2014/1/1,2014/1/2,total");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "total");
    EXPECT_EQ(std::string(e.what()).rfind("sgcc.csv:1: field 'total': ", 0), 0u) << e.what();
  }
  EXPECT_THROW(layout_of("CONS_NO,FLAG,2014/2/30", ReadingsFormat::sgcc), InputError);
}

TEST(ReadingsLayoutSgcc, NoDateColumnIsAnError) {
  EXPECT_THROW(layout_of("CONS_NO,FLAG"), InputError);
}

TEST(ReadingsLayoutSgcc, BadValuesNameTheirDateColumn) {
  const auto layout = layout_of("CONS_NO,FLAG,2014/1/2,2014/1/1");
  const auto bad = parse_row(layout, "A1,0,x,1");
  EXPECT_EQ(bad.problem, RowProblem::bad_number);
  EXPECT_EQ(bad.field, "2014/1/2");
  EXPECT_EQ(bad.text, "x");
  const auto negative = parse_row(layout, "A1,0,1,-3");
  EXPECT_EQ(negative.problem, RowProblem::negative_value);
  EXPECT_EQ(negative.field, "2014/1/1");
  const auto short_row = parse_row(layout, "A1,0,1");
  EXPECT_EQ(short_row.problem, RowProblem::missing_field);
  EXPECT_EQ(short_row.field, "2014/1/1");
}

TEST(ParseHeaderDate, AcceptedSpellings) {
  std::int64_t days = 0;
  ASSERT_TRUE(parse_header_date("2014/1/1", days));
  EXPECT_EQ(days, minewatch::testing::day_of("2014-01-01"));
  ASSERT_TRUE(parse_header_date("2014/01/10", days));
  EXPECT_EQ(days, minewatch::testing::day_of("2014-01-10"));
  ASSERT_TRUE(parse_header_date("2014-12-31", days));
  EXPECT_EQ(days, minewatch::testing::day_of("2014-12-31"));
  ASSERT_TRUE(parse_header_date("2016/2/29", days));
}

TEST(ParseHeaderDate, RefusedSpellings) {
  std::int64_t days = 0;
  for (const char* text : {"", "CONS_NO", "FLAG", "14/1/1", "2014/13/1", "2014/2/30", "2015/2/29", "2014/1",
                           "2014/1/1/1", "2014/1/x", "1/1/2014", "2014.1.1", "2014/-1/1"}) {
    EXPECT_FALSE(parse_header_date(text, days)) << text;
  }
}

}  // namespace
}  // namespace minewatch
