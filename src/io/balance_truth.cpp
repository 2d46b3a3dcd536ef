#include "minewatch/io/balance_truth.h"

#include <charconv>
#include <cmath>
#include <unordered_set>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {
namespace {

// Energies over a whole window exceed float's 7 digits: parse them as double.
bool parse_double(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && std::isfinite(out);
}

// Reads the rows of a small CSV file, handing each row's field getter and line to `row`.
template <typename Row>
void for_each_row(const std::string& path, const CsvHeader& header, LineSplitter& lines, Row row) {
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
      if (!parse_double(t, v)) throw InputError({path, line_no, name}, "not a number", t);
      if (v < 0) throw InputError({path, line_no, name}, "negative value", t);
      return v;
    };
    row(text, number, line_no);
  }
}

}  // namespace

std::vector<TransformerTruth> load_transformer_truth(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader header = read_csv_header(lines, path);
  const std::size_t id = header.require("transformer_id");
  const std::size_t per_day = header.require("tap_kwh_per_day");
  const std::size_t total = header.find("tap_kwh");
  const std::size_t start = header.find("tap_start");
  const std::size_t kind = header.find("tap_kind");
  const std::size_t loss = header.find("loss_fraction");
  std::vector<TransformerTruth> out;
  std::unordered_set<std::string> seen;
  TimestampParser dates;
  for_each_row(path, header, lines, [&](auto text, auto number, std::uint64_t line) {
    TransformerTruth t;
    t.line = line;
    t.transformer_id = std::string(text(id));
    if (t.transformer_id.empty()) throw InputError({path, line, "transformer_id"}, "empty transformer id");
    if (!seen.insert(t.transformer_id).second)
      throw InputError({path, line, "transformer_id"}, "duplicate transformer id", t.transformer_id);
    t.tap_kwh_per_day = number(per_day, "tap_kwh_per_day", 0.0);
    t.tap_kwh = total == SIZE_MAX ? NAN : number(total, "tap_kwh", 0.0);
    t.loss_fraction = number(loss, "loss_fraction", NAN);
    t.tap_kind = std::string(text(kind));
    if (const auto s = text(start); !s.empty()) {
      ParsedTimestamp ts;
      if (!dates.parse(s, ts) || ts.kind != TimestampKind::local_date)
        throw InputError({path, line, "tap_start"}, "bad date (expected YYYY-MM-DD)", s);
      t.tap_start = floor_div(ts.seconds, kSecondsPerDay);
    }
    out.push_back(std::move(t));
  });
  return out;
}

std::vector<HiddenEnergyTruth> load_hidden_energy_truth(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader header = read_csv_header(lines, path);
  const std::size_t id = header.require("meter_id");
  const std::size_t transformer = header.require("transformer_id");
  const std::size_t hidden = header.require("hidden_kwh");
  std::vector<HiddenEnergyTruth> out;
  for_each_row(path, header, lines, [&](auto text, auto number, std::uint64_t line) {
    HiddenEnergyTruth h;
    h.meter_id = std::string(text(id));
    if (h.meter_id.empty()) throw InputError({path, line, "meter_id"}, "empty meter id");
    h.transformer_id = std::string(text(transformer));
    h.hidden_kwh = number(hidden, "hidden_kwh", 0.0);
    if (h.hidden_kwh > 0) out.push_back(std::move(h));
  });
  return out;
}

}  // namespace minewatch
