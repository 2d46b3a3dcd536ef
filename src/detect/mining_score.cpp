#include "minewatch/detect/mining_score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace minewatch {
namespace {

// 0 at or below low, 1 at or above high, smooth in between.
float rising(float x, float low, float high) {
  const float t = std::clamp((x - low) / (high - low), 0.0f, 1.0f);
  return t * t * (3.0f - 2.0f * t);
}

// 1 when a ratio is within tolerance of 1 (either way), 0 from limit on.
float rhythmless(float ratio, float tolerance, float limit) {
  const float distance = std::fabs(std::log(std::max(ratio, 1e-6f)));
  return 1.0f - rising(distance, std::log(tolerance), std::log(limit));
}

}  // namespace

MiningAssessment assess_mining(const MiningFeatures& f, const MiningScoreConfig& c) {
  MiningAssessment out;
  if (f.complete_days == 0 || !(f.mean_kw >= 0)) {
    out.reason = f.days_seen == 0 ? "no readings" : "no complete day of readings";
    return out;
  }

  // Each term: a membership in [0,1] for "looks like mining" on one feature; missing features are skipped.
  struct Term {
    float value;
    float membership;
  };
  std::vector<Term> terms;
  const auto add = [&](float value, float membership) {
    if (!std::isnan(value)) terms.push_back({value, membership});
  };
  const float lf_low = f.hourly_shape ? c.load_factor_low : c.daily_load_factor_low;
  const float lf_high = f.hourly_shape ? c.load_factor_high : c.daily_load_factor_high;
  const float br_low = f.hourly_shape ? c.base_ratio_low : c.daily_base_ratio_low;
  const float br_high = f.hourly_shape ? c.base_ratio_high : c.daily_base_ratio_high;
  const float flat = std::isnan(f.load_factor) ? NAN : rising(f.load_factor, lf_low, lf_high);
  const float base = std::isnan(f.base_ratio) ? NAN : rising(f.base_ratio, br_low, br_high);
  const float steady = std::isnan(f.daily_change)
                           ? NAN
                           : 1.0f - rising(f.daily_change, c.daily_change_low, c.daily_change_high);
  const float night =
      std::isnan(f.night_day_ratio) ? NAN : rhythmless(f.night_day_ratio, c.rhythm_tolerance, c.rhythm_limit);
  const float week = std::isnan(f.weekday_weekend_ratio)
                         ? NAN
                         : rhythmless(f.weekday_weekend_ratio, c.rhythm_tolerance, c.rhythm_limit);
  add(f.load_factor, flat);
  add(f.base_ratio, base);
  add(f.daily_change, steady);
  add(f.night_day_ratio, night);
  add(f.weekday_weekend_ratio, week);

  // A geometric mean is a soft AND: one clear household trait pulls the score down hard.
  double log_sum = 0;
  for (const Term& t : terms) log_sum += std::log(std::max(t.membership, 1e-4f));
  const float shape =
      terms.empty() ? 0.0f : static_cast<float>(std::exp(log_sum / static_cast<double>(terms.size())));
  const float level = rising(f.mean_kw, c.min_kw, c.full_kw);
  const float history = std::min(1.0f, static_cast<float>(f.complete_days) / c.min_complete_days);
  out.score = std::clamp(shape * level * history, 0.0f, 1.0f);

  std::vector<std::string> parts;
  if (out.score >= c.suspect_threshold) {
    out.estimated_kw = std::isnan(f.base_kw) ? f.mean_kw : f.base_kw;
    parts.push_back(
        fmt::format("flat {:.1f} kW{}", out.estimated_kw, f.hourly_shape ? " day and night" : " every day"));
    if (!std::isnan(f.load_factor)) parts.push_back(fmt::format("load factor {:.2f}", f.load_factor));
    if (!std::isnan(week) && week > 0.5f) parts.push_back("no weekday rhythm");
    if (!std::isnan(f.daily_change))
      parts.push_back(fmt::format("day-to-day change {:.0f}%", f.daily_change * 100));
  } else {
    if (level < 0.5f) parts.push_back(fmt::format("low level {:.2f} kW", f.mean_kw));
    if (!std::isnan(flat) && flat < 0.5f)
      parts.push_back(fmt::format("peaky load (load factor {:.2f})", f.load_factor));
    if (!std::isnan(night) && night < 0.5f)
      parts.push_back(fmt::format("day/night rhythm (night/day {:.2f})", f.night_day_ratio));
    if (!std::isnan(week) && week < 0.5f)
      parts.push_back(fmt::format("weekly rhythm (weekday/weekend {:.2f})", f.weekday_weekend_ratio));
    if (!std::isnan(steady) && steady < 0.5f)
      parts.push_back(fmt::format("varies day to day ({:.0f}%)", f.daily_change * 100));
    if (history < 1.0f) parts.push_back(fmt::format("only {} complete days", f.complete_days));
    if (parts.empty()) parts.push_back("partly flat, below the suspicion threshold");
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.reason += "; ";
    out.reason += parts[i];
  }
  return out;
}

}  // namespace minewatch
