#include "minewatch/detect/theft_features.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "minewatch/detect/change_points.h"

namespace minewatch {
namespace {

constexpr std::size_t kBlockDays = 28;          // four weeks: every block holds each weekday four times
constexpr std::size_t kMinBlockDays = 10;       // fewer present days leave the block's figures unknown
constexpr std::size_t kMinDays = 56;            // eight weeks with values, or nothing to contrast
constexpr float kZeroKwh = 0.0005f;             // below half a watt-hour a day is a zero
constexpr float kLevelFloor = 0.02f;            // relative level floor, so log(0) stays finite
constexpr std::size_t kMaxPeerDays = 20 * 366;  // twenty years of days bounds a peer shape's memory

// The features in the order of the enum below; every name is a column of the model file.
// clang-format off
constexpr std::array<std::string_view, 54> kNames = {
    "span_days",
    "missing_share",
    "zero_share",
    "longest_zero_run_share",
    "isolated_zero_share",
    "longest_repeat_run",
    "level_vs_peers_log",
    "daily_cv",
    "level_drop_log",
    "level_drop_z",
    "level_drop_position",
    "zero_increase",
    "repeat_increase",
    "rough_up_log",
    "rough_down_log",
    "third_level_log",
    "third_zero_diff",
    "third_repeat_diff",
    "third_rough_log",
    "shape_corr_early",
    "shape_corr_late",
    "weekday_strength_early",
    "weekday_strength_late",
    "weekday_corr",
    "lag1_corr_early",
    "lag1_corr_late",
    "drop_after_share",
    "step_drop_log",
    "step_drop_z",
    "reversal_gain",
    "swing_early_log",
    "swing_late_log",
    "swing_log_diff",
    "step_r2",
    "step_vs_trend",
    "step_shift",
    "step_t",
    "after_recovery",
    "reversal_flattening",
    "step_median_shift",
    "floor_vs_median_shift",
    "spread_vs_median_shift",
    "daily_comovement_early",
    "daily_comovement_late",
    "daily_comovement_diff",
    "step_rough_log",
    "step_weekday_corr",
    "step_lag1_diff",
    "intraday_flatness_early",
    "intraday_flatness_late",
    "intraday_flatness_increase",
    "night_over_day_early",
    "night_over_day_late",
    "night_over_day_shift",
};
// clang-format on

enum Feature : std::size_t {
  span_days,
  missing_share,
  zero_share,
  longest_zero_run_share,
  isolated_zero_share,
  longest_repeat_run,
  level_vs_peers_log,
  daily_cv,
  level_drop_log,
  level_drop_z,
  level_drop_position,
  zero_increase,
  repeat_increase,
  rough_up_log,
  rough_down_log,
  third_level_log,
  third_zero_diff,
  third_repeat_diff,
  third_rough_log,
  shape_corr_early,
  shape_corr_late,
  weekday_strength_early,
  weekday_strength_late,
  weekday_corr,
  lag1_corr_early,
  lag1_corr_late,
  drop_after_share,
  step_drop_log,
  step_drop_z,
  reversal_gain,
  swing_early_log,
  swing_late_log,
  swing_log_diff,
  step_r2,
  step_vs_trend,
  step_shift,
  step_t,
  after_recovery,
  reversal_flattening,
  step_median_shift,
  floor_vs_median_shift,
  spread_vs_median_shift,
  daily_comovement_early,
  daily_comovement_late,
  daily_comovement_diff,
  step_rough_log,
  step_weekday_corr,
  step_lag1_diff,
  intraday_flatness_early,
  intraday_flatness_late,
  intraday_flatness_increase,
  night_over_day_early,
  night_over_day_late,
  night_over_day_shift,
  feature_count
};
static_assert(feature_count == kNames.size());
static_assert(std::none_of(kNames.begin(), kNames.end(), [](std::string_view name) { return name.empty(); }),
              "a feature without a name");

bool is_zero(float kwh) {
  return kwh < kZeroKwh;
}
bool same_wh(float a, float b) {
  return std::fabs(a - b) < kZeroKwh && !is_zero(a);
}

float mean_of(std::span<const float> values) {
  double sum = 0;
  std::size_t n = 0;
  for (float v : values)
    if (!std::isnan(v)) sum += v, ++n;
  return n == 0 ? NAN : static_cast<float>(sum / static_cast<double>(n));
}

float pearson(std::span<const float> a, std::span<const float> b, std::size_t min_pairs) {
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) || std::isnan(b[i])) continue;
    sa += a[i], sb += b[i], saa += double(a[i]) * a[i], sbb += double(b[i]) * b[i],
        sab += double(a[i]) * b[i];
    ++n;
  }
  if (n < min_pairs) return NAN;
  const double count = static_cast<double>(n);
  const double cov = sab - sa * sb / count, va = saa - sa * sa / count, vb = sbb - sb * sb / count;
  if (va <= 1e-12 || vb <= 1e-12) return NAN;
  return static_cast<float>(cov / std::sqrt(va * vb));
}

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

