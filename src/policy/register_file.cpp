#include "minewatch/policy/register_file.h"

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"

namespace minewatch::policy {

std::vector<Registration> load_register_csv(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader header = read_csv_header(lines, path, true, "taxpayer_id,meter_id,capacity_kw,from,to");
  const std::size_t taxpayer = header.require("taxpayer_id");
  const std::size_t meter = header.require("meter_id");
  const std::size_t capacity = header.require("capacity_kw");
  const std::size_t from = header.find("from");
  const std::size_t to = header.find("to");
  std::vector<Registration> out;
  for_each_csv_row(path, header, lines, [&](auto text, auto number, std::uint64_t line) {
    Registration r;
    r.taxpayer_id = std::string(text(taxpayer));
    r.meter_id = std::string(text(meter));
    if (r.taxpayer_id.empty()) throw InputError({path, line, "taxpayer_id"}, "empty taxpayer id");
    if (r.meter_id.empty()) throw InputError({path, line, "meter_id"}, "empty meter id");
    r.capacity_kw = number(capacity, "capacity_kw", 0.0);
    if (!(r.capacity_kw > 0))
      throw InputError({path, line, "capacity_kw"}, "expected a positive number of kW", text(capacity));
    const auto day = [&](std::size_t col, const char* name, std::int64_t blank) {
      const std::string_view t = text(col);
      if (t.empty()) return blank;
      const auto d = parse_iso_day(t);
      if (!d) throw InputError({path, line, name}, "bad date (expected YYYY-MM-DD)", t);
      return *d;
    };
    r.from = day(from, "from", kOpenStart);
    r.to = day(to, "to", kOpenEnd);
    if (r.from > r.to) throw InputError({path, line, "to"}, "to is before from", text(to));
    r.where = path + ":" + std::to_string(line);
    out.push_back(std::move(r));
  });
  return out;
}

}  // namespace minewatch::policy
