// io layer: reading the data rows of a small CSV file held in memory (registries, events), with the checks
// every such file needs: blank lines skipped, UTF-8 and quoting validated, errors naming file and line.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {

// Advances to the next non-blank line, splits it into `fields` and sets `line_no` (1-based) to its line.
// Returns false at the end; throws InputError for invalid UTF-8 or an unterminated quote.
bool next_csv_row(LineSplitter& lines, const std::string& path, std::uint64_t& line_no,
                  std::vector<std::string_view>& fields, std::string& unquoted);

// A finite double in the whole of `text` (energies over a window exceed float's 7 digits).
inline bool parse_csv_double(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && std::isfinite(out);
}

// Reads the data rows after `header`, calling row(text, number, line) for each: text(col) is the trimmed
// field (empty for the column SIZE_MAX, i.e. an optional column the file lacks); number(col, name, blank) a
// non-negative number, `blank` when the field is empty, InputError naming file, line and field otherwise.
template <typename Row>
void for_each_csv_row(const std::string& path, const CsvHeader& header, LineSplitter& lines, Row row) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < header.names.size())
      throw InputError({path, line_no, header.names[fields.size()]}, "missing field");
    const auto text = [&](std::size_t col) {
      return col == SIZE_MAX ? std::string_view{} : trim(fields[col]);
    };
    const auto number = [&](std::size_t col, const char* name, double blank) {
      const auto t = text(col);
      if (t.empty()) return blank;
      double v = 0;
      if (!parse_csv_double(t, v)) throw InputError({path, line_no, name}, "not a number", t);
      if (v < 0) throw InputError({path, line_no, name}, "negative value", t);
      return v;
    };
    row(text, number, line_no);
  }
}

}  // namespace minewatch
