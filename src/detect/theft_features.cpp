#include "minewatch/detect/theft_features.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "minewatch/detect/change_points.h"
#include "minewatch/detect/daily_contrasts.h"

namespace minewatch {
namespace {

using namespace contrasts;

// Twelve weeks with values, or no features: fewer leave too few four-week blocks to contrast (a 60-day grid
// flagged a third of its meters when the model had seen no shorter series). Interval data carry the day's
// shape as well, which h5 and h6 change from their first day on: four weeks of it suffice, and the shipped
// model is trained on 30- and 60-day grids for them (docs/detectors.md, "Short windows").
constexpr std::size_t kMinDays = 84;
constexpr std::size_t kMinIntradayDays = 28;
constexpr std::size_t kMaxPeerDays = 20 * 366;  // twenty years of days bounds a peer shape's memory

// The features in the order of the enum below; every name is a column of the model file.
// clang-format off
constexpr std::array<std::string_view, 56> kNames = {
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
    "zero_run_count_log",
    "zero_days_per_run",
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
  zero_run_count_log,
  zero_days_per_run,
  feature_count
};
static_assert(feature_count == kNames.size());
static_assert(std::none_of(kNames.begin(), kNames.end(), [](std::string_view name) { return name.empty(); }),
              "a feature without a name");

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
    const float typical = median_present(positive);
    if (std::isnan(typical)) continue;
    levels.push_back(typical);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::int64_t index = s.day(i) - first;
      if (index >= 0 && index < static_cast<std::int64_t>(days) && !std::isnan(s[i].kwh))
        per_day[static_cast<std::size_t>(index)].push_back(s[i].kwh / typical);
    }
  }
  shape.median_level_kwh = median_present(levels);
  shape.factor.resize(days, NAN);
  for (std::size_t i = 0; i < days; ++i)
    if (per_day[i].size() >= 5) shape.factor[i] = median_present(per_day[i]);
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
  if (present < (intraday ? kMinIntradayDays : kMinDays)) return result;
  d.typical_kwh = median_present(positive);
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
  // A spell of zero days starts at a zero day whose previous present day was not zero: a missing day neither
  // starts nor ends one. Many separate spells are h2 (days zeroed at random); an empty home is one long run.
  std::size_t zeros = 0, isolated = 0, run = 0, longest_zero = 0, repeat_run = 0, longest_repeat = 0;
  std::size_t spells = 0;
  double sum = 0, sum_sq = 0;
  float previous = NAN;
  for (std::size_t i = 0; i < n; ++i) {
    const float x = d.kwh[i];
    if (std::isnan(x)) continue;
    sum += x, sum_sq += double(x) * x;
    if (is_zero(x)) {
      ++zeros;
      longest_zero = std::max(longest_zero, ++run);
      spells += run == 1 ? 1 : 0;
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
  f[zero_run_count_log] = std::log1p(static_cast<float>(spells));
  f[zero_days_per_run] = spells == 0 ? 0.0f : static_cast<float>(zeros) / static_cast<float>(spells);
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
    const float centre = median_present(before);
    for (float& v : before) v = std::fabs(v - centre);
    const float spread = std::max(1.4826f * median_present(before), 0.05f);
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
