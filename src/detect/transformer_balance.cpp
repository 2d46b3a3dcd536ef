#include "minewatch/detect/transformer_balance.h"

#include <algorithm>

#include "minewatch/detect/change_points.h"

namespace minewatch {
namespace {

// Missing meter-days are filled with the median of the meter's own complete days this close (either side).
constexpr std::int64_t kFillWindowDays = 7;
// A meter needs this many complete days before and after the deficit's start to be judged on its drop.
constexpr std::size_t kMinSideDays = 3;

// One meter's kWh on the transformer's days: present values, and the missing ones filled in.
struct AlignedMeter {
  std::vector<float> reported;  // NaN where the meter has no complete day
  std::vector<float> filled;    // reported, or the fill-in
  bool silent = true;           // no complete day at all
};

float value_at(const MeterDays& m, std::int64_t day) {
  const std::int64_t j = day - m.first_day;
  if (j < 0 || j >= static_cast<std::int64_t>(m.kwh.size())) return NAN;
  return m.kwh[static_cast<std::size_t>(j)];
}

AlignedMeter align(const MeterDays& m, std::int64_t first_day, std::size_t days) {
  AlignedMeter out;
  out.reported.resize(days);
  out.filled.resize(days);
  for (std::size_t d = 0; d < days; ++d) {
    out.reported[d] = value_at(m, first_day + static_cast<std::int64_t>(d));
    if (!std::isnan(out.reported[d])) out.silent = false;
  }
  if (out.silent) {
    for (float v : m.kwh) out.silent = out.silent && std::isnan(v);
  }
  const float overall = median_present(m.kwh);
  std::vector<float> near;
  for (std::size_t d = 0; d < days; ++d) {
    if (!std::isnan(out.reported[d])) {
      out.filled[d] = out.reported[d];
      continue;
    }
    near.clear();
    const std::int64_t day = first_day + static_cast<std::int64_t>(d);
    for (std::int64_t k = day - kFillWindowDays; k <= day + kFillWindowDays; ++k) {
      const float v = value_at(m, k);
      if (!std::isnan(v)) near.push_back(v);
    }
    const float fill = near.empty() ? overall : median_present(near);
    out.filled[d] = std::isnan(fill) ? 0.0f : fill;  // a silent meter counts as 0 kWh
  }
  return out;
}

// The day (index) the deficit share rose most, between two levels of the share series; SIZE_MAX when it
// holds one level (or only falls).
std::size_t find_deficit_start(const std::vector<float>& share, const BalanceConfig& config) {
  ChangePointConfig cp;
  cp.min_step_kw = config.min_step_share;
  cp.noise_multiple = config.noise_multiple;
  cp.min_segment_days = config.min_segment_days;
  const auto segments = find_level_segments(share, cp);
  std::size_t start = SIZE_MAX;
  float best_rise = 0;
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const float rise = segments[i].level - segments[i - 1].level;
    if (rise > best_rise) {
      best_rise = rise;
      start = segments[i].first;
    }
  }
  return start;
}

// One candidate explanation of the daily deficit: a tap's step, or a way one meter can hide energy.
struct Regressor {
  std::size_t meter = SIZE_MAX;  // SIZE_MAX: the tap's step at the deficit's start
  std::vector<double> values;    // per used day
};

// Solves the least-squares normal equations of the centred regressors `chosen` (at most a few) for y.
std::vector<double> least_squares(const std::vector<const std::vector<double>*>& chosen,
                                  const std::vector<double>& y) {
  const std::size_t k = chosen.size();
  std::vector<double> a(k * (k + 1), 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      double s = 0;
      for (std::size_t d = 0; d < y.size(); ++d) s += (*chosen[i])[d] * (*chosen[j])[d];
      a[i * (k + 1) + j] = s;
    }
    double s = 0;
    for (std::size_t d = 0; d < y.size(); ++d) s += (*chosen[i])[d] * y[d];
    a[i * (k + 1) + k] = s;
  }
  // Gaussian elimination with partial pivoting; a (near-)singular column gets coefficient 0.
  std::vector<double> coef(k, 0.0);
  std::vector<std::size_t> pivot_row(k, SIZE_MAX);
  std::vector<bool> used(k, false);
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t best = SIZE_MAX;
    double best_abs = 1e-9 * (1.0 + std::fabs(a[col * (k + 1) + col]));
    for (std::size_t r = 0; r < k; ++r)
      if (!used[r] && std::fabs(a[r * (k + 1) + col]) > best_abs) {
        best_abs = std::fabs(a[r * (k + 1) + col]);
        best = r;
      }
    if (best == SIZE_MAX) continue;
    used[best] = true;
    pivot_row[col] = best;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == best) continue;
      const double f = a[r * (k + 1) + col] / a[best * (k + 1) + col];
      for (std::size_t c = col; c <= k; ++c) a[r * (k + 1) + c] -= f * a[best * (k + 1) + c];
    }
  }
  for (std::size_t col = 0; col < k; ++col)
    if (pivot_row[col] != SIZE_MAX)
      coef[col] = a[pivot_row[col] * (k + 1) + k] / a[pivot_row[col] * (k + 1) + col];
  return coef;
}