Stretch stretch_figures(const Days& d, std::size_t from, std::size_t to) {
  Stretch s;
  double level = 0;
  std::size_t level_n = 0, zeros = 0, pairs = 0, repeats = 0;
  std::vector<float> changes;
  for (std::size_t i = from; i < to; ++i) {
    const float x = d.kwh[i];
    if (std::isnan(x)) continue;
    ++s.present;
    zeros += is_zero(x) ? 1 : 0;
    if (!std::isnan(d.relative[i])) level += d.relative[i], ++level_n;
    if (i > from && !std::isnan(d.kwh[i - 1])) {
      ++pairs;
      repeats += same_wh(x, d.kwh[i - 1]) ? 1 : 0;
      changes.push_back(std::fabs(std::log((x + d.smoothing) / (d.kwh[i - 1] + d.smoothing))));
    }
  }
  if (s.present == 0) return s;
  s.level = level_n == 0 ? NAN : static_cast<float>(level / static_cast<double>(level_n));
  s.zero = static_cast<float>(zeros) / static_cast<float>(s.present);
  if (pairs > 0) {
    s.repeat = static_cast<float>(repeats) / static_cast<float>(pairs);
    s.rough = median_present(changes);
  }
  return s;
}

float log_level(float level) {
  return std::log(std::max(level, 0.0f) + kLevelFloor);
}

// The weekday means of a stretch, each divided by their mean; NaN when a weekday has no value.
std::array<float, 7> weekday_profile(const Days& d, std::size_t from, std::size_t to) {
  std::array<double, 7> sum{};
  std::array<std::size_t, 7> n{};
  for (std::size_t i = from; i < to; ++i)
    if (!std::isnan(d.kwh[i])) sum[d.weekday[i]] += d.kwh[i], ++n[d.weekday[i]];
  std::array<float, 7> profile{};
  double total = 0;
  for (std::size_t w = 0; w < 7; ++w) {
    if (n[w] < 3) {
      profile.fill(NAN);
      return profile;
    }
    profile[w] = static_cast<float>(sum[w] / static_cast<double>(n[w]));
    total += profile[w];
  }
  const double mean = total / 7;
  for (float& p : profile) p = mean > 1e-6 ? static_cast<float>(p / mean) : NAN;
  return profile;
}

float profile_strength(const std::array<float, 7>& profile) {
  if (std::isnan(profile[0])) return NAN;
  double var = 0;
  for (float p : profile) var += (p - 1.0) * (p - 1.0);
  return static_cast<float>(std::sqrt(var / 7));
}

// Weekly means of the meter against the peers' weekly shape: does the meter follow the season?
float shape_correlation(const Days& d, std::size_t from, std::size_t to) {
  std::vector<float> meter, peers;
  for (std::size_t w = from; w + 7 <= to; w += 7) {
    meter.push_back(mean_of(std::span(d.kwh).subspan(w, 7)));
    peers.push_back(mean_of(std::span(d.shape).subspan(w, 7)));
  }
  return pearson(meter, peers, 6);
}

float lag1_correlation(const Days& d, std::size_t from, std::size_t to) {
  if (to <= from + 1) return NAN;
  return pearson(std::span(d.kwh).subspan(from, to - from - 1),
                 std::span(d.kwh).subspan(from + 1, to - from - 1), 20);
}

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

float median_of(std::vector<float> values) {
  return median_present(values);
}

// Median of a figure over blocks [from, to).
template <class Get>
float block_median(const std::vector<Stretch>& blocks, std::size_t from, std::size_t to, const Get& get) {
  std::vector<float> values;
  for (std::size_t b = from; b < to; ++b)
    if (blocks[b].present >= kMinBlockDays) values.push_back(get(blocks[b]));
  return median_of(std::move(values));
}

// The day in [from, to) where the relative level falls most between the four weeks before and after.
std::size_t refine_drop_day(const Days& d, std::size_t from, std::size_t to) {
  std::size_t best_day = from;
  float best = INFINITY;
  const std::size_t n = d.kwh.size();
  for (std::size_t t = std::max<std::size_t>(from, 1); t < std::min(to, n); ++t) {
    const std::size_t lo = t >= kBlockDays ? t - kBlockDays : 0;
    const float before = mean_of(std::span(d.relative).subspan(lo, t - lo));
    const float after = mean_of(std::span(d.relative).subspan(t, std::min(n, t + kBlockDays) - t));
    if (std::isnan(before) || std::isnan(after)) continue;
    const float c = log_level(after) - log_level(before);
    if (c < best) best = c, best_day = t;
  }
  return best_day;
}

