#include "minewatch/io/truth_table.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {
namespace {

// The columns evaluation and training read; any other column (theft_type, tamper, ...) is ignored.
struct TruthColumns {
  std::size_t id = SIZE_MAX;
  std::size_t meter_class = SIZE_MAX;
  std::size_t mining_kw = SIZE_MAX;
  std::size_t rig_model = SIZE_MAX;
  std::size_t rig_count = SIZE_MAX;
  std::size_t mining_start = SIZE_MAX;
  std::size_t mining_end = SIZE_MAX;
  std::size_t disguise = SIZE_MAX;
  std::size_t behaviour = SIZE_MAX;
  std::size_t region = SIZE_MAX;
  std::size_t site_id = SIZE_MAX;
  std::size_t true_kwh = SIZE_MAX;
  std::size_t mining_kwh = SIZE_MAX;
  std::size_t theft_type = SIZE_MAX;
  std::size_t theft_start = SIZE_MAX;
  std::size_t tamper = SIZE_MAX;
};

TruthColumns find_columns(const CsvHeader& header) {
  TruthColumns c;
  c.id = header.require("meter_id");
  c.meter_class = header.require("class");
  c.mining_kw = header.require("mining_kw");
  c.mining_kwh = header.require("mining_kwh");
  c.rig_model = header.find("rig_model");
  c.rig_count = header.find("rig_count");
  c.mining_start = header.find("mining_start");
  c.mining_end = header.find("mining_end");
  c.disguise = header.find("disguise");
  c.behaviour = header.find("behaviour");
  c.region = header.find("region");
  c.site_id = header.find("site_id");
  c.true_kwh = header.find("true_kwh");
  c.theft_type = header.find("theft_type");
  c.theft_start = header.find("theft_start");
  c.tamper = header.find("tamper");
  return c;
}

// Parses one data row's fields into a TruthRow; `place` names the file and line for errors.
class RowParser {
 public:
  RowParser(const std::vector<std::string_view>& fields, InputPlace place)
      : fields_(fields), place_(std::move(place)) {}

  std::string_view text(std::size_t col) const {
    return col == SIZE_MAX ? std::string_view{} : trim(fields_[col]);
  }

  // A non-negative number, or NaN when blank.
  float number(std::size_t col, const char* name) const {
    const auto t = text(col);
    if (t.empty()) return NAN;
    float v = 0;
    if (!parse_float(t, v)) throw error(name, "not a number", t);
    if (v < 0) throw error(name, "negative value", t);
    return v;
  }

  int count(std::size_t col, const char* name) const {
    const auto t = text(col);
    if (t.empty()) return 0;
    int v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc{} || end != t.data() + t.size() || v < 0)
      throw error(name, "not a non-negative whole number", t);
    return v;
  }

  std::int64_t date(std::size_t col, const char* name) {
    const auto t = text(col);
    if (t.empty()) return kNoDay;
    ParsedTimestamp ts;
    if (!dates_.parse(t, ts) || ts.kind != TimestampKind::local_date)
      throw error(name, "bad date (expected YYYY-MM-DD)", t);
    return floor_div(ts.seconds, kSecondsPerDay);
  }

  InputError error(const char* field, std::string_view problem, std::string_view offending = {}) const {
    InputPlace place = place_;
    place.field = field;
    return InputError(std::move(place), problem, offending);
  }

 private:
  const std::vector<std::string_view>& fields_;
  InputPlace place_;
  TimestampParser dates_;
};

std::vector<std::string> split_tags(std::string_view text) {
  const auto tags = split_semicolon_list(text);
  return {tags.begin(), tags.end()};
}

}  // namespace

bool TruthRow::has_behaviour(std::string_view tag) const {
  return std::find(behaviour.begin(), behaviour.end(), tag) != behaviour.end();
}

TruthTable TruthTable::load(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader csv = read_csv_header(lines, path);
  const std::vector<std::string>& header = csv.names;
  const TruthColumns c = find_columns(csv);

  TruthTable table;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < header.size())
      throw InputError({path, line_no, header[fields.size()]}, "missing field");
    RowParser p(fields, {path, line_no, ""});
    TruthRow row;
    row.line = line_no;
    row.meter_id = std::string(p.text(c.id));
    if (row.meter_id.empty()) throw p.error("meter_id", "empty meter id");
    row.meter_class = std::string(p.text(c.meter_class));
    if (row.meter_class.empty()) throw p.error("class", "empty class");
    row.mining_kw = p.number(c.mining_kw, "mining_kw");
    row.rig_model = std::string(p.text(c.rig_model));
    row.rig_count = p.count(c.rig_count, "rig_count");
    row.mining_start = p.date(c.mining_start, "mining_start");
    row.mining_end = p.date(c.mining_end, "mining_end");
    row.disguise = std::string(p.text(c.disguise));
    row.behaviour = split_tags(p.text(c.behaviour));
    row.region = std::string(p.text(c.region));
    row.site_id = std::string(p.text(c.site_id));
    row.true_kwh = p.number(c.true_kwh, "true_kwh");
    const float mining_kwh = p.number(c.mining_kwh, "mining_kwh");
    row.mining_kwh = std::isnan(mining_kwh) ? 0.0 : mining_kwh;
    row.theft_type = std::string(p.text(c.theft_type));
    row.theft_start = p.date(c.theft_start, "theft_start");
    row.tamper = std::string(p.text(c.tamper));
    table.rows_.push_back(std::move(row));
  }
  table.index_.reserve(table.rows_.size());
  for (std::size_t i = 0; i < table.rows_.size(); ++i) {
    const TruthRow& row = table.rows_[i];
    if (!table.index_.emplace(row.meter_id, i).second)
      throw InputError({path, row.line, "meter_id"}, "duplicate meter id", row.meter_id);
  }
  return table;
}

TruthTable::TruthTable(const TruthTable& other) : rows_(other.rows_) {
  build_index();
}

TruthTable& TruthTable::operator=(const TruthTable& other) {
  if (this != &other) {
    rows_ = other.rows_;
    build_index();
  }
  return *this;
}

void TruthTable::build_index() {
  index_.clear();
  index_.reserve(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) index_.emplace(rows_[i].meter_id, i);
}

const TruthRow* TruthTable::find(std::string_view meter_id) const {
  const auto it = index_.find(meter_id);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

}  // namespace minewatch
