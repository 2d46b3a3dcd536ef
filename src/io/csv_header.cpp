#include "minewatch/io/csv_header.h"

#include <algorithm>
#include <cctype>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"

namespace minewatch {

std::size_t CsvHeader::find(std::string_view name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? SIZE_MAX : static_cast<std::size_t>(it - names.begin());
}

std::size_t CsvHeader::require(std::string_view name) const {
  const std::size_t column = find(name);
  if (column == SIZE_MAX) throw InputError({path, 1, std::string(name)}, "missing column");
  return column;
}

CsvHeader read_csv_header(LineSplitter& lines, const std::string& path, bool lower_case,
                          std::string_view expected) {
  std::string_view line;
  if (!lines.next(line)) throw InputError({path, 1, ""}, "empty file: expected " + std::string(expected));
  if (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  std::vector<std::string_view> fields;
  std::string unquoted;
  if (!is_valid_utf8(line) || !split_csv_line(trim(line), fields, unquoted))
    throw InputError({path, 1, ""}, "malformed header", line);
  CsvHeader header;
  header.path = path;
  for (auto field : fields) {
    std::string name(trim(field));
    if (lower_case)
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    header.names.push_back(std::move(name));
  }
  return header;
}

std::string csv_quoted(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace minewatch
