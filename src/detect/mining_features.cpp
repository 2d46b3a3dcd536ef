#include "minewatch/detect/mining_features.h"

#include <algorithm>

#include "minewatch/core/checkpoint.h"

namespace minewatch {
namespace {

// Local hours that define "night" and "day" for the night/day ratio.
constexpr int kNightFirstHour = 0;
constexpr int kNightEndHour = 6;
constexpr int kDayFirstHour = 10;
constexpr int kDayEndHour = 18;
// Windows for the day series' lowest hours: night-only rigs run 23:00-07:00 (the night tariff), so a block
// there that is missing 11:00-17:00 is the night-only disguise (or a storage heater). Midday, between the
// grid's morning and evening peaks, so that farms curtailed at peak hours do not look night-only.
constexpr int kNightLowFirstHour = 0;
constexpr int kNightLowEndHour = 6;
constexpr int kDayLowFirstHour = 11;
constexpr int kDayLowEndHour = 17;

// The lowest hour in [first, end) local; DST days shift wall hours by one, which is noise at this scale.
float lowest_in(const DayRecord& day, int first, int end) {
  float lowest = day.hourly_kwh[static_cast<std::size_t>(first)];
  for (int h = first + 1; h < end && h < day.hours; ++h)
    lowest = std::min(lowest, day.hourly_kwh[static_cast<std::size_t>(h)]);
  return lowest;
}

}  // namespace

void MiningFeatureAccumulator::on_day(MeterIndex meter, const DayRecord& day) {
  if (meter >= states_.size()) resize(meter + 1);
  State& s = states_[meter];
  ++s.days_seen;
  if (!day.complete()) return;  // partial days (first, last, gaps) would bias levels and shapes
  DaySummary summary;
  summary.kwh = day.kwh * 24.0f / static_cast<float>(day.hours);
  summary.night_low_kw = summary.day_low_kw = summary.kwh / 24.0f;

  ++s.complete_days;
  // Scale a 23- or 25-hour day to 24 hours so that DST does not look like a change of level.
  const double kwh = static_cast<double>(day.kwh) * 24.0 / day.hours;
  const double delta = kwh - s.mean_daily_kwh;
  s.mean_daily_kwh += delta / s.complete_days;
  s.m2_daily_kwh += delta * (kwh - s.mean_daily_kwh);
  if (s.previous_day == day.day - 1) {
    const double larger = std::max(kwh, static_cast<double>(s.previous_day_kwh));
    if (larger > 0) s.day_to_day_change.add(static_cast<float>(std::fabs(kwh - s.previous_day_kwh) / larger));
  }
  s.previous_day = day.day;
  s.previous_day_kwh = static_cast<float>(kwh);
  if (day.weekday < 5) {
    s.weekday_kwh += kwh;
    ++s.weekday_days;
  } else {
    s.weekend_kwh += kwh;
    ++s.weekend_days;
  }

  if (s.complete_days == 1 && !day.has_hourly_shape()) {
    s.low_kw = P2Quantile(0.05f);
    s.high_kw = P2Quantile(0.95f);
  }
  if (day.has_hourly_shape()) {
    ++s.shape_days;
    float lowest = day.hourly_kwh[0];
    float highest = day.hourly_kwh[0];
    for (int h = 0; h < day.hours && h < 25; ++h) {
      const float kw = day.hourly_kwh[static_cast<std::size_t>(h)];  // energy in one hour = mean kW
      lowest = std::min(lowest, kw);
      highest = std::max(highest, kw);
      if (h >= kNightFirstHour && h < kNightEndHour) s.night_kwh += kw;
      if (h >= kDayFirstHour && h < kDayEndHour) s.day_kwh += kw;
      if (h < 24) s.hour_kwh[static_cast<std::size_t>(h)] += kw;
    }
    summary.night_low_kw = lowest_in(day, kNightLowFirstHour, kNightLowEndHour);
    summary.day_low_kw = lowest_in(day, kDayLowFirstHour, kDayLowEndHour);
    s.low_kw.add(lowest);
    s.high_kw.add(highest);
  } else {
    const auto daily_kw = static_cast<float>(kwh / 24.0);
    s.low_kw.add(daily_kw);
    s.high_kw.add(daily_kw);
  }
  series_[meter].add(day.day, summary);
}

MiningFeatures MiningFeatureAccumulator::features(MeterIndex meter) const {
  MiningFeatures f;
  if (meter >= states_.size()) return f;
  const State& s = states_[meter];
  f.days_seen = s.days_seen;
  f.complete_days = s.complete_days;
  f.hourly_shape = s.shape_days > 0 && s.shape_days * 2 >= s.complete_days;
  if (s.complete_days == 0) return f;

  f.mean_kw = static_cast<float>(s.mean_daily_kwh / 24.0);
  f.base_kw = s.low_kw.value();
  f.peak_kw = s.high_kw.value();
  if (f.peak_kw > 0) f.load_factor = std::min(1.0f, f.mean_kw / f.peak_kw);
  if (f.mean_kw > 0) f.base_ratio = std::min(1.0f, f.base_kw / f.mean_kw);
  if (s.complete_days >= 2 && s.mean_daily_kwh > 0)
    f.daily_cv = static_cast<float>(std::sqrt(s.m2_daily_kwh / (s.complete_days - 1)) / s.mean_daily_kwh);
  if (s.day_to_day_change.count() > 0) f.daily_change = s.day_to_day_change.value();
  if (s.weekday_days > 0 && s.weekend_days > 0 && s.weekend_kwh > 0)
    f.weekday_weekend_ratio =
        static_cast<float>((s.weekday_kwh / s.weekday_days) / (s.weekend_kwh / s.weekend_days));
  if (f.hourly_shape && s.day_kwh > 0) {
    const double night_hours = kNightEndHour - kNightFirstHour;
    const double day_hours = kDayEndHour - kDayFirstHour;
    f.night_day_ratio = static_cast<float>((s.night_kwh / night_hours) / (s.day_kwh / day_hours));
    const auto [lowest, highest] = std::minmax_element(s.hour_kwh.begin(), s.hour_kwh.end());
    if (*highest > 0) f.profile_flatness = *lowest / *highest;
  }
  return f;
}

void MiningFeatureAccumulator::save_checkpoint(std::ostream& out) const {
  write_checkpoint_section(out, "MWMF", states_);
  for (const auto& series : series_) series.save(out);
}

void MiningFeatureAccumulator::load_checkpoint(std::istream& in) {
  states_ = read_checkpoint_section<State>(in, "MWMF");
  series_.assign(states_.size(), DailySeries{});
  for (auto& series : series_) series.load(in);
}

}  // namespace minewatch
