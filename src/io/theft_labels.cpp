#include "minewatch/io/theft_labels.h"

#include <algorithm>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {

TheftLabels TheftLabels::load(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader csv = read_csv_header(lines, path, true, "meter_id,flag[,theft_type] or CONS_NO,FLAG,...");
  const std::size_t id_col = csv.find("meter_id") != SIZE_MAX ? csv.find("meter_id") : csv.find("cons_no");
  if (id_col == SIZE_MAX) throw InputError({path, 1, "meter_id"}, "missing column (meter_id or CONS_NO)");
  const std::size_t type_col = csv.find("theft_type");
  // A simulator's truth.csv has no flag: there a meter is a thief when its theft_type is set.
  const std::size_t flag_col =
      type_col != SIZE_MAX && csv.find("flag") == SIZE_MAX ? SIZE_MAX : csv.require("flag");
  const std::size_t needed =
      std::max({id_col, flag_col == SIZE_MAX ? 0 : flag_col, type_col == SIZE_MAX ? 0 : type_col}) + 1;

  TheftLabels labels;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < needed) throw InputError({path, line_no, csv.names[fields.size()]}, "missing field");
    const std::string_view id = trim(fields[id_col]);
    if (id.empty()) throw InputError({path, line_no, csv.names[id_col]}, "empty meter id");
    const std::string_view type = type_col == SIZE_MAX ? std::string_view() : trim(fields[type_col]);
    const std::string_view flag = flag_col == SIZE_MAX ? (type.empty() ? "0" : "1") : trim(fields[flag_col]);
    if (flag.empty()) continue;
    if (flag != "0" && flag != "1")
      throw InputError({path, line_no, csv.names[flag_col]}, "flag must be 0 or 1", flag);
    TheftLabel label{flag == "1", std::string(type)};
    if (!labels.labels_.emplace(std::string(id), std::move(label)).second)
      throw InputError({path, line_no, csv.names[id_col]}, "meter listed twice", id);
  }
  return labels;
}

std::optional<TheftLabel> TheftLabels::find(std::string_view meter_id) const {
  const auto it = labels_.find(std::string(meter_id));
  if (it == labels_.end()) return std::nullopt;
  return it->second;
}

}  // namespace minewatch
