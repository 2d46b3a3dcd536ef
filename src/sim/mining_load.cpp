#include "minewatch/sim/mining_load.h"

#include <algorithm>

namespace minewatch::sim {

MiningLoad::MiningLoad(const SimConfig& config, const MeterPlan& meter, int window_days, Rng& rng)
    : c_(config.mining), plan_(meter.mining) {
  cooled_ = meter.cls != MeterClass::mining_home;
  kw_per_rig_ = plan_.rig_count > 0 ? plan_.kw / plan_.rig_count : 0.0;
  start_h_ = plan_.start_day * 24.0 + plan_.start_hour;
  end_h_ = plan_.end_day == kNever ? 1e18 : plan_.end_day * 24.0 + rng.uniform(0.0, 24.0);
  // Growth: the site starts with part of its rigs and adds the rest in equal steps on random later days.
  const double last_h = std::min(end_h_, window_days * 24.0);
  const std::uint32_t steps = plan_.growth_steps;
  std::vector<double> at;
  for (std::uint32_t i = 0; i < steps && last_h > start_h_ + 24.0; ++i)
    at.push_back(rng.uniform(start_h_ + 24.0, last_h));
  std::sort(at.begin(), at.end());
  const double f0 = plan_.initial_fraction;
  auto rigs_for = [&](double f) {
    return std::clamp<std::uint32_t>(static_cast<std::uint32_t>(std::ceil(f * plan_.rig_count - 1e-9)), 1,
                                     std::max<std::uint32_t>(plan_.rig_count, 1));
  };
  steps_.push_back({start_h_, rigs_for(at.empty() ? 1.0 : f0)});
  for (std::size_t i = 0; i < at.size(); ++i) {
    const double f = f0 + (1.0 - f0) * static_cast<double>(i + 1) / static_cast<double>(at.size());
    steps_.push_back({at[i], rigs_for(f)});
  }
}

std::uint32_t MiningLoad::rigs_at(double at_h) const {
  std::uint32_t rigs = 0;
  for (const auto& s : steps_) {
    if (s.at_h > at_h) break;
    rigs = s.rigs;
  }
  return rigs;
}

void MiningLoad::add_day(const DayContext& day, Rng& rng, double* kw) {
  const double day_h = day.index * 24.0;
  if (day_h + 24.0 <= start_h_ || day_h >= end_h_) return;
  // A law-abiding site stops for the whole of a seasonal ban (the region's local dates).
  if (plan_.law_abiding && day.seasonal_ban) return;
  if (outage_left_h_ <= 0 && rng.chance(c_.outages_per_month / 30.0)) {
    outage_start_h_ = rng.uniform(0.0, 24.0);
    outage_left_h_ = rng.uniform(c_.outage_hours.lo, c_.outage_hours.hi);
  }
  const bool peak_day = !day.day_off;
  for (int k = 0; k < day.slots; ++k) {
    const double h = day.hour(k);
    const double len = day.slot_hours;
    // The part of the slot the rigs run: after the start step, before the stop, outside outages and windows.
    double active = std::max(0.0, std::min(day_h + h + len, end_h_) - std::max(day_h + h, start_h_)) / len;
    if (outage_left_h_ > 0 && h + len > outage_start_h_) {
      const double cut = std::min(len, std::min(h + len - outage_start_h_, outage_left_h_));
      active *= 1.0 - std::min(1.0, cut / len);
      outage_left_h_ -= cut;
    }
    if (active <= 0) continue;
    if (plan_.curtails && peak_day) {
      active *= 1.0 - overlap_fraction(h, len, c_.morning_peak_hours.lo, c_.morning_peak_hours.hi) -
                overlap_fraction(h, len, c_.evening_peak_hours.lo, c_.evening_peak_hours.hi);
    }
    if (plan_.disguise == Disguise::night_only)
      active *= overlap_fraction(h, len, c_.night_start_hour, c_.night_end_hour);
    if (active <= 0) continue;
    const double temp = day.temp[k];
    double share = 1.0;
    if (plan_.disguise == Disguise::heater) {
      // Rigs as heaters: all on in deep frost, only a few in mild weather.
      const double need =
          (c_.heater_balance_temp_c - temp) / (c_.heater_balance_temp_c - c_.heater_full_temp_c);
      share = std::clamp(need, c_.heater_min_fraction, 1.0);
    }
    const double overhead =
        cooled_ ? c_.cooling_overhead + c_.cooling_per_c * std::max(0.0, temp - 15.0) : 0.0;
    const double rigs = rigs_at(day_h + h + 0.5 * len);
    kw[k] +=
        active * rigs * kw_per_rig_ * share * (1.0 + overhead) * (1.0 + c_.slot_noise_sigma * rng.normal());
  }
  outage_start_h_ = 0;  // an outage that runs past midnight continues from the start of the next day
}

}  // namespace minewatch::sim