// The median of a window of at most four weeks, NaN when fewer than half its days have values. Called for
// every day of every meter (the sharpest step), so it works in a buffer on the stack: the allocations of
// median_present were a tenth of a scan's time (perf, 20,000 meters x 90 days).
float median_window(std::span<const float> values) {
  std::array<float, kBlockDays> present;
  std::size_t count = 0;
  for (float v : values.first(std::min(values.size(), kBlockDays)))
    if (!std::isnan(v)) present[count++] = v;
  if (count == 0 || count < values.size() / 2) return NAN;  // too few days to speak for the window
  const auto begin = present.begin(), middle = begin + static_cast<std::ptrdiff_t>(count / 2);
  const auto end = begin + static_cast<std::ptrdiff_t>(count);
  std::nth_element(begin, middle, end);
  if (count % 2 == 1) return *middle;
  return 0.5f * (*std::max_element(begin, middle) + *middle);  // as median_present: the two middle values
}

struct Step {
  std::size_t day = 0;
  float drop_log = NAN;  // log level after / before (negative: a fall)
  float z = NAN;         // the fall in units of the spread of the same contrast over the whole series
};

// The sharpest sustained fall at day resolution: the median relative level of the four weeks after each day
// against the four weeks before. A theft switches on from one day to the next; a household's own changes
// (a new tenant, a new appliance) are rarely that sudden, and the z says how unusual the fall is for this
// meter's own wandering.
// The present values of a window sliding over a series, kept sorted, so that its median costs a few moves per
// day instead of a selection (the same median as median_window: the middle value, or the mean of the two).
class SlidingMedian {
 public:
  void add(float v) {
    if (std::isnan(v)) return;
    auto* end = values_.data() + count_;
    auto* at = std::upper_bound(values_.data(), end, v);
    std::move_backward(at, end, end + 1);
    *at = v;
    ++count_;
  }
  void remove(float v) {
    if (std::isnan(v)) return;
    auto* end = values_.data() + count_;
    auto* at = std::lower_bound(values_.data(), end, v);
    std::move(at + 1, end, at);
    --count_;
  }
  // NaN when fewer than half of the window's `days` have values.
  float median(std::size_t days) const {
    if (count_ == 0 || count_ < days / 2) return NAN;
    if (count_ % 2 == 1) return values_[count_ / 2];
    return 0.5f * (values_[count_ / 2 - 1] + values_[count_ / 2]);
  }

 private:
  std::array<float, kBlockDays + 1> values_{};
  std::size_t count_ = 0;
};

Step sharpest_step(const Days& d) {
  Step step;
  const std::size_t n = d.relative.size();
  if (n < 2 * kBlockDays + 1) return step;
  std::vector<float> contrast(n, NAN);
  const std::span<const float> r(d.relative);
  // The four weeks before day t and the (up to) four weeks from it, slid one day at a time.
  SlidingMedian before_window, after_window;
  for (std::size_t i = 0; i < kBlockDays; ++i) before_window.add(r[i]);
  for (std::size_t i = kBlockDays; i < std::min(n, 2 * kBlockDays); ++i) after_window.add(r[i]);
  for (std::size_t t = kBlockDays; t + kBlockDays / 2 <= n; ++t) {
    if (t > kBlockDays) {
      before_window.remove(r[t - kBlockDays - 1]);
      before_window.add(r[t - 1]);
      after_window.remove(r[t - 1]);
      if (t + kBlockDays - 1 < n) after_window.add(r[t + kBlockDays - 1]);
    }
    const float before = before_window.median(kBlockDays);
    const float after = after_window.median(std::min(kBlockDays, n - t));
    if (std::isnan(before) || std::isnan(after)) continue;
    contrast[t] = log_level(after) - log_level(before);
    if (std::isnan(step.drop_log) || contrast[t] < step.drop_log) step.drop_log = contrast[t], step.day = t;
  }
  if (std::isnan(step.drop_log)) return step;
  std::vector<float> deviations;
  const float centre = median_present(contrast);
  for (float c : contrast)
    if (!std::isnan(c)) deviations.push_back(std::fabs(c - centre));
  const float spread = std::max(1.4826f * median_present(deviations), 0.02f);
  step.z = (centre - step.drop_log) / spread;
  return step;
}

// Weekly means of a daily series (NaN when fewer than four days of a week are present).
std::vector<float> weekly_means(std::span<const float> daily) {
  std::vector<float> weeks;
  for (std::size_t w = 0; w + 7 <= daily.size(); w += 7) {
    std::size_t present = 0;
    for (std::size_t i = w; i < w + 7; ++i) present += std::isnan(daily[i]) ? 0 : 1;
    weeks.push_back(present >= 4 ? mean_of(daily.subspan(w, 7)) : NAN);
  }
  return weeks;
}

