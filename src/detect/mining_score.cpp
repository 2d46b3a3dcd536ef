#include "minewatch/detect/mining_score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/detect/rig_estimate.h"

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

// Below these the weather and peer evidence is not worth a crew's attention.
constexpr float kTemperatureSwingC = 8.0f;
constexpr float kIgnoresWeatherShare = 0.1f;
constexpr float kFollowsWeatherShare = 0.3f;
constexpr float kPeerMultiple = 3.0f;
constexpr float kVisibleOtherLoadKw = 0.1f;

// The soft-AND memberships of the rule score.
struct Memberships {
  float flat = NAN, base = NAN, steady = NAN, night = NAN, week = NAN;
  float level = 0, history = 0, shape = 0;
};

Memberships memberships(const MiningFeatures& f, const MiningScoreConfig& c) {
  Memberships m;
  const float lf_low = f.hourly_shape ? c.load_factor_low : c.daily_load_factor_low;
  const float lf_high = f.hourly_shape ? c.load_factor_high : c.daily_load_factor_high;
  const float br_low = f.hourly_shape ? c.base_ratio_low : c.daily_base_ratio_low;
  const float br_high = f.hourly_shape ? c.base_ratio_high : c.daily_base_ratio_high;
  if (!std::isnan(f.load_factor)) m.flat = rising(f.load_factor, lf_low, lf_high);
  if (!std::isnan(f.base_ratio)) m.base = rising(f.base_ratio, br_low, br_high);
  if (!std::isnan(f.daily_change))
    m.steady = 1.0f - rising(f.daily_change, c.daily_change_low, c.daily_change_high);
  if (!std::isnan(f.night_day_ratio))
    m.night = rhythmless(f.night_day_ratio, c.rhythm_tolerance, c.rhythm_limit);
  if (!std::isnan(f.weekday_weekend_ratio))
    m.week = rhythmless(f.weekday_weekend_ratio, c.rhythm_tolerance, c.rhythm_limit);
  // A geometric mean is a soft AND: one clear household trait pulls the score down hard.
  double log_sum = 0;
  int terms = 0;
  for (float v : {m.flat, m.base, m.steady, m.night, m.week}) {
    if (std::isnan(v)) continue;
    log_sum += std::log(std::max(v, 1e-4f));
    ++terms;
  }
  m.shape = terms == 0 ? 0.0f : static_cast<float>(std::exp(log_sum / terms));
  m.level = rising(f.mean_kw, c.min_kw, c.full_kw);
  m.history = std::min(1.0f, static_cast<float>(f.complete_days) / c.min_complete_days);
  return m;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += "; ";
    out += parts[i];
  }
  return out;
}

void add_counter_evidence(const MiningFeatures& f, const MiningProfile& p, const Memberships& m,
                          std::vector<std::string>& parts) {
  if (m.level < 0.5f) parts.push_back(fmt::format("low level {:.2f} kW", f.mean_kw));
  if (!std::isnan(m.flat) && m.flat < 0.5f)
    parts.push_back(fmt::format("peaky load (load factor {:.2f})", f.load_factor));
  if (!std::isnan(m.night) && m.night < 0.5f)
    parts.push_back(fmt::format("day/night rhythm (night/day {:.2f})", f.night_day_ratio));
  if (!std::isnan(m.week) && m.week < 0.5f)
    parts.push_back(fmt::format("weekly rhythm (weekday/weekend {:.2f})", f.weekday_weekend_ratio));
  if (!std::isnan(m.steady) && m.steady < 0.5f)
    parts.push_back(fmt::format("varies day to day ({:.0f}%)", f.daily_change * 100));
  if (p.temp_share > kFollowsWeatherShare && p.temp_range_c >= kTemperatureSwingC)
    parts.push_back(fmt::format("follows the temperature (r = {:.2f})", p.temp_corr));
  if (m.history < 1.0f) parts.push_back(fmt::format("only {} complete days", f.complete_days));
  if (parts.empty()) parts.push_back("partly flat, below the suspicion threshold");
}

}  // namespace

