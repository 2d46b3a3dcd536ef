// io layer: the meter registry (meters.csv): where each meter is, its tariff, transformer and subscriber.
//   meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon[,tz]
// meter_id and region are required; tz (an IANA zone) overrides the region's zone for one meter.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/core/time_zone.h"

namespace minewatch {

struct MeterInfo {
  std::string id;
  std::string region;
  std::string tariff;
  std::string transformer_id;
  std::string subscriber_id;
  std::string district;  // optional column; empty when absent
  float contract_kw = NAN;
  double lat = NAN;
  double lon = NAN;
  ZoneId zone = 0;
};

class MeterRegistry {
 public:
  // Loads meters.csv. Throws InputError naming file, line and field: a missing column, a duplicate meter,
  // an unknown region (not in the region table and no tz column), a bad number.
  static MeterRegistry load(const std::string& path, ZoneTable& zones);

  // A registry of entries built in memory (the balance scan registers transformers this way, each in its
  // meters' zone). Ids must be unique; a repeated id keeps its first entry.
  static MeterRegistry from_meters(std::vector<MeterInfo> meters);

  MeterRegistry() = default;
  // The index points into this object's own meters: a copy builds its own; a move keeps the storage.
  MeterRegistry(const MeterRegistry& other);
  MeterRegistry& operator=(const MeterRegistry& other);
  MeterRegistry(MeterRegistry&&) noexcept = default;
  MeterRegistry& operator=(MeterRegistry&&) noexcept = default;

  const MeterInfo* find(std::string_view id) const;
  const std::vector<MeterInfo>& meters() const { return meters_; }
  std::size_t size() const { return meters_.size(); }

 private:
  void build_index();

  std::vector<MeterInfo> meters_;
  std::unordered_map<std::string_view, std::size_t> index_;  // views into meters_[i].id
};

}  // namespace minewatch