// How much better the meter's recent weeks follow the peers' seasonal course when read backwards: the
// largest gain over splits that leave at least twelve weeks after. Readings reversed in time (h6) move
// winter's load into summer; read backwards they fit again.
float reversal_gain_of(const Days& d) {
  const std::vector<float> meter = weekly_means(d.kwh), peers = weekly_means(d.shape);
  constexpr std::size_t kMinWeeks = 12;
  float best = NAN;
  for (std::size_t k = 4; k + kMinWeeks <= meter.size(); k += 2) {
    const std::span<const float> tail(meter.data() + k, meter.size() - k),
        course(peers.data() + k, peers.size() - k);
    std::vector<float> reversed(tail.rbegin(), tail.rend());
    const float as_is = pearson(tail, course, kMinWeeks), backwards = pearson(reversed, course, kMinWeeks);
    if (std::isnan(as_is) || std::isnan(backwards)) continue;
    // Weighted by the share of weeks, so that a short tail's chance fit counts for less.
    const float gain =
        (backwards - as_is) * static_cast<float>(tail.size()) / static_cast<float>(meter.size());
    if (std::isnan(best) || gain > best) best = gain;
  }
  return best;
}

// The spread of a stretch's weekly relative level: log of its 90th over its 10th percentile. Theft switched
// in and out for days at a time (intermittent) widens it.
float weekly_swing(const Days& d, std::size_t from, std::size_t to) {
  std::vector<float> weeks = weekly_means(std::span(d.relative).subspan(from, to - from));
  weeks.erase(std::remove_if(weeks.begin(), weeks.end(), [](float v) { return std::isnan(v); }), weeks.end());
  if (weeks.size() < 6) return NAN;
  std::sort(weeks.begin(), weeks.end());
  const auto at = [&](double q) {
    return weeks[static_cast<std::size_t>(q * static_cast<double>(weeks.size() - 1))];
  };
  return log_level(at(0.9)) - log_level(at(0.1));
}

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

StepFit fit_step(std::span<const float> weekly_log) {
  StepFit fit;
  std::vector<float> y;
  std::vector<float> x;
  for (std::size_t w = 0; w < weekly_log.size(); ++w)
    if (!std::isnan(weekly_log[w])) y.push_back(weekly_log[w]), x.push_back(static_cast<float>(w));
  const std::size_t n = y.size();
  if (n < 16) return fit;
  std::vector<double> sum(n + 1, 0), sum_sq(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i)
    sum[i + 1] = sum[i] + y[i], sum_sq[i + 1] = sum_sq[i] + double(y[i]) * y[i];
  const auto sse = [&](std::size_t a, std::size_t b) {  // residual of a constant over [a, b)
    const double m = static_cast<double>(b - a), s = sum[b] - sum[a];
    return sum_sq[b] - sum_sq[a] - s * s / m;
  };
  const double total = sse(0, n);
  if (total <= 1e-9) return fit;
  double best = INFINITY;
  std::size_t split = 0;
  for (std::size_t k = 8; k + 4 <= n; ++k) {
    const double e = sse(0, k) + sse(k, n);
    if (e < best) best = e, split = k;
  }
  if (split == 0) return fit;
  // The least-squares line.
  double sx = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) sx += x[i], sxx += double(x[i]) * x[i], sxy += double(x[i]) * y[i];
  const double count = static_cast<double>(n), sy = sum[n];
  const double slope_den = sxx - sx * sx / count;
  const double slope = slope_den > 0 ? (sxy - sx * sy / count) / slope_den : 0;
  const double line = std::max(total - slope * slope * slope_den, 1e-9);
  const double before = static_cast<double>(split), after = count - before;
  fit.r2 = static_cast<float>(1 - best / total);
  fit.vs_trend = static_cast<float>(std::log(line / std::max(best, 1e-9)));
  fit.shift = static_cast<float>((sum[n] - sum[split]) / after - sum[split] / before);
  const double sigma = std::sqrt(best / std::max(count - 2, 1.0));
  fit.t = static_cast<float>(fit.shift / std::max(sigma * std::sqrt(1 / before + 1 / after), 1e-6));
  const std::size_t tail = std::min<std::size_t>(8, n - split);
  fit.recovery = static_cast<float>((sum[n] - sum[n - tail]) / static_cast<double>(tail) -
                                    (sum[n] - sum[split]) / after);
  fit.week = static_cast<std::size_t>(x[split]);
  return fit;
}