// Splits the daily unexplained energy between a tap and the customer meters by a small non-negative
// regression chosen forward (docs/balance.md). Each meter offers up to three ways to hide energy: a share of
// what it reports on every day (a bypass older than the data), a share of what it reports since the deficit's
// start (a load that began with its bypass), and its fall below its own level before the start (h1, h2, h4
// thefts that begin with the deficit); the tap offers a step at the start. With an intercept, only the
// day-to-day course tells them apart, so a flat tap and a flat meter share are not confused with a meter that
// happens to be flat. Up to config.max_terms terms enter, each while it removes at least
// config.min_term_gain of the deficit's variance; coefficients stay positive.
void attribute_deficit(const std::vector<AlignedMeter>& meters, const std::vector<float>& unexplained,
                       std::size_t start, const BalanceConfig& config, BalanceAnalysis& out) {
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
        const double moved = std::fabs(median_present(after_values) - level);
        diffs.clear();
        for (std::size_t d = 1; d < meter.reported.size(); ++d)
          if (!std::isnan(meter.reported[d]) && !std::isnan(meter.reported[d - 1]))
            diffs.push_back(std::fabs(meter.reported[d] - meter.reported[d - 1]));
        const double noise = diffs.empty() ? 0.0 : 1.4826 / std::sqrt(2.0) * median_present(diffs);
        if (moved > config.moved_noise_multiple * noise) add(m, std::move(since));
      }
    }
    add(m, std::move(all));
  }

  // Forward selection of non-negative terms.
  double tss = 0;
  {
    double mean = y_total / static_cast<double>(n);
    for (double v : y) tss += (v - mean) * (v - mean);
  }
  if (tss <= 0) return;
  std::vector<double> centred(n);
  for (std::size_t i = 0; i < n; ++i) centred[i] = y[i] - y_total / static_cast<double>(n);
  std::vector<std::size_t> chosen;
  std::vector<double> coef;
  std::vector<double> residual = centred;
  for (std::size_t round = 0; round < config.max_terms; ++round) {
    std::size_t best = SIZE_MAX;
    double best_gain = config.min_term_gain * tss;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) continue;
      double xy = 0, xx = 0;
      for (std::size_t i = 0; i < n; ++i) {
        xy += candidates[c].values[i] * residual[i];
        xx += candidates[c].values[i] * candidates[c].values[i];
      }
      if (xy <= 0) continue;
      const double gain = xy * xy / xx;
      if (gain > best_gain) {
        best_gain = gain;
        best = c;
      }
    }
    if (best == SIZE_MAX) break;
    chosen.push_back(best);
    // Refit jointly; drop terms whose coefficient turned non-positive and refit.
    for (;;) {
      std::vector<const std::vector<double>*> cols;
      for (std::size_t c : chosen) cols.push_back(&candidates[c].values);
      coef = least_squares(cols, centred);
      std::size_t worst = SIZE_MAX;
      for (std::size_t j = 0; j < coef.size(); ++j)
        if (coef[j] <= 0 && (worst == SIZE_MAX || coef[j] < coef[worst])) worst = j;
      if (worst == SIZE_MAX) break;
      chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(worst));
      if (chosen.empty()) {
        coef.clear();
        break;
      }
    }
    residual = centred;
    for (std::size_t j = 0; j < chosen.size(); ++j)
      for (std::size_t i = 0; i < n; ++i) residual[i] -= coef[j] * candidates[chosen[j]].values[i];
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

// The baseline a utility would try first: the meter whose mean fell most from the first half to the second.
std::size_t largest_drop(const std::vector<AlignedMeter>& meters, std::size_t days) {
  std::size_t best = SIZE_MAX;
  double best_drop = 0;
  for (std::size_t m = 0; m < meters.size(); ++m) {
    double sum[2] = {0, 0};
    std::size_t n[2] = {0, 0};
    for (std::size_t d = 0; d < days; ++d) {
      const float v = meters[m].reported[d];
      if (std::isnan(v)) continue;
      const int half = 2 * d < days ? 0 : 1;
      sum[half] += v;
      ++n[half];
    }
    if (n[0] == 0 || n[1] == 0) continue;
    const double drop = sum[0] / static_cast<double>(n[0]) - sum[1] / static_cast<double>(n[1]);
    if (drop > best_drop) {
      best_drop = drop;
      best = m;
    }
  }
  return best;
}

}  // namespace

