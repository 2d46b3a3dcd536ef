// detect layer: the deficit's attribution by a small regression with positive coefficients
// (deficit_attribution.h).
#include "deficit_attribution.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "minewatch/detect/change_points.h"
#include "subset_regression.h"

namespace minewatch::detail {
namespace {

// A meter needs this many complete days before and after the deficit's start to be judged on its drop.
constexpr std::size_t kMinSideDays = 3;

// One candidate explanation of the daily deficit: a tap's step, or a way one meter can hide energy.
struct Regressor {
  std::size_t meter = SIZE_MAX;  // SIZE_MAX: the tap's step at the deficit's start
  std::vector<double> values;    // per used day
};

// Least squares of y on the centred regressors `chosen` (at most a few); a regressor that is (nearly) a
// combination of the others gets coefficient 0.
std::vector<double> least_squares(const std::vector<const std::vector<double>*>& chosen,
                                  const std::vector<double>& y) {
  const std::size_t k = chosen.size();
  NormalEquations system;
  system.reset(k);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      double s = 0;
      for (std::size_t d = 0; d < y.size(); ++d) s += (*chosen[i])[d] * (*chosen[j])[d];
      system.xx(i, j) = s;
    }
    double s = 0;
    for (std::size_t d = 0; d < y.size(); ++d) s += (*chosen[i])[d] * y[d];
    system.xy(i) = s;
  }
  std::vector<double> coef;
  system.solve(coef);
  return coef;
}

// The meter's largest fall to a lower level it then keeps (change_points.h on its daily kWh): the first day
// of the lower level and the level it fell from (the segment just before, not all days before: a farm that
// started in the window and then bypassed its meter fell from the level its rigs set). Nothing when it never
// fell by more than its noise allows.
struct OwnFall {
  std::size_t start = SIZE_MAX;
  double level_before = 0;
};

OwnFall own_fall(const std::vector<float>& reported, const BalanceConfig& config) {
  ChangePointConfig cp;
  cp.min_step_kw = 0;  // daily kWh here; the noise test alone decides
  cp.noise_multiple = config.noise_multiple;
  cp.min_segment_days = std::max(config.min_segment_days, kMinSideDays);
  const auto segments = find_level_segments(reported, cp);
  OwnFall found;
  float largest = 0;
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const float fall = segments[i - 1].level - segments[i].level;
    if (fall > largest) {
      largest = fall;
      found = {segments[i].first, segments[i - 1].level};
    }
  }
  return found;
}

// Residual sum of squares of y after least squares on the centred columns `cols` (y itself when none).
double residual_sum_of_squares(const std::vector<const std::vector<double>*>& cols,
                               const std::vector<double>& y, std::vector<double>* coef_out = nullptr) {
  const std::vector<double> coef = cols.empty() ? std::vector<double>{} : least_squares(cols, y);
  double rss = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    double r = y[i];
    for (std::size_t j = 0; j < cols.size(); ++j) r -= coef[j] * (*cols[j])[i];
    rss += r * r;
  }
  if (coef_out != nullptr) *coef_out = coef;
  return rss;
}

// The transformer's own loss share: technical losses are a share of the feed, so they follow it day by day
// while a tap of rigs draws the same whatever the feed. The slope of the daily unexplained energy on the
// daily feed, with the split's chosen terms held in, is what the assumed loss share missed; its standard
// error says how well the feed's own course measured it (a feed that hardly varies measures nothing).
void measure_own_losses(const std::vector<const std::vector<double>*>& chosen, const std::vector<double>& y,
                        std::vector<double> feed, BalanceAnalysis& out) {
  const std::size_t n = y.size();
  double mean = 0;
  for (double v : feed) mean += v;
  mean /= static_cast<double>(n);
  for (double& v : feed) v -= mean;
  // The feed's variance left after the chosen terms: what is there to measure the slope with.
  const double feed_rss = residual_sum_of_squares(chosen, feed);
  const std::size_t terms = chosen.size() + 2;  // the chosen terms, the feed and the intercept
  if (feed_rss <= 1e-9 || n <= terms) return;
  std::vector<const std::vector<double>*> cols = chosen;
  cols.push_back(&feed);
  std::vector<double> coef;
  const double rss = residual_sum_of_squares(cols, y, &coef);
  const double variance = rss / static_cast<double>(n - terms);
  out.own_loss_share = static_cast<float>(out.loss_share + coef.back());
  out.own_loss_se = static_cast<float>(std::sqrt(variance / feed_rss));
}

}  // namespace

std::vector<float> heating_degree_days(const BalanceInput& input, std::size_t days,
                                       const BalanceConfig& config) {
  if (input.temperature_c.size() < days) return {};
  std::vector<float> heating(days);
  for (std::size_t d = 0; d < days; ++d) {
    const float t = input.temperature_c[d];
    if (std::isnan(t)) return {};
    heating[d] = std::max(0.0f, config.heating_base_c - t);
  }
  return heating;
}

