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

// Meters whose reported energy moved with the deficit. One least-squares line per meter, deficit_d = c + b
// x_d over the days used: a meter that under-reports from the start day falls as the deficit rises (b < 0); a
// meter that hides a fixed share of what it draws (a bypass, a new farm wired partly around its meter) rises
// with it (b > 0). The energy the meter explains is b times the change of its own level across the start,
// against the deficit's change; with no start in the data, b times its mean against the mean deficit (a
// bypass older than the data, b > 0 only).
void find_suspects(const std::vector<AlignedMeter>& meters, const std::vector<float>& unexplained,
                   std::size_t start, const BalanceConfig& config, BalanceAnalysis& out) {
  const std::size_t days = unexplained.size();
  const bool has_start = start != SIZE_MAX;
  std::vector<double> x, y;
  for (std::size_t m = 0; m < meters.size(); ++m) {
    const AlignedMeter& meter = meters[m];
    if (meter.silent) continue;
    x.clear();
    y.clear();
    double x_sum[2] = {0, 0}, y_sum[2] = {0, 0};
    std::size_t n[2] = {0, 0};
    for (std::size_t d = 0; d < days; ++d) {
      if (std::isnan(meter.reported[d]) || std::isnan(unexplained[d])) continue;
      x.push_back(meter.reported[d]);
      y.push_back(unexplained[d]);
      const int side = has_start && d >= start ? 1 : 0;
      x_sum[side] += meter.reported[d];
      y_sum[side] += unexplained[d];
      ++n[side];
    }
    if (x.size() < 2 * kMinSideDays) continue;
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      mx += x[i];
      my += y[i];
    }
    mx /= static_cast<double>(x.size());
    my /= static_cast<double>(x.size());
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0) continue;
    const double slope = sxy / sxx;
    const double correlation = std::fabs(sxy / std::sqrt(sxx * syy));
    double explained = 0, deficit = 0, change = 0;
    if (has_start) {
      if (n[0] < kMinSideDays || n[1] < kMinSideDays) continue;
      const auto mean = [&](const double* sum, int side) { return sum[side] / static_cast<double>(n[side]); };
      change = mean(x_sum, 1) - mean(x_sum, 0);
      explained = slope * change;
      deficit = mean(y_sum, 1) - mean(y_sum, 0);
    } else {
      if (slope <= 0) continue;
      change = 0;
      explained = slope * mx;
      deficit = my;
    }
    if (deficit <= 0 || explained <= 0) continue;
    BalanceSuspect s;
    s.meter = m;
    s.share = static_cast<float>(std::min(1.0, explained / deficit));
    s.correlation = static_cast<float>(correlation);
    s.drop_kwh_per_day = static_cast<float>(-change);
    if (s.share >= config.suspect_min_share) out.suspects.push_back(s);
  }
  // A meter that explains the deficit and moves with it day by day: share times correlation.
  std::sort(out.suspects.begin(), out.suspects.end(), [](const BalanceSuspect& a, const BalanceSuspect& b) {
    const float ka = a.share * a.correlation, kb = b.share * b.correlation;
    return ka != kb ? ka > kb : a.meter < b.meter;
  });
  if (out.suspects.size() > config.max_suspects) out.suspects.resize(config.max_suspects);
  out.culprit_is_meter = !out.suspects.empty() && out.suspects[0].share >= config.culprit_min_share &&
                         out.suspects[0].correlation >= config.culprit_min_correlation;
  // What the culprit meters explain is not energy taken before the meters.
  double explained = 0;
  for (const auto& s : out.suspects)
    if (s.share >= config.culprit_min_share && s.correlation >= config.culprit_min_correlation)
      explained += s.share;
  out.metered_culprit_share = static_cast<float>(std::min(1.0, explained));
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

float balance_score(float unexplained_share, const BalanceConfig& config) {
  if (std::isnan(unexplained_share)) return 0;
  const float z = (unexplained_share - config.score_half_share) / config.score_width_share;
  return 1.0f / (1.0f + std::exp(-z));
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
  out.score = balance_score(out.unexplained_share, config);
  if (has_start) out.deficit_start = input.first_day + static_cast<std::int64_t>(start);
  // Culprits are sought only for an abnormal deficit: below it any meter "explains" a deficit of noise.
  if (out.score >= config.flag_score)
    find_suspects(meters, out.unexplained, has_start ? start : SIZE_MAX, config, out);
  out.tap_score = balance_score(out.unexplained_share * (1.0f - out.metered_culprit_share), config);
  out.largest_drop_meter = largest_drop(meters, days);
  return out;
}

}  // namespace minewatch
