// Fuzzes ReadingsLayout: a header (first line, layout chosen by the first byte) and rows through parse().
// Bad input may only ever be an InputError or a RowProblem; accepted readings are finite, within the limits,
// and the plain-long fast path never accepts what the general path would read differently.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/io/readings_layout.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr ReadingsFormat kFormats[] = {ReadingsFormat::automatic, ReadingsFormat::long_csv,
                                         ReadingsFormat::sgcc, ReadingsFormat::wide_interval};
  const ReadingsFormat requested = kFormats[data[0] % 4];
  LineSplitter lines(minewatch::fuzz::as_text(data + 1, size - 1));
  std::string_view header;
  if (!lines.next(header)) return 0;

  ReadingsLayout layout;
  try {
    layout = ReadingsLayout::from_header(header, "fuzz.csv", requested);
  } catch (const InputError&) {
    return 0;
  }
  check(layout.format() != ReadingsFormat::automatic, "the layout stayed automatic");
  check(requested == ReadingsFormat::automatic || layout.format() == requested,
        "the requested layout was ignored");
  check(layout.meter_column() < layout.column_count(), "the meter column is outside the header");

  ValueLimits limits;
  limits.max_reading_kwh = 1000.0f;
  TimestampParser timestamps;
  TimestampParser fast_timestamps;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::vector<ParsedReading> readings;
  std::string_view row;
  while (lines.next(row)) {
    if (!split_csv_line(row, fields, unquoted)) continue;
    RowError error;
    const RowProblem problem = layout.parse(fields, timestamps, limits, readings, error);
    if (problem != RowProblem::none) {
      check(error.problem == problem, "the RowError names another problem");
      // A rejected row gives no reading, except that a negative one is handed back, last, as reverse-flow
      // evidence (decision 0008); a long row then holds just that one.
      if (problem == RowProblem::negative_value) {
        check(!readings.empty() && readings.back().kwh < 0,
              "a negative_value row without its negative reading");
        check(readings.size() == 1 || layout.format() != ReadingsFormat::long_csv,
              "a rejected long row gave more than its negative reading");
      } else {
        check(readings.empty() || layout.format() != ReadingsFormat::long_csv,
              "a rejected long row gave a reading");
      }
      continue;
    }
    check(readings.size() <= layout.column_count(), "more readings than columns");
    for (std::size_t i = 0; i < readings.size(); ++i) {
      check(std::isfinite(readings[i].kwh), "a non-finite reading");
      check(readings[i].kwh >= 0 && readings[i].kwh <= limits.max_reading_kwh,
            "a reading outside the limits");
      if (i > 0) check(readings[i - 1].ts.seconds < readings[i].ts.seconds, "readings of a row out of order");
    }
    if (layout.format() == ReadingsFormat::long_csv)
      check(readings.size() == 1, "a long row without one reading");
  }

  // The fast path of plain "meter,ts,kwh" rows agrees with the general path whenever it accepts a row.
  if (layout.is_plain_long()) {
    LineSplitter again(minewatch::fuzz::as_text(data + 1, size - 1));
    again.next(row);
    while (again.next(row)) {
      std::string_view id;
      if (!first_field_fast(row, id) || id.size() >= row.size()) continue;
      ParsedReading fast;
      if (!layout.parse_plain_long_rest(row.substr(id.size() + 1), fast_timestamps, limits, fast)) continue;
      check(split_csv_line(row, fields, unquoted), "a row the fast path read does not split");
      RowError error;
      check(layout.parse(fields, timestamps, limits, readings, error) == RowProblem::none,
            "the general path rejects a row the fast path read");
      check(readings.size() == 1 && readings[0].kwh == fast.kwh &&
                readings[0].ts.seconds == fast.ts.seconds && readings[0].ts.kind == fast.ts.kind,
            "the fast path read a row differently");
    }
  }
  return 0;
}
