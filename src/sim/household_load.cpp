// Homes: households, electric heating, holiday homes; and the factory that picks a model per class.
#include <algorithm>
#include <vector>

#include "minewatch/sim/load_model.h"

namespace minewatch::sim {
namespace {

// A household: an always-on base (fridge, standby), morning and evening peaks that come later on days off,
// a daytime plateau when someone is at home, more lighting on dark winter evenings, appliance bursts (kettle,
// washing machine, cooker), day-to-day variation and empty weeks of vacation.
class Household final : public LoadModel {
 public:
  Household(const SimConfig& config, double mean_kw, Rng& rng) : c_(config.household) {
    base_kw_ = mean_kw * rng.uniform(c_.base_fraction.lo, c_.base_fraction.hi);
    active_kw_ = mean_kw - base_kw_;
    morning_ = rng.uniform(c_.morning_hour.lo, c_.morning_hour.hi);
    evening_ = rng.uniform(c_.evening_hour.lo, c_.evening_hour.hi);
    home_by_day_ = rng.chance(c_.home_by_day_share);
    if (rng.chance(c_.vacation_share)) {
      // Most Russian families take their long leave in summer.
      vacation_start_ = rng.chance(0.7) ? rng.integer(152, 230) : rng.integer(0, 364);
      vacation_days_ =
          rng.integer(static_cast<int>(c_.vacation_days.lo), static_cast<int>(c_.vacation_days.hi));
    }
    noise_mean_fix_ = std::exp(-0.5 * c_.slot_noise_sigma * c_.slot_noise_sigma);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    if (in_vacation(day.day_of_year)) {
      for (int k = 0; k < day.slots; ++k)
        kw[k] += base_kw_ * c_.vacation_base_fraction * (1 + 0.1 * rng.normal());
      return;
    }
    ensure_shapes(day);
    const std::vector<double>& shape = day.day_off ? day_off_shape_ : workday_shape_;
    const double day_factor =
        std::exp(c_.day_noise_sigma * rng.normal() - 0.5 * c_.day_noise_sigma * c_.day_noise_sigma);
    const double sunrise = 12.0 - 0.5 * day.daylength;
    const double sunset = 12.0 + 0.5 * day.daylength;
    const double event_chance = c_.appliance_events_per_day / day.slots;
    for (int k = 0; k < day.slots; ++k) {
      const auto s = static_cast<std::size_t>(std::min(k, static_cast<int>(shape.size()) - 1));
      const double h = day.mid_hour(k);
      const bool dark = h < sunrise || h > sunset;
      const double lighting = dark && h > 6.0 ? 1.0 + c_.winter_lighting * (0.5 + day.winterness) : 1.0;
      const double noise = std::exp(c_.slot_noise_sigma * rng.normal()) * noise_mean_fix_;
      double p =
          base_kw_ * (1.0 + 0.1 * rng.normal()) + active_kw_ * shape[s] * lighting * day_factor * noise;
      // Appliance bursts, likelier when people are active.
      if (rng.chance(event_chance * std::min(2.5, shape[s]))) {
        p += rng.uniform(c_.appliance_kwh.lo, c_.appliance_kwh.hi) / day.slot_hours;
      }
      kw[k] += std::max(0.0, p);
    }
  }

 private:
  bool in_vacation(int doy) const {
    if (vacation_days_ == 0) return false;
    const int end = vacation_start_ + vacation_days_;
    return (doy >= vacation_start_ && doy < end) || doy + 365 < end;
  }

  // Shapes normalised to a mean of 1 over the day, built once per slot length.
  void ensure_shapes(const DayContext& day) {
    const int slots_per_day = static_cast<int>(std::lround(24.0 / day.slot_hours));
    if (static_cast<int>(workday_shape_.size()) == slots_per_day) return;
    auto build = [&](bool off) {
      std::vector<double> v(static_cast<std::size_t>(slots_per_day));
      const double m = off ? morning_ + c_.weekend_delay_hours : morning_;
      double sum = 0;
      for (int k = 0; k < slots_per_day; ++k) {
        const double h = (k + 0.5) * day.slot_hours;
        const double plateau = (h >= 9.0 && h < 17.0) ? (off ? 0.6 : home_by_day_ ? 0.45 : 0.12) : 0.0;
        const double x = 0.12 + (off ? 0.8 : 1.0) * gauss_bump(h, m, off ? 1.3 : 0.9) +
                         1.6 * gauss_bump(h, evening_, 1.8) + 0.4 * gauss_bump(h, evening_ + 24.0, 1.8) +
                         0.4 * gauss_bump(h, evening_ - 24.0, 1.8) + plateau;
        v[static_cast<std::size_t>(k)] = x;
        sum += x;
      }
      for (double& x : v) x *= slots_per_day / sum;
      return v;
    };
    workday_shape_ = build(false);
    day_off_shape_ = build(true);
  }

