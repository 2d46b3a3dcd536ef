// detect layer: explainable load-shape features of each meter, accumulated day by day in O(1) memory.
//
// Mining rigs draw the same power day and night, weekday and weekend; homes and most businesses do not
// (docs/detectors.md explains each feature and its source). Features use hourly energy, so 15-, 30- and
// 60-minute data give the same numbers; daily data falls back to daily means and leaves the intra-day ones
// blank.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <iosfwd>
#include <utility>
#include <vector>

#include "minewatch/core/p2_quantile.h"
#include "minewatch/detect/daily_series.h"
#include "minewatch/engine/day_record.h"

namespace minewatch {

// The features of one meter. NaN means "not measurable from this data" (written blank).
struct MiningFeatures {
  float mean_kw = NAN;                // average power over complete days
  float base_kw = NAN;                // typical lowest hour of a day (median over days): the flat block
  float peak_kw = NAN;                // typical highest hour of a day (median over days)
  float load_factor = NAN;            // mean / peak: mining > 0.9, homes 0.2-0.4
  float base_ratio = NAN;             // base / mean: mining near 1
  float night_day_ratio = NAN;        // mean power 00-06 over 10-18 local: mining near 1
  float weekday_weekend_ratio = NAN;  // mean daily energy Mon-Fri over Sat-Sun: mining near 1
  float daily_cv = NAN;               // variation of daily energy over the period (std / mean)
  float daily_change = NAN;  // median relative change from one day to the next: a step (rigs switched
                             // on mid-period) is one change, so it does not hide a flat load
  // The average day (mean power of each local hour over complete days): its lowest hour over its highest.
  // A 24/7 rig block lifts the whole day (near 1); a night-only block or a household does not.
  float profile_flatness = NAN;
  std::uint32_t complete_days = 0;
  std::uint32_t days_seen = 0;
  bool hourly_shape = false;  // the data had intervals of an hour or less
};

class MiningFeatureAccumulator final : public DaySink {
 public:
  void resize(std::size_t meters) {
    states_.resize(meters);
    series_.resize(meters);
  }
  void on_day(MeterIndex meter, const DayRecord& day) override;
  MiningFeatures features(MeterIndex meter) const;
  const DailySeries& series(MeterIndex meter) const { return series_[meter]; }
  // Hands the day-by-day series over (the accumulator keeps an empty one): collecting a scan's results must
  // not copy every meter's history.
  DailySeries take_series(MeterIndex meter) { return std::move(series_[meter]); }

  // Writes / restores the per-meter state (core/checkpoint.h), as MeterEngine does.
  void save_checkpoint(std::ostream& out) const;
  void load_checkpoint(std::istream& in);

  static constexpr std::size_t state_bytes_per_meter();

 private:
  struct State {
    double mean_daily_kwh = 0;  // Welford over complete days
    double m2_daily_kwh = 0;
    double weekday_kwh = 0;
    double weekend_kwh = 0;
    double night_kwh = 0;
    double day_kwh = 0;
    // With hourly shape: medians over days of each day's lowest and highest hour. Daily data only:
    // 5th and 95th percentiles of daily mean power. Fixed by the first complete day.
    P2Quantile low_kw{0.5f};
    P2Quantile high_kw{0.5f};
    P2Quantile day_to_day_change{0.5f};
    std::int64_t previous_day = INT64_MIN;  // the last complete day and its (24-hour) energy
    float previous_day_kwh = 0;
    std::uint32_t complete_days = 0;
    std::uint32_t days_seen = 0;
    std::uint32_t weekday_days = 0;
    std::uint32_t weekend_days = 0;
    std::uint32_t shape_days = 0;      // complete days with hourly shape
    std::array<float, 24> hour_kwh{};  // energy by local hour summed over complete days with hourly shape
  };
  std::vector<State> states_;
  std::vector<DailySeries> series_;
};

constexpr std::size_t MiningFeatureAccumulator::state_bytes_per_meter() {
  return sizeof(State);
}

}  // namespace minewatch
