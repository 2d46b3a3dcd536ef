#include "minewatch/core/time_zone.h"

#include <date/tz.h>

#include <fstream>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"

namespace minewatch {
namespace {

using std::chrono::seconds;

// Offset periods are trusted for local_to_utc only this far from their edges, where no wall-clock time
// can be ambiguous or missing.
constexpr std::int64_t kEdgeMargin = 2 * kSecondsPerDay;

}  // namespace

ZoneClock::ZoneClock(const date::time_zone* zone) : zone_(zone) {}

void ZoneClock::refresh(std::int64_t utc) {
  if (zone_ == nullptr) {
    period_begin_ = INT64_MIN;
    period_end_ = INT64_MAX;
    offset_ = 0;
  } else {
    const date::sys_info info = zone_->get_info(date::sys_seconds{seconds{utc}});
    period_begin_ = info.begin.time_since_epoch().count();
    period_end_ = info.end.time_since_epoch().count();
    offset_ = static_cast<std::int32_t>(info.offset.count());
  }
  has_period_ = true;
}

std::int32_t ZoneClock::offset_at(std::int64_t utc) {
  if (!has_period_ || utc < period_begin_ || utc >= period_end_) refresh(utc);
  return offset_;
}

std::int64_t ZoneClock::local_to_utc(std::int64_t local_seconds) {
  if (has_period_) {
    const std::int64_t guess = local_seconds - offset_;
    const bool far_from_edges = (period_begin_ == INT64_MIN || guess - kEdgeMargin >= period_begin_) &&
                                (period_end_ == INT64_MAX || guess + kEdgeMargin < period_end_);
    if (far_from_edges) return guess;
  }
  if (zone_ == nullptr) {
    refresh(local_seconds);
    return local_seconds;
  }
  const date::local_seconds local{seconds{local_seconds}};
  const date::local_info info = zone_->get_info(local);
  std::int64_t utc = 0;
  if (info.result == date::local_info::nonexistent) {
    utc = info.second.begin.time_since_epoch().count();
  } else {
    utc = local_seconds - info.first.offset.count();
  }
  refresh(utc);
  return utc;
}

LocalDay ZoneClock::day_at(std::int64_t local_day) {
  LocalDay out;
  out.day = local_day;
  out.start_utc = local_to_utc(local_day * kSecondsPerDay);
  out.end_utc = local_to_utc((local_day + 1) * kSecondsPerDay);
  return out;
}

LocalDay ZoneClock::day_of(std::int64_t utc) {
  const std::int64_t local = utc + offset_at(utc);
  LocalDay out = day_at(floor_div(local, kSecondsPerDay));
  // A reading inside a skipped hour at midnight can land before the day's first instant: take the previous
  // day.
  if (utc < out.start_utc) out = day_at(out.day - 1);
  return out;
}

ZoneTable::ZoneTable() {
  zones_.push_back(nullptr);
  names_.emplace_back("UTC");
  ids_by_name_.emplace("UTC", 0);
  ids_by_name_.emplace("Etc/UTC", 0);
}

ZoneId ZoneTable::intern(std::string_view iana_name, const InputPlace& place) {
  const std::string key{iana_name};
  if (auto it = ids_by_name_.find(key); it != ids_by_name_.end()) return it->second;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(key);
  } catch (const std::exception&) {
    throw InputError(place, "unknown IANA time zone", iana_name);
  }
  if (zones_.size() >= UINT16_MAX) throw std::runtime_error("too many distinct time zones");
  const auto id = static_cast<ZoneId>(zones_.size());
  zones_.push_back(zone);
  names_.push_back(key);
  ids_by_name_.emplace(key, id);
  return id;
}

void ZoneTable::load_regions(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError({path, 0, ""}, "cannot open the region table");
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto comma = line.find(',');
    if (comma == std::string::npos) throw InputError({path, line_no, "tz"}, "missing column", line);
    const std::string region = line.substr(0, comma);
    if (region == "region") continue;  // header
    const auto end = line.find(',', comma + 1);
    const std::string tz =
        line.substr(comma + 1, end == std::string::npos ? std::string::npos : end - comma - 1);
    zones_by_region_[region] = intern(tz, {path, line_no, "tz"});
  }
}

bool ZoneTable::region_zone(std::string_view region, ZoneId& out) const {
  const auto it = zones_by_region_.find(std::string(region));
  if (it == zones_by_region_.end()) return false;
  out = it->second;
  return true;
}

}  // namespace minewatch