  const HouseholdConfig& c_;
  double base_kw_ = 0;
  double active_kw_ = 0;
  double morning_ = 7;
  double evening_ = 20;
  bool home_by_day_ = false;
  int vacation_start_ = 0;
  int vacation_days_ = 0;
  double noise_mean_fix_ = 1;
  std::vector<double> workday_shape_;
  std::vector<double> day_off_shape_;
};

// Electric heating of a private house: power follows the heat loss, linear in the temperature gap below the
// balance point. Storage heaters take the day's heat at the night tariff, flat from 23:00 to 07:00.
class ElectricHeating final : public LoadModel {
 public:
  ElectricHeating(const SimConfig& config, Rng& rng) : c_(config.electric_heating) {
    design_kw_ = rng.uniform(c_.kw_at_design.lo, c_.kw_at_design.hi);
    storage_ = rng.chance(c_.night_storage_share);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    if (!storage_) {
      for (int k = 0; k < day.slots; ++k) {
        const double need = design_kw_ * heating_need(day.temp[k], c_.balance_temp_c, c_.design_temp_c);
        kw[k] += std::max(0.0, need * (1.0 + 0.15 * rng.normal()));  // thermostats cycling
      }
      return;
    }
    double energy = 0;
    for (int k = 0; k < day.slots; ++k)
      energy += design_kw_ * heating_need(day.temp[k], c_.balance_temp_c, c_.design_temp_c) * day.slot_hours;
    const double night_hours = std::fmod(c_.night_end_hour - c_.night_start_hour + 24.0, 24.0);
    const double level = std::min(1.5 * design_kw_, energy / night_hours);
    for (int k = 0; k < day.slots; ++k) {
      const double f = overlap_fraction(day.hour(k), day.slot_hours, c_.night_start_hour, c_.night_end_hour);
      if (f > 0) kw[k] += f * level * (1.0 + 0.03 * rng.normal());
    }
  }

 private:
  const ElectricHeatingConfig& c_;
  double design_kw_ = 0;
  bool storage_ = false;
};

// A holiday home (dacha): used on summer weekends and a summer stay, on some winter weekends; otherwise a
// standby load, and in some a frost guard heater that keeps the house above freezing.
class HolidayHome final : public LoadModel {
 public:
  HolidayHome(const SimConfig& config, double mean_kw, Rng& rng)
      : c_(config.holiday_home), household_(make_household(config, mean_kw, rng)) {
    standby_kw_ = rng.uniform(c_.standby_kw.lo, c_.standby_kw.hi);
    if (rng.chance(c_.frost_guard_share)) frost_kw_ = rng.uniform(c_.frost_guard_kw.lo, c_.frost_guard_kw.hi);
    all_year_ = rng.chance(c_.weekend_use_share);
    stay_start_ = rng.integer(182, 220);  // July to early August
    stay_days_ = rng.integer(7, 28);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    const bool summer = day.date.month >= c_.summer_months.lo && day.date.month <= c_.summer_months.hi;
    const bool weekend = day.weekday >= 5 || day.holiday;
    const bool stay = day.day_of_year >= stay_start_ && day.day_of_year < stay_start_ + stay_days_;
    if (stay || (weekend && (summer || all_year_))) {
      household_->add_day(day, rng, kw);
      return;
    }
    for (int k = 0; k < day.slots; ++k) {
      double p = standby_kw_ * (1.0 + 0.1 * rng.normal());
      if (frost_kw_ > 0) p += frost_kw_ * heating_need(day.temp[k], 5.0, -25.0) * (1.0 + 0.2 * rng.normal());
      kw[k] += std::max(0.0, p);
    }
  }

 private:
  const HolidayHomeConfig& c_;
  std::unique_ptr<LoadModel> household_;
  double standby_kw_ = 0;
  double frost_kw_ = 0;
  bool all_year_ = false;
  int stay_start_ = 0;
  int stay_days_ = 0;
};

// A household with electric heating: both loads on one meter.
class Sum final : public LoadModel {
 public:
  Sum(std::unique_ptr<LoadModel> a, std::unique_ptr<LoadModel> b) : a_(std::move(a)), b_(std::move(b)) {}
  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    a_->add_day(day, rng, kw);
    b_->add_day(day, rng, kw);
  }

 private:
  std::unique_ptr<LoadModel> a_, b_;
};

class Nothing final : public LoadModel {
 public:
  void add_day(const DayContext&, Rng&, double*) override {}
};

}  // namespace

double overlap_fraction(double a, double len, double from, double to) {
  auto inside = [&](double lo, double hi) { return std::max(0.0, std::min(a + len, hi) - std::max(a, lo)); };
  const double covered = from <= to ? inside(from, to) : inside(0.0, to) + inside(from, 24.0);
  return covered / len;
}

std::unique_ptr<LoadModel> make_household(const SimConfig& config, double mean_kw, Rng& rng) {
  return std::make_unique<Household>(config, mean_kw, rng);
}
std::unique_ptr<LoadModel> make_electric_heating(const SimConfig& config, Rng& rng) {
  return std::make_unique<ElectricHeating>(config, rng);
}
std::unique_ptr<LoadModel> make_holiday_home(const SimConfig& config, double mean_kw, Rng& rng) {
  return std::make_unique<HolidayHome>(config, mean_kw, rng);
}

std::unique_ptr<LoadModel> make_base_load(const SimConfig& config, const MeterPlan& meter, Rng& rng) {
  const double scale = meter.scale_kw;
  switch (meter.cls) {
    case MeterClass::household:
    case MeterClass::mining_home:
      return make_household(config, scale, rng);
    case MeterClass::household_electric:
      return std::make_unique<Sum>(make_household(config, scale, rng), make_electric_heating(config, rng));
    case MeterClass::holiday_home:
      return make_holiday_home(config, scale, rng);
    case MeterClass::business:
      return make_business(config, scale, rng);
    case MeterClass::cold_store:
      return make_cold_store(config, scale, rng);
    case MeterClass::greenhouse:
      return make_greenhouse(config, scale, meter, rng);
    case MeterClass::pump:
      return make_pump(config, scale, rng);
    case MeterClass::bakery:
      return make_bakery(config, scale, rng);
    case MeterClass::server_room:
      return make_server_room(config, scale, rng);
    case MeterClass::ai_datacentre:
    case MeterClass::mining_aidc:
      return make_ai_datacentre(config, scale, rng);
    case MeterClass::mining_garage:
      return make_garage(scale, rng);
    case MeterClass::mining_industrial:
    case MeterClass::count_:
      break;
  }
  return std::make_unique<Nothing>();
}

}  // namespace minewatch::sim
