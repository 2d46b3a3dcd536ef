// detect layer: what a meter's day-by-day series says about a rig block: its levels and steps (when rigs
// were switched on and off), the block's power and the ordinary load beneath it, whether it runs only at
// night, and how the rest of the load follows the temperature.
//
// Rigs lift the lowest hours of every day (a household's night minimum is a fridge and standby, 0.1-0.3
// kW), so the block is read from the night low: block = night low while on - night low without the rigs
// (before the start or after the stop, else what ordinary peers show). docs/detectors.md has the method.
#pragma once

#include <cstdint>
#include <span>

#include "minewatch/detect/change_points.h"
#include "minewatch/detect/daily_series.h"

namespace minewatch {

struct MiningProfileConfig {
  ChangePointConfig change_points;
  // The night low of an ordinary home, used when the data never shows the meter without its block and no
  // peer figure is given.
  float household_night_kw = 0.15f;
  // A level is "without rigs" only up to max(this, ordinary_night_multiple x the ordinary night low): a
  // farm that grew from 30 % to full, or a 400 kW farm with a 2 kW wobble, shows no rig-free level at all.
  float ordinary_night_max_kw = 1.0f;
  float ordinary_night_multiple = 3.0f;
  // A day whose extra energy exceeds this share of a full day of the block is counted as the day the rigs
  // were switched on (or still ran when they stopped).
  float partial_day_share = 0.25f;
};

struct MiningProfile {
  std::uint32_t segments = 0;    // levels found in the night low
  float night_low_kw = NAN;      // median over days of the lowest night hour
  float day_low_kw = NAN;        // ... of the lowest daytime hour
  float on_night_low_kw = NAN;   // the highest night-low level
  float on_day_low_kw = NAN;     // the day low over the same days
  float off_night_low_kw = NAN;  // the lowest level when there is more than one, else NaN
  float step_kw = NAN;           // highest level - lowest level, when there is more than one
  float step_sharpness = NAN;    // the first upward step's 3-day jump over its level change: ~1 switch-on
  float on_share = NAN;          // share of the days present that are above the lowest level
  float on_variation = NAN;      // day-to-day spread of the night low at the highest level (MAD / level)
  float block_kw = NAN;          // the rigs' power: on night low - off night low (or the ordinary night low)
  float other_load_kw = NAN;     // mean power of everything else while the block runs
  float night_only_ratio = NAN;  // (on day low - base) / block: ~1 round the clock, ~0 night only
  std::int64_t start_day = kNoDay;  // local day the block appeared (inside the data)
  std::int64_t end_day = kNoDay;    // local day it stopped for good (inside the data)
  // Temperature: daily energy regressed on the daily mean temperature. Heating cut into levels by the
  // change points would hide from a regression within levels, and a switch-on in a cold spell would pass
  // for heating in a plain one, so both are kept: a load that ignores the weather is low on both.
  float temp_range_c = NAN;  // 10th to 90th percentile of the daily mean temperature over the days present
  float temp_slope = NAN;    // kWh a day per degree C
  float temp_corr = NAN;     // Pearson correlation
  float temp_share = NAN;    // |slope| x range / mean daily kWh: how much of the load the weather moves
  float temp_share_within_levels = NAN;  // the same for what is left of each day after its level
  float temp_corr_within_levels = NAN;
};

// temps[i] is the daily mean temperature of series day i (NaN: unknown); empty when there is no weather.
// ordinary_night_kw: the night low of ordinary meters of the same kind (peers), NaN when unknown.
MiningProfile profile_mining(const DailySeries& series, std::span<const float> temps, float ordinary_night_kw,
                             const MiningProfileConfig& config);

}  // namespace minewatch
