// sim layer: the load models. Each class of customer is one LoadModel that adds its power, slot by slot, to a
// local day. Models are built per meter from the meter's own random stream and keep whatever state runs
// across midnight (a compressor's cycle, a pump's tank). One virtual call per meter-day, never per reading.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "minewatch/sim/calendar.h"
#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/rng.h"
#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

// What every model may know about a local day of its region.
struct DayContext {
  std::int64_t day = 0;  // local day number
  int index = 0;         // days since the first day of the window
  std::int64_t start_utc = 0;
  int slots = 48;
  double slot_hours = 0.5;
  CivilDate date;
  int day_of_year = 0;
  int weekday = 0;  // 0 = Monday
  bool holiday = false;
  bool day_off = false;          // weekend or holiday
  double temp_mean = 0;          // °C, the region's daily mean
  double daylength = 12;         // hours
  double winterness = 0;         // 1 mid-January, 0 mid-July
  bool seasonal_ban = false;     // the region's seasonal mining ban is in force today
  const double* temp = nullptr;  // °C at the middle of each slot

  // The local hour at the start of slot k (days of 23 or 25 hours are not modelled: Russia keeps no DST).
  double hour(int k) const { return k * slot_hours; }
  double mid_hour(int k) const { return (k + 0.5) * slot_hours; }
};

class LoadModel {
 public:
  virtual ~LoadModel() = default;
  // Adds the load's power in kW to kw[0..day.slots).
  virtual void add_day(const DayContext& day, Rng& rng, double* kw) = 0;
};

// The customer's own load, without mining: a household, a shop, a cold store, ... For mining classes it is
// the load the rigs hide in (a home's, a garage's lights, an AI data centre's servers; none for containers).
std::unique_ptr<LoadModel> make_base_load(const SimConfig& config, const MeterPlan& meter, Rng& rng);

// The load of an unauthorized tap before the meters of a transformer.
std::unique_ptr<LoadModel> make_tap_load(const SimConfig& config, TapKind kind, double kw, Rng& rng);

// Shared shapes.
inline double gauss_bump(double x, double mu, double sigma) {
  const double z = (x - mu) / sigma;
  return std::exp(-0.5 * z * z);
}
// Fraction of the slot [a, a + len) (hours) inside the daily window [from, to), which may wrap past midnight.
double overlap_fraction(double a, double len, double from, double to);
// Heating demand between 0 (at or above balance) and 1 (at design temperature), linear in the temperature
// gap.
inline double heating_need(double temp, double balance, double design) {
  return std::max(0.0, (balance - temp) / (balance - design));
}

// Building blocks, exposed for the models that contain others.
std::unique_ptr<LoadModel> make_household(const SimConfig& config, double mean_kw, Rng& rng);
std::unique_ptr<LoadModel> make_electric_heating(const SimConfig& config, Rng& rng);
std::unique_ptr<LoadModel> make_holiday_home(const SimConfig& config, double mean_kw, Rng& rng);
std::unique_ptr<LoadModel> make_business(const SimConfig& config, double open_kw, Rng& rng);
std::unique_ptr<LoadModel> make_cold_store(const SimConfig& config, double compressor_kw, Rng& rng);
std::unique_ptr<LoadModel> make_greenhouse(const SimConfig& config, double lamp_kw, const MeterPlan& meter,
                                           Rng& rng);
std::unique_ptr<LoadModel> make_pump(const SimConfig& config, double kw, Rng& rng);
std::unique_ptr<LoadModel> make_bakery(const SimConfig& config, double oven_kw, Rng& rng);
std::unique_ptr<LoadModel> make_server_room(const SimConfig& config, double it_kw, Rng& rng);
std::unique_ptr<LoadModel> make_ai_datacentre(const SimConfig& config, double it_kw, Rng& rng);
std::unique_ptr<LoadModel> make_garage(double kw, Rng& rng);

}  // namespace minewatch::sim
