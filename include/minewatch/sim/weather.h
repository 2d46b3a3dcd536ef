// sim layer: daily mean temperature per region: the climate normal's annual cycle plus a persistent anomaly
// (an AR(1) process whose spread is larger in winter, as in continental Siberia). O(regions × days) memory.
#pragma once

#include <cstdint>
#include <vector>

#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

// 0 in mid-July, 1 in mid-January: how far into winter a day of the year is.
double winterness(int day_of_year);

// The climate normal of a region on a day of the year: a cosine through the January and July means.
double normal_temperature(const RegionConfig& region, int day_of_year);

class WeatherTable {
 public:
  // Temperatures for the local days [first_day, first_day + days) of every region of the config.
  WeatherTable(const SimConfig& config, std::uint64_t seed, std::int64_t first_day, int days);

  // Daily mean, °C; day_index counts from first_day.
  double daily_mean(std::size_t region, int day_index) const {
    return temps_[region * static_cast<std::size_t>(days_) + static_cast<std::size_t>(day_index)];
  }
  int days() const { return days_; }
  std::int64_t first_day() const { return first_day_; }

 private:
  std::int64_t first_day_;
  int days_;
  std::vector<double> temps_;
};

}  // namespace minewatch::sim
