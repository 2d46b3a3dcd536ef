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
  for_each_csv_row(path, header, lines, [&](auto text, auto number, std::uint64_t line) {
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
  for_each_csv_row(path, header, lines, [&](auto text, auto number, std::uint64_t line) {
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