MiningAssessment assess_mining(const MiningFeatures& f, const MiningScoreConfig& c) {
  MiningAssessment out = rule_assessment(f, c);
  explain_mining(f, MiningProfile{}, MiningContext{}, MiningPeers{}, c, out);
  return out;
}

MiningAssessment rule_assessment(const MiningFeatures& f, const MiningScoreConfig& c) {
  MiningAssessment out;
  if (f.complete_days == 0 || !(f.mean_kw >= 0)) return out;
  const Memberships m = memberships(f, c);
  out.rule_score = std::clamp(m.shape * m.level * m.history, 0.0f, 1.0f);
  out.score = out.rule_score;
  return out;
}

void explain_mining(const MiningFeatures& f, const MiningProfile& p, const MiningContext& ctx,
                    const MiningPeers& peers, const MiningScoreConfig& c, MiningAssessment& a) {
  if (f.complete_days == 0 || !(f.mean_kw >= 0)) {
    a.reason = f.days_seen == 0 ? "no readings" : "no complete day of readings";
    return;
  }
  const Memberships m = memberships(f, c);
  std::vector<std::string> parts;
  if (a.score < c.suspect_threshold) {
    add_counter_evidence(f, p, m, parts);
    a.reason = join(parts);
    return;
  }

  // Estimates: the block from the day series when there is one, else the typical lowest hour.
  const bool has_profile = p.segments > 0 && p.block_kw > 0;
  a.estimated_kw = has_profile ? p.block_kw : (std::isnan(f.base_kw) ? f.mean_kw : f.base_kw);
  a.start_day = p.start_day;
  a.end_day = p.end_day;
  a.other_load_kw = p.other_load_kw;
  const RigEstimate rigs = estimate_rigs(a.estimated_kw);
  a.rig_count = rigs.count;
  a.rig_model = std::string(rigs.model.name);

  const bool night_only = p.night_only_ratio < 0.5f;
  std::string when = !f.hourly_shape ? " every day" : night_only ? " every night" : " day and night";
  if (a.start_day != kNoDay) when += " since " + format_day(a.start_day);
  if (a.end_day != kNoDay) when += " until " + format_day(a.end_day);
  parts.push_back(fmt::format("flat {:.1f} kW{}", a.estimated_kw, when));
  if (rigs.count > 0)
    parts.push_back(fmt::format("~{} x {} ({:.2f} kW)", rigs.count, rigs.model.name, rigs.model.rated_kw));
  if (has_profile && p.other_load_kw >= kVisibleOtherLoadKw)
    parts.push_back(fmt::format("on top of a {:.1f} kW ordinary load", p.other_load_kw));
  if (!std::isnan(f.load_factor)) parts.push_back(fmt::format("load factor {:.2f}", f.load_factor));
  if (!std::isnan(m.week) && m.week > 0.5f) parts.push_back("no weekday rhythm");
  if (p.temp_range_c >= kTemperatureSwingC && p.temp_share < kIgnoresWeatherShare &&
      p.temp_share_within_levels < kIgnoresWeatherShare)
    parts.push_back(fmt::format("ignores a {:.0f} C temperature swing", p.temp_range_c));
  if (ctx.peer_mean_kw > 0 && f.mean_kw >= kPeerMultiple * ctx.peer_mean_kw) {
    const std::string kind = peers.tariff.empty() ? std::string() : std::string(peers.tariff) + " ";
    const std::string where = peers.region.empty() ? std::string() : " in " + std::string(peers.region);
    parts.push_back(fmt::format("{:.0f}x the median {}meter{}", f.mean_kw / ctx.peer_mean_kw, kind, where));
  }
  if (ctx.contract_kw > 0 && f.mean_kw > ctx.contract_kw)
    parts.push_back(
        fmt::format("draws {:.1f}x its {:.0f} kW connection", f.mean_kw / ctx.contract_kw, ctx.contract_kw));
  if (!std::isnan(f.daily_change))
    parts.push_back(fmt::format("day-to-day change {:.0f}%", f.daily_change * 100));
  a.reason = join(parts);
}

}  // namespace minewatch
