// io layer: meter events (events.csv: meter_id,ts,code), e.g. cover_open, magnetic_field, reverse_flow,
// power_loss, clock_set. Kept as counts per meter and code; the tamper detector will read them in order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace minewatch {

class MeterRegistry;

struct MeterEventCounts {
  std::uint32_t total = 0;
  std::int64_t first_ts = INT64_MAX;
  std::int64_t last_ts = INT64_MIN;
  std::map<std::string, std::uint32_t> by_code;
};

class MeterEvents {
 public:
  // Throws InputError naming file, line and field for a bad row, or for a meter the registry (if given)
  // does not know. Events with a wall-clock time (no offset) are dated as UTC: they are counted, not aligned.
  static MeterEvents load(const std::string& path, const MeterRegistry* registry);

  const MeterEventCounts* find(std::string_view meter_id) const;
  std::uint64_t total() const { return total_; }

 private:
  std::unordered_map<std::string, MeterEventCounts> by_meter_;
  std::uint64_t total_ = 0;
};

}  // namespace minewatch
