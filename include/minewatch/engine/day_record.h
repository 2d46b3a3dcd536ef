// engine layer: the compact record of one meter's local day, emitted when the day closes.
#pragma once

#include <array>
#include <cstdint>

#include "minewatch/core/meter_ids.h"

namespace minewatch {

struct DayRecord {
  std::int64_t day = 0;         // local day number (days since 1970-01-01 in the meter's zone)
  std::int64_t start_utc = 0;   // the local midnight that opens it
  std::int32_t interval_s = 0;  // the meter's reading interval as inferred so far (0 = not yet known)
  std::uint16_t readings = 0;   // accepted readings in the day
  std::uint16_t expected = 0;   // readings of a complete day at that interval (0 = unknown)
  std::uint8_t hours = 24;      // 23, 24 or 25: the day's length in its zone (DST)
  std::uint8_t weekday = 0;     // ISO: 0 = Monday ... 6 = Sunday
  float kwh = 0;                // energy of the readings present
  // Energy by hour since local midnight; meaningful only when has_hourly_shape().
  std::array<float, 25> hourly_kwh{};

  bool has_hourly_shape() const { return interval_s > 0 && interval_s <= 3600 && 3600 % interval_s == 0; }
  bool complete(float min_coverage = 0.9f) const {
    return expected > 0 && static_cast<float>(readings) >= min_coverage * static_cast<float>(expected);
  }
};

// Receives closed days. Called once per meter-day, never per reading, so a virtual call is cheap here.
class DaySink {
 public:
  virtual ~DaySink() = default;
  virtual void on_day(MeterIndex meter, const DayRecord& day) = 0;
};

// ISO weekday of a day number: 1970-01-01 was a Thursday (3).
constexpr std::uint8_t iso_weekday(std::int64_t day) {
  return static_cast<std::uint8_t>(((day % 7) + 7 + 3) % 7);
}

}  // namespace minewatch
