// detect layer: a meter's day-by-day summary (energy and the lowest hour of night and day), the input of
// change-point detection, the rig-block estimate and the temperature regression.
//
// Twelve bytes a day: a year of a million meters is 4.4 GB, so a scan over long histories of many meters is
// meant to run partitioned (the distributed engine), not in one process.
#pragma once

#include <cmath>
#include <cstdint>
#include <iosfwd>
#include <vector>

#include "minewatch/core/timestamp.h"

namespace minewatch {

struct DaySummary {
  float kwh = NAN;           // energy of a complete day scaled to 24 hours; NaN: missing or incomplete day
  float night_low_kw = NAN;  // the lowest hour 00:00-06:00 local (hourly data), else kwh / 24
  float day_low_kw = NAN;    // the lowest hour 11:00-17:00 local (hourly data), else kwh / 24
};

class DailySeries {
 public:
  // Days arrive in order (the engine closes a meter's days in time order); a day before the last one kept is
  // ignored, gaps are filled with missing days.
  void add(std::int64_t day, const DaySummary& summary);

  bool empty() const { return days_.empty(); }
  std::size_t size() const { return days_.size(); }
  std::int64_t first_day() const { return first_day_; }
  std::int64_t day(std::size_t index) const { return first_day_ + static_cast<std::int64_t>(index); }
  const DaySummary& operator[](std::size_t index) const { return days_[index]; }
  const std::vector<DaySummary>& days() const { return days_; }

  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  std::int64_t first_day_ = 0;
  std::vector<DaySummary> days_;
};

}  // namespace minewatch
