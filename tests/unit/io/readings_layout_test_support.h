// tests: parsing one row through a ReadingsLayout, for the layout tests.
#pragma once

#include <string>
#include <vector>

#include "minewatch/io/csv_fields.h"
#include "minewatch/io/readings_layout.h"

namespace minewatch::testing {

struct RowResult {
  RowProblem problem = RowProblem::none;
  std::string field;
  std::string text;
  std::vector<ParsedReading> readings;
};

inline RowResult parse_row(const ReadingsLayout& layout, std::string_view line, ValueLimits limits = {}) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  RowResult result;
  if (!split_csv_line(line, fields, unquoted)) {
    result.problem = RowProblem::missing_field;
    return result;
  }
  TimestampParser timestamps;
  RowError error;
  result.problem = layout.parse(fields, timestamps, limits, result.readings, error);
  if (result.problem != RowProblem::none) {
    EXPECT_EQ(error.problem, result.problem);
    result.field = std::string(error.field);
    result.text = std::string(error.text);
  }
  return result;
}

inline std::int64_t day_of(std::string_view date) {
  TimestampParser parser;
  ParsedTimestamp out;
  EXPECT_TRUE(parser.parse(date, out)) << date;
  return out.seconds / kSecondsPerDay;
}

}  // namespace minewatch::testing
