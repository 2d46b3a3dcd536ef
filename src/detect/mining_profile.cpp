#include "minewatch/detect/mining_profile.h"

#include <algorithm>
#include <vector>

namespace minewatch {
namespace {

float percentile(std::vector<float> values, float p) {
  if (values.empty()) return NAN;
  std::sort(values.begin(), values.end());
  const float position = p * static_cast<float>(values.size() - 1);
  const auto below = static_cast<std::size_t>(position);
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const float t = position - static_cast<float>(below);
  return values[below] * (1 - t) + values[above] * t;
}

// The values of one field of the days [first, last].
std::vector<float> field(const DailySeries& series, float DaySummary::*member, std::size_t first,
                         std::size_t last) {
  std::vector<float> out;
  out.reserve(last - first + 1);
  for (std::size_t i = first; i <= last; ++i) out.push_back(series[i].*member);
  return out;
}

struct Regression {
  float slope = NAN;
  float corr = NAN;
  float share = NAN;
};

// Least squares of y on x; share = |slope| x range / mean energy.
Regression regress(const std::vector<float>& x, const std::vector<float>& y, float range, double mean_kwh) {
  Regression r;
  const auto n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx <= 0) return r;
  r.slope = static_cast<float>(sxy / sxx);
  r.corr = syy > 0 ? static_cast<float>(sxy / std::sqrt(sxx * syy)) : 0.0f;
  if (mean_kwh > 0) r.share = static_cast<float>(std::fabs(r.slope) * range / mean_kwh);
  return r;
}

void add_temperature(const DailySeries& series, std::span<const float> temps,
                     const std::vector<LevelSegment>& segments, MiningProfile& p) {
  if (temps.size() != series.size()) return;
  std::vector<float> x;
  std::vector<float> energy;
  std::vector<float> left;  // energy less the day's level: the steps must not pass for weather
  double total = 0;
  for (const LevelSegment& s : segments) {
    const float level = median_present(field(series, &DaySummary::kwh, s.first, s.last));
    for (std::size_t i = s.first; i <= s.last; ++i) {
      if (std::isnan(series[i].kwh) || std::isnan(temps[i])) continue;
      x.push_back(temps[i]);
      energy.push_back(series[i].kwh);
      left.push_back(series[i].kwh - level);
      total += series[i].kwh;
    }
  }
  if (x.size() < 7) return;
  p.temp_range_c = percentile(x, 0.9f) - percentile(x, 0.1f);
  const double mean_kwh = total / static_cast<double>(x.size());
  const Regression plain = regress(x, energy, p.temp_range_c, mean_kwh);
  const Regression within = regress(x, left, p.temp_range_c, mean_kwh);
  p.temp_slope = plain.slope;
  p.temp_corr = plain.corr;
  p.temp_share = plain.share;
  p.temp_share_within_levels = within.share;
  p.temp_corr_within_levels = within.corr;
}

}  // namespace

