#include "minewatch/io/csv_rows.h"

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"

namespace minewatch {

bool next_csv_row(LineSplitter& lines, const std::string& path, std::uint64_t& line_no,
                  std::vector<std::string_view>& fields, std::string& unquoted) {
  std::string_view line;
  while (lines.next(line)) {
    ++line_no;
    line = trim(line);
    if (line.empty()) continue;
    if (!is_valid_utf8(line)) throw InputError({path, line_no, ""}, "invalid UTF-8", line);
    if (!split_csv_line(line, fields, unquoted))
      throw InputError({path, line_no, ""}, "unterminated quote", line);
    return true;
  }
  return false;
}

}  // namespace minewatch
