#include "minewatch/detect/transformer_balance.h"

#include <algorithm>

#include "deficit_attribution.h"
#include "minewatch/detect/change_points.h"

namespace minewatch {
using detail::AlignedMeter;
namespace {

// Missing meter-days are filled with the median of the meter's own complete days this close (either side).
constexpr std::int64_t kFillWindowDays = 7;

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

float network_loss_share(std::span<const BalanceAnalysis* const> analyses, const BalanceConfig& config) {
  std::vector<float> measured;
  for (const BalanceAnalysis* a : analyses)
    if (a->own_loss_se <= config.loss_prior_sd && a->own_loss_share >= 0 &&
        a->own_loss_share <= config.max_loss_share)
      measured.push_back(a->own_loss_share);
  if (measured.size() < config.min_measured_transformers) return NAN;
  return median_present(measured);
}

void set_tap_share(BalanceAnalysis& a, float typical_loss_share, const BalanceConfig& config) {
  if (a.days == 0) return;  // nothing measured: no tap either
  // The transformer's own measure, weighted by its precision against the network's typical share. A measure
  // far outside what a network can lose (a deficit that follows the feed: a meter hiding a share of a load
  // that dominates the feed) says the fit is wrong, not the losses: the typical share is used then.
  const float own = a.own_loss_share, se = a.own_loss_se;
  float losses = typical_loss_share;
  const double prior_weight = 1.0 / (static_cast<double>(config.loss_prior_sd) * config.loss_prior_sd);
  a.tap_loss_se = config.loss_prior_sd;
  if (!std::isnan(own) && !std::isnan(se) && own >= -2 * se && own <= config.max_loss_share + 2 * se) {
    const double own_weight = 1.0 / std::max(static_cast<double>(se) * se, 1e-12);
    losses = static_cast<float>((own * own_weight + typical_loss_share * prior_weight) /
                                (own_weight + prior_weight));
    a.tap_loss_se = static_cast<float>(1.0 / std::sqrt(own_weight + prior_weight));
  }
  a.tap_loss_share = std::clamp(losses, 0.0f, config.max_loss_share);
  // The tap: the raw deficit (the losses measured apart, not the pre-start median, which would learn an old
  // tap as losses) less what the meters explain and less the losses.
  a.tap_share =
      static_cast<float>(a.raw_deficit_share - a.meter_explained_kwh / a.balance_kwh) - a.tap_loss_share;
  a.tap_score = balance_score(a.tap_share, config);
}

namespace {

// What one analysis splits: the transformer's days, its meters and the deficit's start (SIZE_MAX: none).
struct Window {
  const BalanceInput& input;
  const std::vector<AlignedMeter>& meters;
  const std::vector<float>& share;     // the raw deficit share per day, NaN on days not used
  const std::vector<double>& metered;  // the meters' kWh per day, missing meter-days filled in
  std::size_t start;
};

// The energy left unexplained after out.loss_share of the feed, its rate since the start, and the score.
void account(const Window& w, const BalanceConfig& config, BalanceAnalysis& out) {
  const bool has_start = w.start != SIZE_MAX;
  out.loss_kwh = 0;
  out.deficit_kwh = 0;
  double after_unexplained = 0, after_balance = 0;
  std::size_t after_days = 0;
  for (std::size_t d = 0; d < w.share.size(); ++d) {
    if (std::isnan(w.share[d])) continue;
    const double balance = w.input.balance_kwh[d];
    const double loss = out.loss_share * balance;
    out.loss_kwh += loss;
    out.unexplained[d] = static_cast<float>(balance - w.metered[d] - loss);
    out.deficit_kwh += out.unexplained[d];
    if (!has_start || d >= w.start) {
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
}

}  // namespace

BalanceAnalysis analyse_transformer_balance(const BalanceInput& input, const BalanceConfig& config,
                                            float typical_loss_share) {
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
  const float median_share = median_present(baseline);
  out.loss_share = std::clamp(median_share, 0.0f, config.max_loss_share);
  if (has_start) out.deficit_start = input.first_day + static_cast<std::int64_t>(start);

  const float typical = std::isnan(typical_loss_share) ? config.typical_loss_share : typical_loss_share;
  const Window window{input, meters, share, metered, has_start ? start : SIZE_MAX};
  account(window, config, out);
  detail::attribute_deficit(meters, out.unexplained, detail::heating_degree_days(input, days, config),
                            window.start, config, input.balance_kwh, out);
  set_tap_share(out, typical, config);
  // With no start in the data, or a share before the start already at the cap, the median took a theft or
  // a tap older than the data for losses. When the feed's own measure of its losses (shrunk towards the
  // network's typical share) is lower by more than two standard errors, the deficit and the score are
  // counted after it instead. The split stays the one made above: it is what the meters' courses explain
  // (tap_share deducts the measured losses anyway).
  out.losses_measurable =
      config.measure_old_deficits && (!has_start || median_share >= config.max_loss_share);
  if (out.losses_measurable && out.tap_loss_share < out.loss_share - 2 * out.tap_loss_se) {
    out.loss_share = out.tap_loss_share;
    out.losses_measured = true;
    account(window, config, out);
  }
  // Culprits are named only for an abnormal deficit: below it any meter "explains" a deficit of noise.
  if (out.score < config.flag_score) {
    out.suspects.clear();
    out.culprit_is_meter = false;
  }
  out.largest_drop_meter = largest_drop(meters, days);
  return out;
}

}  // namespace minewatch