// How much flatter the meter's recent weeks become against the peers' course when read backwards: log of
// the variance of log(meter / peers) as written over the same read backwards, the largest over splits that
// leave at least twelve weeks. Readings reversed in time (h6) put winter's load into summer; read backwards
// the ratio to the peers is as even as before the theft.
float reversal_flattening_of(const Days& d) {
  const std::vector<float> meter = weekly_means(d.kwh), peers = weekly_means(d.shape);
  constexpr std::size_t kMinWeeks = 12;
  const auto log_ratio_variance = [&](std::span<const float> m, std::span<const float> p) {
    double s = 0, ss = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < m.size(); ++i) {
      if (std::isnan(m[i]) || std::isnan(p[i]) || p[i] <= 0) continue;
      const double v = std::log((m[i] + 0.01) / p[i]);
      s += v, ss += v * v, ++n;
    }
    return n < kMinWeeks ? NAN
                         : static_cast<float>(ss / static_cast<double>(n) -
                                              (s / static_cast<double>(n)) * (s / static_cast<double>(n)));
  };
  float best = NAN;
  for (std::size_t k = 4; k + kMinWeeks <= meter.size(); k += 2) {
    const std::span<const float> tail(meter.data() + k, meter.size() - k),
        course(peers.data() + k, peers.size() - k);
    const std::vector<float> reversed(tail.rbegin(), tail.rend());
    const float as_is = log_ratio_variance(tail, course), backwards = log_ratio_variance(reversed, course);
    if (std::isnan(as_is) || std::isnan(backwards)) continue;
    const float gain = std::log((as_is + 1e-4f) / (backwards + 1e-4f));
    if (std::isnan(best) || gain > best) best = gain;
  }
  return best;
}

// Quantiles (10th, 50th, 90th) of the relative level of the days in [from, to).
std::array<float, 3> relative_quantiles(const Days& d, std::size_t from, std::size_t to) {
  std::vector<float> values;
  for (std::size_t i = from; i < to; ++i)
    if (!std::isnan(d.relative[i])) values.push_back(d.relative[i]);
  if (values.size() < kMinBlockDays) return {NAN, NAN, NAN};
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
  };
  return {at(0.1), at(0.5), at(0.9)};
}

// A daily series less its own centred two-week mean: what is left is the day-to-day part (the weather of the
// day, a holiday), which a household shares with its peers and a reordered or invented series does not.
std::vector<float> day_to_day_part(std::span<const float> values) {
  constexpr std::size_t kHalf = 7;
  std::vector<float> out(values.size(), NAN);
  double sum = 0;
  std::size_t count = 0;
  // A sliding window [i - kHalf, i + kHalf] of present values.
  const auto add = [&](std::size_t j, bool enters) {
    if (j >= values.size() || std::isnan(values[j])) return;
    sum += enters ? values[j] : -values[j];
    count = enters ? count + 1 : count - 1;
  };
  for (std::size_t j = 0; j <= kHalf && j < values.size(); ++j) add(j, true);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) add(i + kHalf, true);
    if (i > kHalf) add(i - kHalf - 1, false);
    if (!std::isnan(values[i]) && count >= kHalf)
      out[i] = values[i] - static_cast<float>(sum / static_cast<double>(count));
  }
  return out;
}

// The largest change of a daily figure's weekly median between the weeks before and after a split (at least
// two weeks each side), signed; `rise_only` keeps only rises.
float best_weekly_shift(std::span<const float> daily, bool rise_only) {
  std::vector<float> weeks;
  for (std::size_t w = 0; w + 7 <= daily.size(); w += 7) weeks.push_back(median_window(daily.subspan(w, 7)));
  float best = NAN;
  for (std::size_t k = 2; k + 2 <= weeks.size(); ++k) {
    const float before = median_present(std::span(weeks).subspan(0, k));
    const float after = median_present(std::span(weeks).subspan(k));
    if (std::isnan(before) || std::isnan(after)) continue;
    const float shift = after - before;
    if (std::isnan(best) || (rise_only ? shift > best : std::fabs(shift) > std::fabs(best))) best = shift;
  }
  return best;
}

}  // namespace

std::span<const std::string_view> theft_feature_names() {
  return kNames;
}

