// core layer: local days in IANA time zones (from the system tz database via Howard Hinnant's date library).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/core/error.h"

namespace date {
class time_zone;
}

namespace minewatch {

using ZoneId = std::uint16_t;

// One local calendar day and the instants [start_utc, end_utc) it spans (23, 24 or 25 hours).
struct LocalDay {
  std::int64_t day = 0;  // days since 1970-01-01 in local time
  std::int64_t start_utc = 0;
  std::int64_t end_utc = 0;
};

// Converts between instants and local time in one zone. Caches the zone's current offset period, so
// readings that move forward in time rarely touch the tz database. Not thread-safe: one per thread.
class ZoneClock {
 public:
  explicit ZoneClock(const date::time_zone* zone);

  LocalDay day_of(std::int64_t utc);
  LocalDay day_at(std::int64_t local_day);
  // A wall-clock time to an instant: the earlier one when the clock was set back (ambiguous),
  // the first instant after the gap when it was set forward (nonexistent).
  std::int64_t local_to_utc(std::int64_t local_seconds);
  std::int32_t offset_at(std::int64_t utc);

 private:
  void refresh(std::int64_t utc);

  const date::time_zone* zone_;
  std::int64_t period_begin_ = 0;
  std::int64_t period_end_ = 0;
  std::int32_t offset_ = 0;
  bool has_period_ = false;
};

// Zone names interned to small ids, and ISO 3166-2 region codes mapped to zones (data/regions.csv).
class ZoneTable {
 public:
  ZoneTable();  // id 0 is UTC

  // Throws InputError at `place` when the zone is not in the tz database.
  ZoneId intern(std::string_view iana_name, const InputPlace& place = {"time zone", 0, "tz"});
  const date::time_zone* zone(ZoneId id) const { return zones_[id]; }
  const std::string& name(ZoneId id) const { return names_[id]; }
  std::size_t size() const { return zones_.size(); }

  // Reads "region,tz[,...]" rows; throws InputError on a bad row or an unknown zone.
  void load_regions(const std::string& path);
  // The zone of a region code, or false when the code is unknown.
  bool region_zone(std::string_view region, ZoneId& out) const;

 private:
  std::vector<const date::time_zone*> zones_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, ZoneId> ids_by_name_;
  std::unordered_map<std::string, ZoneId> zones_by_region_;
};

}  // namespace minewatch
