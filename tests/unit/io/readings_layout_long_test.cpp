// ReadingsLayout, long layout: one reading per row, columns found by name (with aliases) in any order.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/io/readings_layout.h"
#include "unit/io/readings_layout_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::parse_row;

constexpr std::int64_t k2025 = 1735689600;

ReadingsLayout long_layout(std::string_view header) {
  return ReadingsLayout::from_header(header, "readings.csv", ReadingsFormat::automatic);
}

TEST(ReadingsLayoutLong, CanonicalHeader) {
  const auto layout = long_layout("meter_id,ts,kwh");
  EXPECT_EQ(layout.format(), ReadingsFormat::long_csv);
  EXPECT_EQ(layout.meter_column(), 0u);
  EXPECT_EQ(layout.column_count(), 3u);
  EXPECT_EQ(layout.column_name(2), "kwh");
  EXPECT_EQ(layout.wide_interval_seconds(), 0);
  EXPECT_FALSE(layout.has_flag());
  const auto row = parse_row(layout, "m1,2025-01-01T00:15:00Z,0.412");
  ASSERT_EQ(row.problem, RowProblem::none);
  ASSERT_EQ(row.readings.size(), 1u);
  EXPECT_EQ(row.readings[0].ts.seconds, k2025 + 900);
  EXPECT_EQ(row.readings[0].ts.kind, TimestampKind::utc);
  EXPECT_EQ(row.readings[0].kwh, 0.412f);
}

TEST(ReadingsLayoutLong, ColumnsInAnyOrder) {
  const auto layout = long_layout("kwh,ts,meter_id");
  EXPECT_EQ(layout.meter_column(), 2u);
  const auto row = parse_row(layout, "1.5,1735689600,m7");
  ASSERT_EQ(row.problem, RowProblem::none);
  EXPECT_EQ(row.readings[0].kwh, 1.5f);
  EXPECT_EQ(row.readings[0].ts.seconds, k2025);
}

TEST(ReadingsLayoutLong, OptionalChannelsAndUnknownColumnsAreAccepted) {
  const auto layout = long_layout("meter_id,ts,kwh,kvarh,voltage_v,current_a,pf,comment");
  EXPECT_EQ(layout.format(), ReadingsFormat::long_csv);
  const auto row = parse_row(layout, "m1,2025-01-01T00:00:00Z,1.0,0.2,230.1,4.5,0.97,anything at all");
  EXPECT_EQ(row.problem, RowProblem::none);
  const auto blank = parse_row(layout, "m1,2025-01-01T00:00:00Z,1.0,,,,,");
  EXPECT_EQ(blank.problem, RowProblem::none);
}

TEST(ReadingsLayoutLong, HeaderNamesAreCaseAndSpaceInsensitive) {
  const auto layout = long_layout(" Meter_ID , TS ,KWH\r");
  EXPECT_EQ(layout.format(), ReadingsFormat::long_csv);
  EXPECT_EQ(parse_row(layout, "m1,2025-01-01T00:00:00Z,1").problem, RowProblem::none);
}

TEST(ReadingsLayoutLong, ByteOrderMarkIsSkipped) {
  const auto layout = long_layout("\xef\xbb\xbfmeter_id,ts,kwh");
  EXPECT_EQ(layout.column_name(0), "meter_id");
  EXPECT_EQ(layout.meter_column(), 0u);
}

TEST(ReadingsLayoutLong, AliasesOfRealExports) {
  struct Case {
    const char* header;
    const char* row;
    std::size_t meter_column;
  };
  const Case cases[] = {
      {"LCLid,tstp,energy(kWh/hh)", "MAC000002,2012-10-12 00:30:00.0000000,0.263", 0},  // London smart meters
      {"customer_id,reading_datetime,general_supply_kwh", "8170837,2013-01-01 00:30:00,0.141", 0},  // Ausgrid
      {"meter,timestamp,value", "m1,2025-01-01T00:00:00Z,2", 0},
      {"datetime,consumption_kwh,meterid", "2025-01-01T00:00:00Z,2,m1", 2},
      {"id,time,energy_kwh", "m1,2025-01-01T00:00:00Z,2", 0},
      {"meter_id,interval_start,energy", "m1,2025-01-01T00:00:00Z,2", 0},
  };
  for (const auto& c : cases) {
    const auto layout = long_layout(c.header);
    EXPECT_EQ(layout.format(), ReadingsFormat::long_csv) << c.header;
    EXPECT_EQ(layout.meter_column(), c.meter_column) << c.header;
    const auto row = parse_row(layout, c.row);
    EXPECT_EQ(row.problem, RowProblem::none) << c.header << " / " << c.row << ": " << row.field;
  }
}

TEST(ReadingsLayoutLong, DailyLongDataWithADateColumn) {
  const auto layout = long_layout("meter_id,date,kwh");
  EXPECT_EQ(layout.format(), ReadingsFormat::long_csv);
  const auto row = parse_row(layout, "m1,2025-01-01,24.5");
  ASSERT_EQ(row.problem, RowProblem::none);
  EXPECT_EQ(row.readings[0].ts.kind, TimestampKind::local_date);
}

void expect_missing_column(std::string_view header, const std::string& field) {
  try {
    long_layout(header);
    FAIL() << "no error for " << header;
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, "readings.csv");
    EXPECT_EQ(e.place().line, 1u);
    EXPECT_EQ(e.place().field, field) << header;
    EXPECT_EQ(std::string(e.what()).rfind("readings.csv:1: field '" + field + "': missing column", 0), 0u)
        << e.what();
  }
}

TEST(ReadingsLayoutLong, MissingColumnNamesTheField) {
  expect_missing_column("ts,kwh", "meter_id");
  expect_missing_column("meter_id,kwh", "ts");
  expect_missing_column("meter_id,ts", "kwh");
  expect_missing_column("meter_id,ts,watts", "kwh");
}

TEST(ReadingsLayoutLong, MissingColumnWhenLongIsRequested) {
  try {
    ReadingsLayout::from_header("meter_id,ts", "r.csv", ReadingsFormat::long_csv);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "kwh");
  }
}

TEST(ReadingsLayoutLong, EmptyOrBrokenHeaderIsAnInputError) {
  EXPECT_THROW(long_layout(""), InputError);
  EXPECT_THROW(long_layout("\r"), InputError);
  EXPECT_THROW(long_layout("\"meter_id,ts,kwh"), InputError);
  try {
    long_layout("meter_id,ts,kwh\xff");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 1u);
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
  }
}

TEST(ReadingsFormatNames, RoundTrip) {
  for (auto f : {ReadingsFormat::automatic, ReadingsFormat::long_csv, ReadingsFormat::sgcc,
                 ReadingsFormat::wide_interval}) {
    ReadingsFormat back = ReadingsFormat::automatic;
    ASSERT_TRUE(parse_readings_format(readings_format_name(f), back)) << readings_format_name(f);
    EXPECT_EQ(back, f);
  }
  EXPECT_STREQ(readings_format_name(ReadingsFormat::wide_interval), "wide-interval");
  ReadingsFormat out{};
  EXPECT_FALSE(parse_readings_format("wide", out));
  EXPECT_FALSE(parse_readings_format("LONG", out));
}

}  // namespace
}  // namespace minewatch