PeerShape build_peer_shape(std::span<const DailySeries* const> series, std::size_t max_meters) {
  PeerShape shape;
  std::int64_t first = INT64_MAX, last = INT64_MIN;
  for (const DailySeries* s : series) {
    if (s->empty()) continue;
    first = std::min(first, s->first_day());
    last = std::max(last, s->day(s->size() - 1));
  }
  if (first > last) return shape;
  shape.first_day = first;
  const std::size_t days = static_cast<std::size_t>(std::min<std::int64_t>(last - first + 1, kMaxPeerDays));
  const std::size_t stride =
      std::max<std::size_t>(1, (series.size() + max_meters - 1) / std::max<std::size_t>(max_meters, 1));
  std::vector<std::vector<float>> per_day(days);
  std::vector<float> levels;
  for (std::size_t m = 0; m < series.size(); m += stride) {
    const DailySeries& s = *series[m];
    std::vector<float> positive;
    for (const DaySummary& day : s.days())
      if (!std::isnan(day.kwh) && !is_zero(day.kwh)) positive.push_back(day.kwh);
    const float typical = median_of(std::move(positive));
    if (std::isnan(typical)) continue;
    levels.push_back(typical);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::int64_t index = s.day(i) - first;
      if (index >= 0 && index < static_cast<std::int64_t>(days) && !std::isnan(s[i].kwh))
        per_day[static_cast<std::size_t>(index)].push_back(s[i].kwh / typical);
    }
  }
  shape.median_level_kwh = median_of(std::move(levels));
  shape.factor.resize(days, NAN);
  for (std::size_t i = 0; i < days; ++i)
    if (per_day[i].size() >= 5) shape.factor[i] = median_of(std::move(per_day[i]));
  return shape;
}

