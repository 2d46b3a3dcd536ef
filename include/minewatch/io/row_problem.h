// io layer: why a row (or one value of it) was rejected. The names are the keys of summary.json's
// "rejected_rows" and are documented in docs/formats.md.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace minewatch {

enum class RowProblem : std::uint8_t {
  none,
  missing_field,      // fewer fields than the header names
  empty_meter_id,     //
  invalid_utf8,       // bytes that are not UTF-8
  bad_timestamp,      // not a timestamp of an accepted form, or an impossible date/time
  bad_number,         // not a number (or NaN/inf)
  negative_value,     // energy below zero
  absurd_value,       // energy above the configured physical limit for one reading
  unknown_meter,      // not in the meter registry given with --meters
  late_reading,       // for a local day of its meter that is already closed
  duplicate_reading,  // a second reading for the same meter and interval (the first is kept)
  count_
};

inline constexpr std::size_t kRowProblemCount = static_cast<std::size_t>(RowProblem::count_);

constexpr std::string_view row_problem_name(RowProblem p) {
  constexpr std::array<std::string_view, kRowProblemCount> names = {
      "none",           "missing_field", "empty_meter_id", "invalid_utf8", "bad_timestamp",    "bad_number",
      "negative_value", "absurd_value",  "unknown_meter",  "late_reading", "duplicate_reading"};
  return names[static_cast<std::size_t>(p)];
}

// A rejected row's details, for the error message when rows are not skipped.
struct RowError {
  RowProblem problem = RowProblem::none;
  std::string_view field;  // the column's name in the header
  std::string_view text;   // the offending text
};

}  // namespace minewatch
