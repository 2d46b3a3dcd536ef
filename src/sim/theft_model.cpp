#include "minewatch/sim/theft_model.h"

#include <algorithm>
#include <array>

namespace minewatch::sim {
namespace {

std::int64_t at_hour(const DayContext& day, double hour) {
  return day.start_utc + static_cast<std::int64_t>(hour * 3600.0);
}

}  // namespace

const char* event_code_name(EventCode code) {
  static constexpr std::array<const char*, 5> names = {"cover_open", "magnetic_field", "reverse_flow",
                                                       "power_loss", "clock_set"};
  return names[static_cast<std::size_t>(code)];
}

TheftModel::TheftModel(const SimConfig& config, const TheftPlan& plan) : c_(config.theft), plan_(plan) {}

void TheftModel::apply_day(const DayContext& day, Rng& rng, double* kwh, std::vector<MeterEvent>& events) {
  if (plan_.type == TheftType::none) return;
  if (plan_.tamper == Tamper::cover_open) {
    // Someone opens the meter the evening before the theft begins (or early on its first day in the window).
    if (day.index + 1 == plan_.start_day)
      events.push_back({at_hour(day, rng.uniform(18.0, 23.0)), EventCode::cover_open});
    if (day.index == 0 && plan_.start_day == 0)
      events.push_back({at_hour(day, rng.uniform(0.0, 0.4)), EventCode::cover_open});
  }
  if (day.index < plan_.start_day) return;
  const int n = day.slots;
  const double len = day.slot_hours;
  if (plan_.tamper == Tamper::magnetic_field) {
    if (magnet_left_h_ <= 0 && rng.chance(c_.magnet_episodes_per_week / 7.0)) {
      magnet_start_h_ = rng.uniform(0.0, 24.0);
      magnet_left_h_ = rng.uniform(c_.magnet_hours.lo, c_.magnet_hours.hi);
      events.push_back({at_hour(day, magnet_start_h_), EventCode::magnetic_field});
    }
    for (int k = 0; k < n && magnet_left_h_ > 0; ++k) {
      const double h = day.hour(k);
      if (h + len <= magnet_start_h_) continue;
      const double on = std::min(len, std::min(h + len - magnet_start_h_, magnet_left_h_)) / len;
      kwh[k] *= 1.0 - on * (1.0 - plan_.alpha);
      magnet_left_h_ -= on * len;
    }
    magnet_start_h_ = 0;
    return;
  }
  switch (plan_.type) {
    case TheftType::h1:
      for (int k = 0; k < n; ++k) kwh[k] *= plan_.alpha;
      break;
    case TheftType::h2: {
      const double from = rng.uniform(0.0, 24.0 - c_.h2_min_hours);
      const double to = from + rng.uniform(c_.h2_min_hours, 24.0 - from);
      for (int k = 0; k < n; ++k) kwh[k] *= 1.0 - overlap_fraction(day.hour(k), len, from, to);
      break;
    }
    case TheftType::h3:
      for (int k = 0; k < n; ++k) kwh[k] *= rng.uniform(c_.alpha.lo, c_.alpha.hi);
      break;
    case TheftType::h4:
    case TheftType::h5: {
      double mean = 0;
      for (int k = 0; k < n; ++k) mean += kwh[k];
      mean /= n;
      for (int k = 0; k < n; ++k)
        kwh[k] = plan_.type == TheftType::h4 ? rng.uniform(c_.alpha.lo, c_.alpha.hi) * mean : mean;
      break;
    }
    case TheftType::h6:
      std::reverse(kwh, kwh + n);
      break;
    case TheftType::none:
      break;
  }
}

}  // namespace minewatch::sim
