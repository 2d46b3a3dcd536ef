// ReadingsLayout::parse on long rows: each RowProblem kind, the field it names and the offending text.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/io/readings_layout.h"
#include "minewatch/io/row_problem.h"
#include "unit/io/readings_layout_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::parse_row;

const ReadingsLayout& layout() {
  static const ReadingsLayout l =
      ReadingsLayout::from_header("meter_id,ts,kwh,pf", "readings.csv", ReadingsFormat::automatic);
  return l;
}

void expect_problem(std::string_view row, RowProblem problem, const std::string& field,
                    const std::string& text, ValueLimits limits = {}) {
  const auto result = parse_row(layout(), row, limits);
  EXPECT_EQ(result.problem, problem) << row << " -> " << row_problem_name(result.problem);
  EXPECT_EQ(result.field, field) << row;
  EXPECT_EQ(result.text, text) << row;
  // A rejected row hands out no reading, except a negative one, kept as reverse-flow evidence (decision
  // 0008).
  if (problem != RowProblem::negative_value) {
    EXPECT_TRUE(result.readings.empty() || result.problem == RowProblem::none);
  }
}

TEST(ReadingsLayoutRows, GoodRowWithSpacesAroundValues) {
  const auto result = parse_row(layout(), "m1, 2025-01-01T00:00:00Z , 1.25 ,0.9");
  ASSERT_EQ(result.problem, RowProblem::none);
  ASSERT_EQ(result.readings.size(), 1u);
  EXPECT_EQ(result.readings[0].kwh, 1.25f);
}

TEST(ReadingsLayoutRows, MissingFieldNamesTheFirstAbsentColumn) {
  expect_problem("m1,2025-01-01T00:00:00Z", RowProblem::missing_field, "kwh", "");
  expect_problem("m1", RowProblem::missing_field, "ts", "");
}

TEST(ReadingsLayoutRows, BadTimestamp) {
  expect_problem("m1,2025-02-29T00:00:00Z,1,", RowProblem::bad_timestamp, "ts", "2025-02-29T00:00:00Z");
  expect_problem("m1,yesterday,1,", RowProblem::bad_timestamp, "ts", "yesterday");
  expect_problem("m1,,1,", RowProblem::bad_timestamp, "ts", "");
}

TEST(ReadingsLayoutRows, BadNumber) {
  expect_problem("m1,2025-01-01T00:00:00Z,abc,", RowProblem::bad_number, "kwh", "abc");
  expect_problem("m1,2025-01-01T00:00:00Z,,", RowProblem::bad_number, "kwh", "");
  expect_problem("m1,2025-01-01T00:00:00Z,NaN,", RowProblem::bad_number, "kwh", "NaN");
  expect_problem("m1,2025-01-01T00:00:00Z,inf,", RowProblem::bad_number, "kwh", "inf");
  expect_problem("m1,2025-01-01T00:00:00Z,1,x", RowProblem::bad_number, "pf", "x");
}

TEST(ReadingsLayoutRows, NegativeValue) {
  expect_problem("m1,2025-01-01T00:00:00Z,-0.5,", RowProblem::negative_value, "kwh", "-0.5");
  // The row is rejected, but the negative reading comes out with its time for the reverse-flow evidence.
  const auto negative = parse_row(layout(), "m1,2025-01-01T00:00:00Z,-0.5,");
  ASSERT_EQ(negative.readings.size(), 1u);
  EXPECT_EQ(negative.readings[0].kwh, -0.5f);
  EXPECT_EQ(negative.readings[0].ts.seconds, 1735689600);
  EXPECT_EQ(parse_row(layout(), "m1,2025-01-01T00:00:00Z,-0,").problem, RowProblem::none);
  EXPECT_EQ(parse_row(layout(), "m1,2025-01-01T00:00:00Z,0,").problem, RowProblem::none);
}

TEST(ReadingsLayoutRows, AbsurdValueAboveTheConfiguredLimit) {
  ValueLimits limits;
  limits.max_reading_kwh = 100.0f;
  expect_problem("m1,2025-01-01T00:00:00Z,100.5,", RowProblem::absurd_value, "kwh", "100.5", limits);
  EXPECT_EQ(parse_row(layout(), "m1,2025-01-01T00:00:00Z,100,", limits).problem, RowProblem::none);
  expect_problem("m1,2025-01-01T00:00:00Z,1e7,", RowProblem::absurd_value, "kwh", "1e7");
  EXPECT_EQ(parse_row(layout(), "m1,2025-01-01T00:00:00Z,999999,").problem, RowProblem::none);
}

TEST(ReadingsLayoutRows, TimestampIsCheckedBeforeTheValue) {
  expect_problem("m1,bad,abc,", RowProblem::bad_timestamp, "ts", "bad");
}

TEST(ReadingsLayoutRows, OutputIsClearedBeforeEachRow) {
  std::vector<std::string_view> fields = {"m1", "2025-01-01T00:00:00Z", "1", ""};
  TimestampParser timestamps;
  std::vector<ParsedReading> out(5);
  RowError error;
  ASSERT_EQ(layout().parse(fields, timestamps, {}, out, error), RowProblem::none);
  EXPECT_EQ(out.size(), 1u);
  fields[2] = "x";
  EXPECT_EQ(layout().parse(fields, timestamps, {}, out, error), RowProblem::bad_number);
  EXPECT_TRUE(out.empty());
}

TEST(RowProblemNames, AreTheSummaryKeys) {
  EXPECT_EQ(row_problem_name(RowProblem::none), "none");
  EXPECT_EQ(row_problem_name(RowProblem::missing_field), "missing_field");
  EXPECT_EQ(row_problem_name(RowProblem::empty_meter_id), "empty_meter_id");
  EXPECT_EQ(row_problem_name(RowProblem::invalid_utf8), "invalid_utf8");
  EXPECT_EQ(row_problem_name(RowProblem::bad_timestamp), "bad_timestamp");
  EXPECT_EQ(row_problem_name(RowProblem::bad_number), "bad_number");
  EXPECT_EQ(row_problem_name(RowProblem::negative_value), "negative_value");
  EXPECT_EQ(row_problem_name(RowProblem::absurd_value), "absurd_value");
  EXPECT_EQ(row_problem_name(RowProblem::unknown_meter), "unknown_meter");
  EXPECT_EQ(row_problem_name(RowProblem::late_reading), "late_reading");
  EXPECT_EQ(row_problem_name(RowProblem::duplicate_reading), "duplicate_reading");
  EXPECT_EQ(kRowProblemCount, 11u);
}

}  // namespace
}  // namespace minewatch
