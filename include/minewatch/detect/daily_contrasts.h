// detect layer: statistics of one meter's daily series that the theft features are made of (contrasts
// before and after a split, weekly and four-week windows, steps, reversal, co-movement with the peers'
// course). Internal to the theft detector (detect/theft_features.cpp); each says what trace of a theft it
// measures.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "minewatch/detect/change_points.h"

namespace minewatch::contrasts {

inline constexpr std::size_t kBlockDays = 28;     // four weeks: every block holds each weekday four times
inline constexpr std::size_t kMinBlockDays = 10;  // fewer present days leave the block's figures unknown
inline constexpr float kZeroKwh = 0.0005f;        // below half a watt-hour a day is a zero
inline constexpr float kLevelFloor = 0.02f;       // relative level floor, so log(0) stays finite

// Day-level quantities the block and window figures are made of.
struct Days {
  std::vector<float> kwh;       // NaN missing
  std::vector<float> relative;  // kWh / (typical day x peers' factor); NaN missing
  std::vector<float> shape;     // peers' factor, NaN unknown
  std::vector<std::uint8_t> weekday;
  float typical_kwh = NAN;
  float smoothing = 0.01f;  // added before logs of day-to-day change, so zeros do not explode
};

// Figures of one stretch of days [from, to).
struct Stretch {
  float level = NAN;   // mean relative level
  float zero = NAN;    // share of zero days
  float repeat = NAN;  // share of days equal to the previous present day, to the Wh
  float rough = NAN;   // median |log change| from day to day
  std::size_t present = 0;
};

// The sharpest sustained fall at day resolution (sharpest_step).
struct Step {
  std::size_t day = 0;
  float drop_log = NAN;  // log level after / before (negative: a fall)
  float z = NAN;         // the fall in units of the spread of the same contrast over the whole series
};

// One step against a straight line, fitted to the weekly log relative level: a theft is a step that holds to
// the end of the data, a household's own drift is more often a slope. Prefix sums make every split O(1).
struct StepFit {
  float r2 = NAN;        // share of the variance the best step explains
  float vs_trend = NAN;  // log(residual of the line / residual of the step): > 0 when a step fits better
  float shift = NAN;     // level after - before at the best step (log)
  float t = NAN;         // the shift in standard errors
  float recovery = NAN;  // the last eight weeks against the whole stretch after the step (log)
  std::size_t week = 0;
};

// The best split of the blocks by one figure: the k (blocks before) whose after-minus-before contrast is
// largest by `score`, at least two blocks before and one after.
template <class Contrast>
std::pair<std::size_t, float> best_split(std::size_t blocks, const Contrast& contrast) {
  std::size_t best_k = 0;
  float best = NAN;
  for (std::size_t k = 2; k < blocks; ++k) {
    const float c = contrast(k);
    if (!std::isnan(c) && (std::isnan(best) || c > best)) best = c, best_k = k;
  }
  return {best_k, best};
}

// Median of a figure over blocks [from, to).
template <class Get>
float block_median(const std::vector<Stretch>& blocks, std::size_t from, std::size_t to, const Get& get) {
  std::vector<float> values;
  for (std::size_t b = from; b < to; ++b)
    if (blocks[b].present >= kMinBlockDays) values.push_back(get(blocks[b]));
  return median_present(values);
}

bool is_zero(float kwh);
bool same_wh(float a, float b);                // equal to the Wh, and not zero
float mean_of(std::span<const float> values);  // of the present values; NaN when none
// Pearson's r over the pairs where both are present; NaN with fewer than min_pairs or no variance.
float pearson(std::span<const float> a, std::span<const float> b, std::size_t min_pairs);
float log_level(float level);  // log(level + kLevelFloor), level clamped at 0

Stretch stretch_figures(const Days& d, std::size_t from, std::size_t to);
std::array<float, 7> weekday_profile(const Days& d, std::size_t from, std::size_t to);
float profile_strength(const std::array<float, 7>& profile);
float shape_correlation(const Days& d, std::size_t from, std::size_t to);
float lag1_correlation(const Days& d, std::size_t from, std::size_t to);
std::size_t refine_drop_day(const Days& d, std::size_t from, std::size_t to);
Step sharpest_step(const Days& d);
std::vector<float> weekly_means(std::span<const float> daily);
float reversal_gain_of(const Days& d);
float weekly_swing(const Days& d, std::size_t from, std::size_t to);
StepFit fit_step(std::span<const float> weekly_log);
float reversal_flattening_of(const Days& d);
std::array<float, 3> relative_quantiles(const Days& d, std::size_t from, std::size_t to);
std::vector<float> day_to_day_part(std::span<const float> values);
float best_weekly_shift(std::span<const float> daily, bool rise_only);

}  // namespace minewatch::contrasts
