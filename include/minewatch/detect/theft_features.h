// detect layer: what a meter's daily energy says about under-reporting, as named features for the theft
// model and the evidence behind its reasons.
//
// A thief changes his own readings from some day on (Jokar, Arianpoo & Leung, IEEE Trans. Smart Grid 7(1),
// 2016): scaled down (h1, a bypass), zeroed on some days (h2), scaled by a factor drawn anew each day (h3,
// h4), replaced by a constant (h5) or reordered (h6). Each leaves a different trace in the daily series: a
// lower level against the meter's own past and against its peers' seasonal shape, more zero days, repeated
// identical values, a rougher or a smoother day-to-day path, a weekly rhythm lost or moved, a seasonal
// course that no longer follows the peers'. The features measure each trace as a contrast between before and
// after the best split of the series into four-week blocks, and between the first and the last third of it,
// so a model can weigh them and a person can read them. Daily data is enough (the SGCC layout); sub-daily
// data is summed to days first.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/detect/daily_series.h"

namespace minewatch {

// What ordinary meters do day by day: the median over meters of each meter's kWh divided by its own typical
// day. It carries the season, the weather and the holidays that every meter shares, so that a meter's
// level can be judged against the peers' course rather than against its own winter.
struct PeerShape {
  std::int64_t first_day = 0;
  std::vector<float> factor;     // per day from first_day; NaN: too few meters that day
  float median_level_kwh = NAN;  // the median meter's typical day (kWh)

  float at(std::int64_t day) const {
    const std::int64_t i = day - first_day;
    return i < 0 || i >= static_cast<std::int64_t>(factor.size()) ? NAN : factor[static_cast<std::size_t>(i)];
  }
};

// Built from up to `max_meters` of `series` (an even sample when there are more), so memory stays bounded.
PeerShape build_peer_shape(std::span<const DailySeries* const> series, std::size_t max_meters = 4000);

// The evidence a reason quotes, beside the model's features.
struct TheftEvidence {
  std::int64_t drop_start = kNoDay;  // the day the reported level fell most against the peers' course
  float drop_ratio = NAN;            // level after / before that day, both against the peers' course
  float zero_share_after = NAN;      // share of zero days after the drop began
  float zero_share_before = NAN;
  std::int64_t repeat_start = kNoDay;  // the day identical values began to repeat, when they do
  float repeat_share_after = NAN;      // share of days equal to the day before (to the Wh), after it
  float roughness_ratio = NAN;         // day-to-day change after / before the best split (h3, h4 > 1)
  float shape_corr_early = NAN;        // weekly level against the peers' course: first third ...
  float shape_corr_late = NAN;         // ... and last third (h6 turns it round)
  float weekday_corr = NAN;            // weekday profile of the first third against the last third
  float missing_share = NAN;
  std::int64_t first_day = kNoDay;
  std::int64_t last_day = kNoDay;
};

struct TheftFeatureResult {
  std::vector<float> values;  // theft_feature_names().size() values, NaN = not measurable
  TheftEvidence evidence;
};

std::span<const std::string_view> theft_feature_names();

// The features of one meter's series against the peers' shape. A series of fewer than twelve weeks with
// values (four weeks when `intraday`) yields all-NaN features (nothing to contrast; its theft score is 0).
// `intraday`: the series was summed from readings of less than a day, so its lowest night and day hours are
// real (otherwise the intraday features are NaN): Jokar's h5 (the day's mean in every interval) makes a day
// flat, h6 (the day reversed) moves the evening peak into the night window, and neither changes the day's
// energy.
TheftFeatureResult compute_theft_features(const DailySeries& series, const PeerShape& peers,
                                          bool intraday = false);

}  // namespace minewatch
