#include "minewatch/io/meter_registry.h"

#include <algorithm>
#include <cctype>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {

MeterRegistry MeterRegistry::load(const std::string& path, ZoneTable& zones) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader csv = read_csv_header(lines, path);
  const std::vector<std::string>& header = csv.names;
  const std::size_t id_col = csv.require("meter_id");
  const std::size_t region_col = csv.require("region");
  const std::size_t tariff_col = csv.find("tariff");
  const std::size_t transformer_col = csv.find("transformer_id");
  const std::size_t subscriber_col = csv.find("subscriber_id");
  const std::size_t contract_col = csv.find("contract_kw");
  const std::size_t lat_col = csv.find("lat");
  const std::size_t lon_col = csv.find("lon");
  const std::size_t tz_col = csv.find("tz");
  const std::size_t district_col = csv.find("district");  // optional: a policy rule's scope

  MeterRegistry registry;
  std::vector<std::uint64_t> lines_of_meters;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < header.size())
      throw InputError({path, line_no, header[fields.size()]}, "missing field");
    const auto text = [&](std::size_t col) {
      return col == SIZE_MAX ? std::string_view{} : trim(fields[col]);
    };
    MeterInfo info;
    info.id = std::string(text(id_col));
    if (info.id.empty()) throw InputError({path, line_no, "meter_id"}, "empty meter id");
    info.region = std::string(text(region_col));
    info.tariff = std::string(text(tariff_col));
    info.transformer_id = std::string(text(transformer_col));
    info.subscriber_id = std::string(text(subscriber_col));
    info.district = std::string(text(district_col));
    const auto number = [&](std::size_t col, std::string_view name, auto& out) {
      const auto t = text(col);
      if (t.empty()) return;
      float v = 0;
      if (!parse_float(t, v)) throw InputError({path, line_no, std::string(name)}, "not a number", t);
      out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    };
    number(contract_col, "contract_kw", info.contract_kw);
    number(lat_col, "lat", info.lat);
    number(lon_col, "lon", info.lon);
    if (!std::isnan(info.contract_kw) && info.contract_kw < 0)
      throw InputError({path, line_no, "contract_kw"}, "negative contract power", text(contract_col));
    if (const auto tz = text(tz_col); !tz.empty()) {
      info.zone = zones.intern(tz, {path, line_no, "tz"});
    } else if (!zones.region_zone(info.region, info.zone)) {
      throw InputError({path, line_no, "region"},
                       "unknown region code (not in the region table; add a tz column)", info.region);
    }
    registry.meters_.push_back(std::move(info));
    lines_of_meters.push_back(line_no);
  }
  // Indexed once loading is over, when the ids no longer move.
  registry.index_.reserve(registry.meters_.size());
  for (std::size_t i = 0; i < registry.meters_.size(); ++i) {
    if (!registry.index_.emplace(registry.meters_[i].id, i).second)
      throw InputError({path, lines_of_meters[i], "meter_id"}, "duplicate meter id", registry.meters_[i].id);
  }
  return registry;
}

MeterRegistry::MeterRegistry(const MeterRegistry& other) : meters_(other.meters_) {
  build_index();
}

MeterRegistry& MeterRegistry::operator=(const MeterRegistry& other) {
  if (this != &other) {
    meters_ = other.meters_;
    build_index();
  }
  return *this;
}

MeterRegistry MeterRegistry::from_meters(std::vector<MeterInfo> meters) {
  MeterRegistry registry;
  registry.meters_ = std::move(meters);
  registry.build_index();
  return registry;
}

void MeterRegistry::build_index() {
  index_.clear();
  index_.reserve(meters_.size());
  for (std::size_t i = 0; i < meters_.size(); ++i) index_.emplace(meters_[i].id, i);
}

const MeterInfo* MeterRegistry::find(std::string_view id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &meters_[it->second];
}

}  // namespace minewatch