MiningProfile profile_mining(const DailySeries& series, std::span<const float> temps, float ordinary_night_kw,
                             const MiningProfileConfig& config) {
  MiningProfile p;
  if (series.empty()) return p;
  const std::size_t n = series.size();
  const std::vector<float> night = field(series, &DaySummary::night_low_kw, 0, n - 1);
  const std::vector<float> day = field(series, &DaySummary::day_low_kw, 0, n - 1);
  const std::vector<float> kwh = field(series, &DaySummary::kwh, 0, n - 1);
  const std::vector<LevelSegment> segments = find_level_segments(night, config.change_points);
  if (segments.empty()) return p;
  p.segments = static_cast<std::uint32_t>(segments.size());
  p.night_low_kw = median_present(night);
  p.day_low_kw = median_present(day);

  const auto [lowest, highest] =
      std::minmax_element(segments.begin(), segments.end(),
                          [](const LevelSegment& a, const LevelSegment& b) { return a.level < b.level; });
  p.on_night_low_kw = highest->level;
  p.on_day_low_kw =
      median_present(std::span(day).subspan(highest->first, highest->last - highest->first + 1));
  const float on_energy =
      median_present(std::span(kwh).subspan(highest->first, highest->last - highest->first + 1));
  std::vector<float> deviations;
  for (std::size_t i = highest->first; i <= highest->last; ++i)
    if (!std::isnan(night[i])) deviations.push_back(std::fabs(night[i] - highest->level));
  if (highest->level > 0) p.on_variation = median_present(deviations) / highest->level;

  const float ordinary = std::isnan(ordinary_night_kw) ? config.household_night_kw : ordinary_night_kw;
  float base_night = ordinary;
  float base_day = ordinary;
  float off_energy = NAN;
  // Is the lowest level the meter without its rigs? Only if it is at an ordinary night load.
  const bool rig_free_level =
      segments.size() > 1 &&
      lowest->level <= std::max(config.ordinary_night_max_kw, config.ordinary_night_multiple * ordinary);
  if (segments.size() > 1) {
    p.off_night_low_kw = lowest->level;
    p.step_kw = highest->level - lowest->level;
  }
  if (rig_free_level) {
    base_night = lowest->level;
    // The ordinary load without the rigs: every day at the lowest level.
    std::vector<float> off_day;
    std::vector<float> off_kwh;
    std::size_t present = 0;
    std::size_t on = 0;
    const float on_threshold = lowest->level + 0.5f * std::max(config.change_points.min_step_kw, 0.0f);
    for (const LevelSegment& s : segments) {
      for (std::size_t i = s.first; i <= s.last; ++i) {
        if (std::isnan(night[i])) continue;
        ++present;
        if (s.level >= on_threshold) {
          ++on;
        } else {
          off_day.push_back(day[i]);
          off_kwh.push_back(kwh[i]);
        }
      }
    }
    p.on_share = present > 0 ? static_cast<float>(on) / static_cast<float>(present) : NAN;
    base_day = median_present(off_day);
    off_energy = median_present(off_kwh);
  } else {
    p.on_share = 1.0f;
  }
  p.block_kw = std::max(0.0f, p.on_night_low_kw - base_night);
  if (p.block_kw > 0) p.night_only_ratio = std::clamp((p.on_day_low_kw - base_day) / p.block_kw, 0.0f, 1.5f);
  const bool round_the_clock = !(p.night_only_ratio < 0.5f);
  const float block_hours = round_the_clock ? 24.0f : 8.0f;  // night-only rigs run 23:00-07:00
  if (!std::isnan(on_energy))
    p.other_load_kw = std::max(0.0f, on_energy / 24.0f - p.block_kw * block_hours / 24.0f);

  // Switch-on and stop: the first rise from the rig-free level and the last fall back to it.
  if (rig_free_level) {
    const float rise = 0.5f * config.change_points.min_step_kw;
    const float partial_kwh = config.partial_day_share * p.step_kw * block_hours;
    for (std::size_t s = 1; s < segments.size(); ++s) {
      if (segments[s].level - segments[s - 1].level < rise || segments[s - 1].level > lowest->level + rise)
        continue;
      const std::size_t first = segments[s].first;
      p.step_sharpness = segments[s].jump / (segments[s].level - segments[s - 1].level);
      std::size_t start = first;
      // Rigs switched on in the afternoon leave the night low of that day untouched but lift its energy.
      if (first > 0 && !std::isnan(kwh[first - 1]) && kwh[first - 1] - off_energy > partial_kwh)
        start = first - 1;
      p.start_day = series.day(start);
      break;
    }
    const LevelSegment& last = segments.back();
    if (last.level <= lowest->level + rise) {
      for (std::size_t s = segments.size() - 1; s > 0; --s) {
        if (segments[s - 1].level - segments[s].level < rise) continue;
        std::size_t end = segments[s - 1].last;
        if (end + 1 < n && !std::isnan(kwh[end + 1]) && kwh[end + 1] - off_energy > partial_kwh) end += 1;
        p.end_day = series.day(end);
        break;
      }
    }
  }
  add_temperature(series, temps, segments, p);
  return p;
}

}  // namespace minewatch
