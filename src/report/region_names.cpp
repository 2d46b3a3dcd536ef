#include "minewatch/report/region_names.h"

#include <algorithm>
#include <vector>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::report {

std::map<std::string, std::string> read_region_names(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  std::string_view line;
  std::uint64_t line_no = 0;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::size_t code = SIZE_MAX, name = SIZE_MAX;  // found on the header, the first line that is not a comment
  std::map<std::string, std::string> names;
  while (lines.next(line)) {
    ++line_no;
    line = trim(line);
    if (line.empty() || line.starts_with('#')) continue;
    if (!split_csv_line(line, fields, unquoted))
      throw InputError({path, line_no, ""}, "unterminated quote", line);
    if (code == SIZE_MAX) {
      const auto column = [&](std::string_view wanted) {
        const auto it = std::find(fields.begin(), fields.end(), wanted);
        if (it == fields.end()) throw InputError({path, line_no, std::string(wanted)}, "missing column");
        return static_cast<std::size_t>(it - fields.begin());
      };
      code = column("region");
      name = column("name");
      continue;
    }
    if (fields.size() <= std::max(code, name))
      throw InputError({path, line_no, fields.size() <= code ? "region" : "name"}, "missing field");
    names[std::string(trim(fields[code]))] = std::string(trim(fields[name]));
  }
  return names;
}

}  // namespace minewatch::report
