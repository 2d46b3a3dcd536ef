#include "minewatch/detect/daily_contrasts.h"

#include <algorithm>

namespace minewatch::contrasts {
namespace {

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

}  // namespace

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

// The sharpest sustained fall at day resolution: the median relative level of the four weeks after each day
// against the four weeks before. A theft switches on from one day to the next; a household's own changes
// (a new tenant, a new appliance) are rarely that sudden, and the z says how unusual the fall is for this
// meter's own wandering.
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

}  // namespace minewatch::contrasts