// The regression deficit_attribution.h describes.
void attribute_deficit(const std::vector<AlignedMeter>& meters, const std::vector<float>& unexplained,
                       const std::vector<float>& heating, std::size_t start, const BalanceConfig& config,
                       std::span<const float> feed, BalanceAnalysis& out) {
  std::vector<std::size_t> used_days;
  for (std::size_t d = 0; d < unexplained.size(); ++d)
    if (!std::isnan(unexplained[d])) used_days.push_back(d);
  const std::size_t n = used_days.size();
  if (n < 2 * kMinSideDays) return;
  const bool has_start = start != SIZE_MAX;
  std::vector<double> y(n);
  double y_total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = unexplained[used_days[i]];
    y_total += y[i];
  }

  std::vector<Regressor> candidates;
  std::vector<double> raw_totals;  // each candidate's sum over the used days, before centring
  const auto add = [&](std::size_t meter, std::vector<double> values) {
    double sum = 0, sq = 0;
    for (double v : values) sum += v;
    const double mean = sum / static_cast<double>(n);
    for (double& v : values) {
      v -= mean;
      sq += v * v;
    }
    if (sq <= 1e-9) return;
    candidates.push_back({meter, std::move(values)});
    raw_totals.push_back(sum);
  };
  if (has_start) {  // a tap that draws a steady load from the start
    std::vector<double> step(n);
    for (std::size_t i = 0; i < n; ++i) step[i] = used_days[i] >= start ? 1.0 : 0.0;
    add(SIZE_MAX, std::move(step));
  }
  // A tap that follows the weather (heaters) has the course of the whole feed: the sum of the meters.
  {
    std::vector<double> total(n, 0.0);
    for (const AlignedMeter& meter : meters)
      for (std::size_t i = 0; i < n; ++i) total[i] += meter.filled[used_days[i]];
    if (has_start) {
      std::vector<double> since(n);
      for (std::size_t i = 0; i < n; ++i) since[i] = used_days[i] >= start ? total[i] : 0.0;
      add(SIZE_MAX, std::move(since));
    }
    add(SIZE_MAX, std::move(total));
  }
  // ... or, better, the cold itself: an electrically heated home follows it too, but with its own load on
  // top, so a heater tap is not pinned on the home whose heating happens to match it best.
  if (!heating.empty()) {
    std::vector<double> cold(n);
    for (std::size_t i = 0; i < n; ++i) cold[i] = heating[used_days[i]];
    if (has_start) {
      std::vector<double> since(n);
      for (std::size_t i = 0; i < n; ++i) since[i] = used_days[i] >= start ? cold[i] : 0.0;
      add(SIZE_MAX, std::move(since));
    }
    add(SIZE_MAX, std::move(cold));
  }
  // The deficit's rise at the start: a meter whose bypass began on a steady load falls by what it hides.
  double deficit_rise = 0;
  if (has_start) {
    std::vector<float> y_before, y_after;
    for (std::size_t i = 0; i < n; ++i)
      (used_days[i] >= start ? y_after : y_before).push_back(static_cast<float>(y[i]));
    if (!y_before.empty() && !y_after.empty())
      deficit_rise = median_present(y_after) - median_present(y_before);
  }
  std::vector<float> before, after_values, diffs;
  for (std::size_t m = 0; m < meters.size(); ++m) {
    const AlignedMeter& meter = meters[m];
    if (meter.silent) continue;
    std::vector<double> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = meter.filled[used_days[i]];
    if (has_start) {
      std::vector<double> since(n);
      for (std::size_t i = 0; i < n; ++i) since[i] = used_days[i] >= start ? all[i] : 0.0;
      before.clear();
      for (std::size_t d = 0; d < start; ++d)
        if (!std::isnan(meter.reported[d])) before.push_back(meter.reported[d]);
      double level = NAN;
      if (before.size() >= kMinSideDays) {
        level = median_present(before);
        std::vector<double> fall(n);
        for (std::size_t i = 0; i < n; ++i)
          fall[i] = used_days[i] >= start ? std::max(0.0, level - all[i]) : 0.0;
        add(m, std::move(fall));
      }
      // A share of what it reports since the start: only for a meter whose own level moved at the start
      // (a load that began with its bypass, or a bypass that began then), not for one that merely follows
      // the weather like a heater tap.
      after_values.clear();
      for (std::size_t d = start; d < meter.reported.size(); ++d)
        if (!std::isnan(meter.reported[d])) after_values.push_back(meter.reported[d]);
      if (!std::isnan(level) && after_values.size() >= kMinSideDays) {
        const double moved = median_present(after_values) - level;
        diffs.clear();
        for (std::size_t d = 1; d < meter.reported.size(); ++d)
          if (!std::isnan(meter.reported[d]) && !std::isnan(meter.reported[d - 1]))
            diffs.push_back(std::fabs(meter.reported[d] - meter.reported[d - 1]));
        const double noise = diffs.empty() ? 0.0 : 1.4826 / std::sqrt(2.0) * median_present(diffs);
        // A meter that rose (a load that began with its bypass) may explain any rise; one that fell hides
        // about what it lost, so it may not take a rise far larger than its fall (a heater tap that starts
        // while an electrically heated home's reading dips with the weather). Either way the move must stand
        // out of its noise and be material against its own level.
        const double least_move =
            std::max(config.moved_noise_multiple * noise, config.moved_min_level_share * level);
        const bool rose = moved > least_move;
        const bool fell = -moved > least_move && -moved >= config.fallen_min_rise_share * deficit_rise;
        if (rose || fell) add(m, std::move(since));
      }
    }
    // Its fall below its own level from the day it fell, when that is not the deficit's start: a theft that
    // began weeks before the deficit's largest rise (it rose twice), or in a window where no start was found.
    const OwnFall own = own_fall(meter.reported, config);
    if (own.start != SIZE_MAX &&
        (!has_start || own.start + kMinSideDays <= start || own.start >= start + kMinSideDays)) {
      std::vector<double> fall(n);
      for (std::size_t i = 0; i < n; ++i)
        fall[i] = used_days[i] >= own.start ? std::max(0.0, own.level_before - all[i]) : 0.0;
      add(m, std::move(fall));
    }
    add(m, std::move(all));
  }

  // The terms: the best subset with positive coefficients (subset_regression.h).
  double tss = 0;
  {
    double mean = y_total / static_cast<double>(n);
    for (double v : y) tss += (v - mean) * (v - mean);
  }
  if (tss <= 0) return;
  std::vector<double> centred(n);
  for (std::size_t i = 0; i < n; ++i) centred[i] = y[i] - y_total / static_cast<double>(n);
  std::vector<const std::vector<double>*> columns;
  for (const Regressor& r : candidates) columns.push_back(&r.values);
  const SubsetFit fit =
      best_positive_subset(columns, centred, config.max_terms, config.min_term_gain, config.subset_pool);
  const std::vector<std::size_t>& chosen = fit.terms;
  const std::vector<double>& coef = fit.coef;
  {
    std::vector<const std::vector<double>*> cols;
    for (std::size_t c : chosen) cols.push_back(columns[c]);
    std::vector<double> feed_days(n);
    for (std::size_t i = 0; i < n; ++i) feed_days[i] = feed[used_days[i]];
    measure_own_losses(cols, centred, std::move(feed_days), out);
  }

  // Energy per meter over the used days; the tap gets the rest.
  std::vector<std::pair<std::size_t, double>> energy;  // meter, kWh
  for (std::size_t j = 0; j < chosen.size(); ++j) {
    const Regressor& r = candidates[chosen[j]];
    if (r.meter == SIZE_MAX) continue;
    const double kwh = coef[j] * raw_totals[chosen[j]];
    auto it = std::find_if(energy.begin(), energy.end(), [&](const auto& e) { return e.first == r.meter; });
    if (it == energy.end()) {
      energy.emplace_back(r.meter, kwh);
    } else {
      it->second += kwh;
    }
  }
  double metered = 0;
  for (const auto& e : energy) metered += e.second;
  const double deficit = std::max(y_total, 0.0);
  const double scale = metered > deficit && metered > 0 ? deficit / metered : 1.0;
  std::sort(energy.begin(), energy.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  out.meter_explained_kwh = 0;
  for (const auto& [m, kwh] : energy) {
    const double share = deficit > 0 ? scale * kwh / deficit : 0.0;
    out.meter_explained_kwh += scale * kwh;
    if (share < config.suspect_min_share || out.suspects.size() >= config.max_suspects) continue;
    BalanceSuspect s;
    s.meter = m;
    s.share = static_cast<float>(share);
    // Its correlation with the deficit and its change across the start, for the reason.
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, b0 = 0, b1 = 0;
    std::size_t n0 = 0, n1 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = meters[m].filled[used_days[i]];
      sx += x;
      sy += y[i];
      sxx += x * x;
      syy += y[i] * y[i];
      sxy += x * y[i];
      if (has_start && used_days[i] >= start) {
        b1 += x;
        ++n1;
      } else {
        b0 += x;
        ++n0;
      }
    }
    const double dn = static_cast<double>(n);
    const double vx = sxx - sx * sx / dn, vy = syy - sy * sy / dn;
    s.correlation =
        vx > 0 && vy > 0 ? static_cast<float>(std::fabs((sxy - sx * sy / dn) / std::sqrt(vx * vy))) : 0.0f;
    if (has_start && n0 > 0 && n1 > 0)
      s.drop_kwh_per_day = static_cast<float>(b0 / static_cast<double>(n0) - b1 / static_cast<double>(n1));
    out.suspects.push_back(s);
  }
  const double tap = deficit - out.meter_explained_kwh;
  out.culprit_is_meter = !out.suspects.empty() && out.suspects[0].share >= config.culprit_min_share &&
                         scale * energy.front().second > tap;
  out.metered_culprit_share = deficit > 0 ? static_cast<float>(out.meter_explained_kwh / deficit) : 0.0f;
}

}  // namespace minewatch::detail
