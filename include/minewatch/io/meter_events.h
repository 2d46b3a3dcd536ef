// io layer: meter events (events.csv: meter_id,ts,code), e.g. cover_open, magnetic_field, reverse_flow,
// power_loss, clock_set. Kept per meter as counts by code and as a timeline in time order (8 + 8 bytes an
// event), which the tamper detector (detect/tamper_evidence.h) dates in the meter's zone.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/core/timestamp.h"

namespace minewatch {

class MeterRegistry;

// The codes the tamper detector knows; any other code is `other` (counted, never ignored silently).
enum class EventKind : std::uint8_t {
  cover_open,
  magnetic_field,
  reverse_flow,
  clock_set,
  power_loss,
  other
};
inline constexpr std::size_t kEventKindCount = 6;

const char* event_kind_name(EventKind kind);
// The kind of a code as written in events.csv, case-insensitively, with the common spellings of head-end
// exports (docs/tamper.md lists them): "terminal_cover_open" and "cover_opened" are cover_open, "magnet" is
// magnetic_field, "power_fail" and "power_outage" are power_loss, ...
EventKind event_kind_of(std::string_view code);

struct TimedEvent {
  std::int64_t ts = 0;  // as written: UTC, or a wall-clock time when `local` (no offset in the file)
  EventKind kind = EventKind::other;
  bool local = false;
};

struct MeterEventCounts {
  std::uint32_t total = 0;
  std::int64_t first_ts = INT64_MAX;
  std::int64_t last_ts = INT64_MIN;
  std::map<std::string, std::uint32_t> by_code;
  std::vector<TimedEvent> timeline;  // every event of the meter, in time order (ties in file order)
};

class MeterEvents {
 public:
  // Throws InputError naming file, line and field for a bad row, or for a meter the registry (if given)
  // does not know. Events with a wall-clock time (no offset) keep it, marked `local`: first_ts/last_ts read
  // them as UTC, the tamper detector reads them in the meter's zone.
  static MeterEvents load(const std::string& path, const MeterRegistry* registry);

  const MeterEventCounts* find(std::string_view meter_id) const;
  std::uint64_t total() const { return total_; }
  // Every meter with events, in no particular order (e.g. to index outages by transformer).
  const std::unordered_map<std::string, MeterEventCounts>& meters() const { return by_meter_; }

 private:
  std::unordered_map<std::string, MeterEventCounts> by_meter_;
  std::uint64_t total_ = 0;
};

}  // namespace minewatch
