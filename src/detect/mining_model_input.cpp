#include "minewatch/detect/mining_model_input.h"

#include <array>
#include <cassert>

namespace minewatch {
namespace {

constexpr std::array<std::string_view, 38> kNames{
    "mean_kw",          "log_mean_kw",       "base_kw",          "peak_kw",        "load_factor",
    "base_ratio",       "night_day_ratio",   "weekday_weekend",  "daily_cv",       "daily_change",
    "profile_flatness", "complete_days",     "hourly_shape",     "segments",       "night_low_kw",
    "day_low_kw",       "on_night_low_kw",   "on_day_low_kw",    "step_kw",        "step_ratio",
    "step_sharpness",   "on_share",          "on_variation",     "block_kw",       "block_share",
    "other_load_kw",    "night_only_ratio",  "temp_range_c",     "temp_slope_rel", "temp_corr",
    "temp_share",       "peer_ratio",        "night_peer_ratio", "contract_ratio", "tariff",
    "started_inside",   "temp_share_within", "temp_corr_within"};

float ratio(float a, float b) {
  return b > 0 ? a / b : NAN;
}

}  // namespace

float tariff_code(std::string_view tariff) {
  if (tariff == "household") return 0;
  if (tariff == "business") return 1;
  if (tariff == "industrial") return 2;
  return NAN;
}

std::span<const std::string_view> mining_model_feature_names() {
  return kNames;
}

void fill_mining_model_features(const MiningFeatures& f, const MiningProfile& p, const MiningContext& c,
                                std::span<float> out) {
  assert(out.size() == kNames.size());
  const bool round_the_clock = !(p.night_only_ratio < 0.5f);
  const float block_energy_kw = p.block_kw * (round_the_clock ? 1.0f : 8.0f / 24.0f);
  std::size_t i = 0;
  const auto put = [&](float v) { out[i++] = v; };
  put(f.mean_kw);
  put(f.mean_kw > 0 ? std::log10(f.mean_kw) : NAN);
  put(f.base_kw);
  put(f.peak_kw);
  put(f.load_factor);
  put(f.base_ratio);
  put(f.night_day_ratio);
  put(f.weekday_weekend_ratio);
  put(f.daily_cv);
  put(f.daily_change);
  put(f.profile_flatness);
  put(static_cast<float>(f.complete_days));
  put(f.hourly_shape ? 1.0f : 0.0f);
  put(static_cast<float>(p.segments));
  put(p.night_low_kw);
  put(p.day_low_kw);
  put(p.on_night_low_kw);
  put(p.on_day_low_kw);
  put(p.step_kw);
  put(ratio(p.step_kw, p.on_night_low_kw));
  put(p.step_sharpness);
  put(p.on_share);
  put(p.on_variation);
  put(p.block_kw);
  put(ratio(block_energy_kw, f.mean_kw));
  put(p.other_load_kw);
  put(p.night_only_ratio);
  put(p.temp_range_c);
  put(ratio(p.temp_slope, f.mean_kw * 24.0f));
  put(p.temp_corr);
  put(p.temp_share);
  put(ratio(f.mean_kw, c.peer_mean_kw));
  put(ratio(p.night_low_kw, c.peer_night_kw));
  put(ratio(f.mean_kw, c.contract_kw));
  put(c.tariff);
  put(p.start_day != kNoDay ? 1.0f : 0.0f);
  put(p.temp_share_within_levels);
  put(p.temp_corr_within_levels);
  assert(i == out.size());
}

}  // namespace minewatch