TheftFeatureResult compute_theft_features(const DailySeries& series, const PeerShape& peers, bool intraday) {
  TheftFeatureResult result;
  result.values.assign(feature_count, NAN);
  std::vector<float>& f = result.values;
  TheftEvidence& ev = result.evidence;
  const std::size_t n = series.size();
  if (n == 0) return result;
  ev.first_day = series.first_day();
  ev.last_day = series.day(n - 1);

  Days d;
  d.kwh.resize(n);
  d.shape.resize(n);
  d.relative.assign(n, NAN);
  d.weekday.resize(n);
  std::vector<float> positive;
  std::size_t present = 0;
  for (std::size_t i = 0; i < n; ++i) {
    d.kwh[i] = series[i].kwh;
    d.shape[i] = peers.at(series.day(i));
    // 1970-01-01 was a Thursday; weekday 0 = Monday.
    d.weekday[i] = static_cast<std::uint8_t>(((series.day(i) % 7) + 7 + 3) % 7);
    if (std::isnan(d.kwh[i])) continue;
    ++present;
    if (!is_zero(d.kwh[i])) positive.push_back(d.kwh[i]);
  }
  if (present < kMinDays) return result;
  d.typical_kwh = median_of(std::move(positive));
  if (std::isnan(d.typical_kwh)) d.typical_kwh = 0;
  d.smoothing = std::max(0.05f * d.typical_kwh, 0.01f);
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(d.kwh[i]) || d.typical_kwh <= 0) continue;
    const float factor = std::isnan(d.shape[i]) || d.shape[i] <= 0 ? 1.0f : d.shape[i];
    d.relative[i] = d.kwh[i] / (d.typical_kwh * factor);
  }

  // Whole-series figures.
  f[span_days] = static_cast<float>(n);
  f[missing_share] = 1.0f - static_cast<float>(present) / static_cast<float>(n);
  std::size_t zeros = 0, isolated = 0, run = 0, longest_zero = 0, repeat_run = 0, longest_repeat = 0;
  double sum = 0, sum_sq = 0;
  float previous = NAN;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = d.kwh[i];
    if (std::isnan(x)) continue;
    sum += x, sum_sq += double(x) * x;
    if (is_zero(x)) {
      ++zeros;
      longest_zero = std::max(longest_zero, ++run);
      const bool left = i > 0 && !std::isnan(d.kwh[i - 1]) && !is_zero(d.kwh[i - 1]);
      const bool right = i + 1 < n && !std::isnan(d.kwh[i + 1]) && !is_zero(d.kwh[i + 1]);
      isolated += left && right ? 1 : 0;
    } else {
      run = 0;
    }
    repeat_run = !std::isnan(previous) && same_wh(x, previous) ? repeat_run + 1 : 0;
    longest_repeat = std::max(longest_repeat, repeat_run);
    previous = x;
  }
  f[zero_share] = static_cast<float>(zeros) / static_cast<float>(present);
  f[longest_zero_run_share] = static_cast<float>(longest_zero) / static_cast<float>(n);
  f[isolated_zero_share] = zeros == 0 ? 0.0f : static_cast<float>(isolated) / static_cast<float>(zeros);
  f[longest_repeat_run] = static_cast<float>(longest_repeat);
  f[level_vs_peers_log] =
      std::log((d.typical_kwh + 0.01f) /
               ((std::isnan(peers.median_level_kwh) ? d.typical_kwh : peers.median_level_kwh) + 0.01f));
  const double mean = sum / static_cast<double>(present);
  const double var = std::max(0.0, sum_sq / static_cast<double>(present) - mean * mean);
  f[daily_cv] = mean > 1e-6 ? static_cast<float>(std::sqrt(var) / mean) : NAN;

  // Four-week blocks and the best split of each figure.
  const std::size_t block_count = (n + kBlockDays - 1) / kBlockDays;
  std::vector<Stretch> blocks(block_count);
  for (std::size_t b = 0; b < block_count; ++b)
    blocks[b] = stretch_figures(d, b * kBlockDays, std::min(n, (b + 1) * kBlockDays));
  const auto level_of = [](const Stretch& s) { return log_level(s.level); };
  const auto zero_of = [](const Stretch& s) { return s.zero; };
  const auto repeat_of = [](const Stretch& s) { return s.repeat; };
  const auto rough_of = [](const Stretch& s) { return std::log(s.rough + 1e-3f); };
  const auto contrast = [&](auto get) {
    return [&, get](std::size_t k) {
      return block_median(blocks, k, block_count, get) - block_median(blocks, 0, k, get);
    };
  };
  const auto level_contrast = contrast(level_of);
  // The level split is chosen by a z-like drop: the fall against the spread of the blocks before it, so a
  // meter that always wanders does not look like one that fell once.
  const auto [drop_k, drop_z] = best_split(block_count, [&](std::size_t k) {
    const float c = level_contrast(k);
    std::vector<float> before;
    for (std::size_t b = 0; b < k; ++b)
      if (blocks[b].present >= kMinBlockDays) before.push_back(level_of(blocks[b]));
    const float centre = median_of(before);
    for (float& v : before) v = std::fabs(v - centre);
    const float spread = std::max(1.4826f * median_of(before), 0.05f);
    return -c / spread;
  });
  if (drop_k > 0) {
    f[level_drop_log] = level_contrast(drop_k);
    f[level_drop_z] = drop_z;
    f[level_drop_position] = static_cast<float>(drop_k) / static_cast<float>(block_count);
    const std::size_t day = refine_drop_day(d, (drop_k - 1) * kBlockDays, (drop_k + 1) * kBlockDays);
    ev.drop_start = series.day(day);
    ev.drop_ratio = std::exp(f[level_drop_log]);
    const Stretch before = stretch_figures(d, 0, day), after = stretch_figures(d, day, n);
    ev.zero_share_before = before.zero;
    ev.zero_share_after = after.zero;
    f[drop_after_share] = static_cast<float>(n - day) / static_cast<float>(n);
  }
  f[zero_increase] = best_split(block_count, contrast(zero_of)).second;
  const auto [repeat_k, repeat_gain] = best_split(block_count, contrast(repeat_of));
  f[repeat_increase] = repeat_gain;
  if (repeat_k > 0 && repeat_gain > 0.2f) {
    for (std::size_t i = std::max<std::size_t>((repeat_k - 1) * kBlockDays, 1); i < n; ++i) {
      if (!std::isnan(d.kwh[i]) && !std::isnan(d.kwh[i - 1]) && same_wh(d.kwh[i], d.kwh[i - 1])) {
        ev.repeat_start = series.day(i - 1);
        break;
      }
    }
    ev.repeat_share_after = block_median(blocks, repeat_k, block_count, repeat_of);
  }
  const auto rough_contrast = contrast(rough_of);
  f[rough_up_log] = best_split(block_count, rough_contrast).second;
  const float rough_down = best_split(block_count, [&](std::size_t k) { return -rough_contrast(k); }).second;
  f[rough_down_log] = std::isnan(rough_down) ? NAN : -rough_down;
  ev.roughness_ratio = std::isnan(f[rough_up_log]) ? NAN : std::exp(f[rough_up_log]);

  // The first third against the last: a change that holds to the end of the data.
  const std::size_t third = n / 3;
  const Stretch early = stretch_figures(d, 0, third), late = stretch_figures(d, n - third, n);
  if (early.present >= kMinBlockDays && late.present >= kMinBlockDays) {
    f[third_level_log] = log_level(late.level) - log_level(early.level);
    f[third_zero_diff] = late.zero - early.zero;
    f[third_repeat_diff] = late.repeat - early.repeat;
    f[third_rough_log] = std::log(late.rough + 1e-3f) - std::log(early.rough + 1e-3f);
  }
  f[shape_corr_early] = ev.shape_corr_early = shape_correlation(d, 0, third);
  f[shape_corr_late] = ev.shape_corr_late = shape_correlation(d, n - third, n);
  const auto early_week = weekday_profile(d, 0, third), late_week = weekday_profile(d, n - third, n);
  f[weekday_strength_early] = profile_strength(early_week);
  f[weekday_strength_late] = profile_strength(late_week);
  f[weekday_corr] = ev.weekday_corr = pearson(early_week, late_week, 7);
  f[lag1_corr_early] = lag1_correlation(d, 0, third);
  f[lag1_corr_late] = lag1_correlation(d, n - third, n);
  const Step step = sharpest_step(d);
  f[step_drop_log] = step.drop_log;
  f[step_drop_z] = step.z;
  f[reversal_gain] = reversal_gain_of(d);
  f[swing_early_log] = weekly_swing(d, 0, third);
  f[swing_late_log] = weekly_swing(d, n - third, n);
  f[swing_log_diff] = f[swing_late_log] - f[swing_early_log];
  std::vector<float> weekly_log = weekly_means(d.relative);
  for (float& v : weekly_log) v = std::isnan(v) ? NAN : log_level(v);
  const StepFit fit = fit_step(weekly_log);
  f[step_r2] = fit.r2;
  f[step_vs_trend] = fit.vs_trend;
  f[step_shift] = fit.shift;
  f[step_t] = fit.t;
  f[after_recovery] = fit.recovery;
  f[reversal_flattening] = reversal_flattening_of(d);
  // A meter scaled down (h1, a bypass) keeps its shape: its low days, its median day and its spread all
  // shrink by the same factor. A household that changed (fewer people, an appliance gone) seldom does.
  if (!std::isnan(fit.shift)) {
    const std::size_t day = std::min(n, fit.week * 7);
    const auto before = relative_quantiles(d, 0, day), after = relative_quantiles(d, day, n);
    const float median_shift = log_level(after[1]) - log_level(before[1]);
    f[step_median_shift] = median_shift;
    f[floor_vs_median_shift] = log_level(after[0]) - log_level(before[0]) - median_shift;
    f[spread_vs_median_shift] =
        log_level(after[2] - after[0]) - log_level(before[2] - before[0]) - median_shift;
  }
  // The day-level step dates the drop better than the four-week blocks when it is the sharper evidence.
  if (!std::isnan(step.z) && (std::isnan(f[level_drop_z]) || step.z >= 3.0f)) {
    ev.drop_start = series.day(step.day);
    ev.drop_ratio = std::exp(step.drop_log);
    const Stretch before = stretch_figures(d, 0, step.day), after = stretch_figures(d, step.day, n);
    ev.zero_share_before = before.zero;
    ev.zero_share_after = after.zero;
  }
  {
    std::vector<float> log_kwh(n, NAN), log_shape(n, NAN);
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isnan(d.kwh[i])) log_kwh[i] = std::log(d.kwh[i] + d.smoothing);
      if (!std::isnan(d.shape[i]) && d.shape[i] > 0) log_shape[i] = std::log(d.shape[i]);
    }
    const std::vector<float> meter_part = day_to_day_part(log_kwh), peer_part = day_to_day_part(log_shape);
    const std::span<const float> m(meter_part), p(peer_part);
    f[daily_comovement_early] = pearson(m.subspan(0, third), p.subspan(0, third), 30);
    f[daily_comovement_late] = pearson(m.subspan(n - third, third), p.subspan(n - third, third), 30);
    f[daily_comovement_diff] = f[daily_comovement_late] - f[daily_comovement_early];
  }
  if (intraday) {
    // Flatness: the lowest hour over the mean hour (1 = the same every hour). Night over day: the lowest hour
    // of 00-06 against the lowest of 11-17, in logs.
    std::vector<float> flatness(n, NAN), night_over_day(n, NAN);
    for (std::size_t i = 0; i < n; ++i) {
      const DaySummary& day = series[i];
      if (std::isnan(day.kwh) || day.kwh <= kZeroKwh || std::isnan(day.night_low_kw) ||
          std::isnan(day.day_low_kw))
        continue;
      flatness[i] = std::min(day.night_low_kw, day.day_low_kw) * 24.0f / day.kwh;
      const float floor = 0.01f * day.kwh / 24.0f + 1e-3f;
      night_over_day[i] = std::log((day.night_low_kw + floor) / (day.day_low_kw + floor));
    }
    const auto mean_in = [&](const std::vector<float>& v, std::size_t from, std::size_t to) {
      return mean_of(std::span(v).subspan(from, to - from));
    };
    f[intraday_flatness_early] = mean_in(flatness, 0, third);
    f[intraday_flatness_late] = mean_in(flatness, n - third, n);
    f[intraday_flatness_increase] = best_weekly_shift(flatness, true);
    f[night_over_day_early] = mean_in(night_over_day, 0, third);
    f[night_over_day_late] = mean_in(night_over_day, n - third, n);
    f[night_over_day_shift] = best_weekly_shift(night_over_day, false);
  }
  ev.missing_share = f[missing_share];
  return result;
}

}  // namespace minewatch
