// detect layer: level shifts in a daily series, found by binary segmentation.
//
// Rigs are switched on in a step: a meter's lowest night hour jumps by the rigs' power from one day to the
// next and stays there (Killick & Eckley, "changepoint: An R package for changepoint analysis", JSS 58(3),
// 2014, review binary segmentation; Scott & Knott, Biometrics 30(3), 1974, introduced it). A 3-day median
// filter first removes single-day dips (an outage, a tripped breaker) that would otherwise look like two
// steps; a split is kept only when the two sides differ by more than max(min_step, noise_multiple x noise),
// with the noise estimated from day-to-day differences (MAD), so a drifting household does not split.
#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace minewatch {

struct ChangePointConfig {
  float min_step_kw = 0.6f;          // smaller steps are not a rig (a GPU rig draws 0.8 kW)
  float noise_multiple = 4.0f;       // ... nor steps within this many noise standard deviations
  std::size_t min_segment_days = 3;  // a level must hold this many days
  std::size_t max_segments = 6;
};

struct LevelSegment {
  std::size_t first = 0;  // index of the first day (into the input, missing days included)
  std::size_t last = 0;   // index of the last day, inclusive
  float level = NAN;      // median of the values present
  float jump = NAN;       // for all but the first: the change of the 3-day median across the boundary
};

// Segments of constant level covering the present (non-NaN) values, in time order. Empty when no value is
// present.
std::vector<LevelSegment> find_level_segments(std::span<const float> values, const ChangePointConfig& config);

// The median of the present values (NaN when none).
float median_present(std::span<const float> values);

}  // namespace minewatch