float balance_score(float share, const BalanceConfig& config) {
  if (std::isnan(share) || share <= 0) return 0;
  return share / (share + config.score_half_share);
}

BalanceAnalysis analyse_transformer_balance(const BalanceInput& input, const BalanceConfig& config) {
  BalanceAnalysis out;
  const std::size_t days = input.balance_kwh.size();
  out.unexplained.assign(days, NAN);

  std::vector<AlignedMeter> meters;
  meters.reserve(input.meters.size());
  for (const MeterDays& m : input.meters) {
    meters.push_back(align(m, input.first_day, days));
    out.silent_meters += meters.back().silent ? 1 : 0;
  }

  // The days whose balance is present and whose meters are known well enough.
  std::vector<double> metered(days, 0.0);
  std::vector<float> share(days, NAN);
  for (std::size_t d = 0; d < days; ++d) {
    const float balance = input.balance_kwh[d];
    if (std::isnan(balance) || balance <= 0) continue;
    double filled_in = 0;
    std::size_t filled_count = 0;
    for (const AlignedMeter& m : meters) {
      metered[d] += m.filled[d];
      if (std::isnan(m.reported[d]) && !m.silent) {
        filled_in += m.filled[d];
        ++filled_count;
      }
    }
    if (filled_in > config.max_imputed_share * metered[d]) {
      ++out.days_left_out;
      continue;
    }
    out.imputed_meter_days += filled_count;
    share[d] = static_cast<float>((balance - metered[d]) / balance);
    ++out.days;
    out.balance_kwh += balance;
    out.metered_kwh += metered[d];
  }
  if (out.days == 0) return out;
  out.raw_deficit_share = static_cast<float>((out.balance_kwh - out.metered_kwh) / out.balance_kwh);

  // Losses: the typical deficit share before the deficit began (all days when it did not begin inside the
  // data), never above what a network loses.
  const std::size_t start = find_deficit_start(share, config);
  std::vector<float> baseline;
  for (std::size_t d = 0; d < days && d < start; ++d)
    if (!std::isnan(share[d])) baseline.push_back(share[d]);
  const bool has_start = start != SIZE_MAX && baseline.size() >= config.min_segment_days;
  if (!has_start) baseline.assign(share.begin(), share.end());
  out.loss_share = std::clamp(median_present(baseline), 0.0f, config.max_loss_share);

  double after_unexplained = 0, after_balance = 0;
  std::size_t after_days = 0;
  for (std::size_t d = 0; d < days; ++d) {
    if (std::isnan(share[d])) continue;
    const double balance = input.balance_kwh[d];
    const double loss = out.loss_share * balance;
    out.loss_kwh += loss;
    out.unexplained[d] = static_cast<float>(balance - metered[d] - loss);
    out.deficit_kwh += out.unexplained[d];
    if (!has_start || d >= start) {
      after_unexplained += out.unexplained[d];
      after_balance += balance;
      ++after_days;
    }
  }
  if (after_days > 0) {
    out.deficit_kwh_per_day = static_cast<float>(after_unexplained / static_cast<double>(after_days));
    out.unexplained_share = static_cast<float>(after_unexplained / after_balance);
  }
  // The score ranks by the unaccounted energy's share of the feed over the whole window: energy, so a
  // deficit that began three days before the end ranks below one that ran for two months.
  out.window_share = static_cast<float>(out.deficit_kwh / out.balance_kwh);
  out.score = balance_score(out.window_share, config);
  if (has_start) out.deficit_start = input.first_day + static_cast<std::int64_t>(start);
  attribute_deficit(meters, out.unexplained, has_start ? start : SIZE_MAX, config, out);
  // Culprits are named only for an abnormal deficit: below it any meter "explains" a deficit of noise.
  if (out.score < config.flag_score) {
    out.suspects.clear();
    out.culprit_is_meter = false;
  }
  // The tap: the raw deficit (no loss model, which would learn an old tap as losses) less what the meters
  // explain.
  out.tap_share = static_cast<float>(out.raw_deficit_share - out.meter_explained_kwh / out.balance_kwh);
  out.tap_score = balance_score(out.tap_share, config);
  out.largest_drop_meter = largest_drop(meters, days);
  return out;
}

}  // namespace minewatch
