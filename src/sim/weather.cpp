#include "minewatch/sim/weather.h"

#include <cmath>

#include "minewatch/sim/calendar.h"
#include "minewatch/sim/rng.h"

namespace minewatch::sim {
namespace {

constexpr double kDaysPerYear = 365.25;
constexpr int kMidJanuary = 15;  // day of year of the January mean

}  // namespace

double winterness(int day_of_year) {
  return 0.5 * (1.0 + std::cos(kTwoPi * (day_of_year - kMidJanuary) / kDaysPerYear));
}

double normal_temperature(const RegionConfig& region, int day_of_year) {
  const double mean = 0.5 * (region.t_jan + region.t_jul);
  const double half_swing = 0.5 * (region.t_jul - region.t_jan);
  return mean - half_swing * std::cos(kTwoPi * (day_of_year - kMidJanuary) / kDaysPerYear);
}

WeatherTable::WeatherTable(const SimConfig& config, std::uint64_t seed, std::int64_t first_day, int days)
    : first_day_(first_day), days_(days) {
  temps_.resize(config.regions.size() * static_cast<std::size_t>(days));
  const double phi = config.weather.anomaly_persistence;
  const double innovation = std::sqrt(std::max(0.0, 1.0 - phi * phi));
  for (std::size_t r = 0; r < config.regions.size(); ++r) {
    const RegionConfig& region = config.regions[r];
    Rng rng(seed, Domain::weather, r);
    auto spread = [&](int doy) {
      return region.t_sd_summer + (region.t_sd_winter - region.t_sd_summer) * winterness(doy);
    };
    // Start from the stationary distribution, so the first day is as variable as any other.
    double anomaly = spread(day_of_year(first_day)) * rng.normal();
    for (int i = 0; i < days; ++i) {
      const int doy = day_of_year(first_day + i);
      if (i > 0) anomaly = phi * anomaly + innovation * spread(doy) * rng.normal();
      temps_[r * static_cast<std::size_t>(days) + static_cast<std::size_t>(i)] =
          normal_temperature(region, doy) + anomaly;
    }
  }
}

}  // namespace minewatch::sim
