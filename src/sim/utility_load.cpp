// Bakeries, server rooms, AI data centres, the non-mining load of a garage farm, and taps before the meter.
#include <algorithm>

#include "minewatch/sim/load_model.h"

namespace minewatch::sim {
namespace {

// A bakery: ovens preheat and bake through the night into the morning, every day (less on Sundays), then the
// shop's refrigeration and lighting. A night-time block that is not night-only mining.
class Bakery final : public LoadModel {
 public:
  Bakery(const SimConfig& config, double oven_kw, Rng& rng) : c_(config.bakery), kw_(oven_kw) {
    start_ = rng.uniform(c_.start_hour.lo, c_.start_hour.hi);
    hours_ = rng.uniform(c_.bake_hours.lo, c_.bake_hours.hi);
    level_ = rng.uniform(0.6, 0.8);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    const double hours = day.weekday == 6 ? 0.7 * hours_ : hours_;
    for (int k = 0; k < day.slots; ++k) {
      const double h = day.hour(k);
      const double preheat = overlap_fraction(h, day.slot_hours, start_, start_ + 1.0);
      const double bake = overlap_fraction(h, day.slot_hours, start_ + 1.0, start_ + hours);
      const double shop = overlap_fraction(h, day.slot_hours, 8.0, 20.0);
      double p = c_.base_fraction * kw_ * (1.0 + 0.05 * rng.normal()) + 0.1 * kw_ * shop;
      p += preheat * kw_ + bake * kw_ * level_ * (1.0 + 0.1 * rng.normal());
      kw[k] += std::max(0.0, p);
    }
  }

 private:
  const BakeryConfig& c_;
  double kw_;
  double start_ = 2;
  double hours_ = 7;
  double level_ = 0.7;
};

// A server room: IT load that barely moves (a little more in office hours) and cooling that grows with the
// outdoor temperature. About as flat as mining: the hardest trap.
class ServerRoom final : public LoadModel {
 public:
  ServerRoom(const SimConfig& config, double it_kw, Rng&) : c_(config.server_room), it_kw_(it_kw) {}

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    for (int k = 0; k < day.slots; ++k) {
      const double office =
          !day.day_off ? 0.05 * overlap_fraction(day.hour(k), day.slot_hours, 9.0, 18.0) : 0.0;
      const double it = it_kw_ * (1.0 + office) * (1.0 + c_.it_noise_sigma * rng.normal());
      const double cooling = it * (c_.cooling_base + c_.cooling_per_c * std::max(0.0, day.temp[k] - 10.0));
      kw[k] += it + cooling * std::max(0.0, 1.0 + 0.1 * rng.normal());
    }
  }

 private:
  const ServerRoomConfig& c_;
  double it_kw_;
};

// A feeder of a licensed AI data centre: GPU clusters near full load, with dips when jobs end or checkpoint,
// times a PUE that rises with the outdoor temperature.
class AiDatacentre final : public LoadModel {
 public:
  AiDatacentre(const SimConfig& config, double it_kw, Rng& rng) : c_(config.ai_datacentre), it_kw_(it_kw) {
    pue_ = rng.uniform(c_.pue.lo, c_.pue.hi);
    utilisation_ = rng.uniform(0.85, 0.95);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    if (dip_left_h_ <= 0 && rng.chance(c_.dips_per_month / 30.0)) {
      dip_start_h_ = rng.uniform(0.0, 24.0);
      dip_left_h_ = rng.uniform(c_.dip_hours.lo, c_.dip_hours.hi);
      dip_level_ = rng.uniform(c_.dip_level.lo, c_.dip_level.hi);
    }
    for (int k = 0; k < day.slots; ++k) {
      double util = utilisation_ * (1.0 + 0.02 * rng.normal());
      if (dip_left_h_ > 0 && day.hour(k) + day.slot_hours > dip_start_h_) {
        util *= dip_level_;
        dip_left_h_ -= day.slot_hours;
      }
      const double pue = pue_ + c_.pue_per_c * (day.temp[k] - 15.0);
      kw[k] += it_kw_ * std::max(0.0, util) * std::max(1.05, pue);
    }
    dip_start_h_ = 0;  // a dip that runs past midnight goes on from the start of the next day
  }

 private:
  const AiDatacentreConfig& c_;
  double it_kw_;
  double pue_ = 1.2;
  double utilisation_ = 0.9;
  double dip_start_h_ = 0;
  double dip_left_h_ = 0;
  double dip_level_ = 1;
};

// The garage around a farm: lights, ventilation, a heater, more in the evening when someone is there.
class Garage final : public LoadModel {
 public:
  explicit Garage(double kw) : kw_(kw) {}
  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    for (int k = 0; k < day.slots; ++k) {
      const double evening = overlap_fraction(day.hour(k), day.slot_hours, 17.0, 23.0);
      kw[k] += kw_ * std::max(0.0, (0.6 + 0.4 * evening) * (1.0 + 0.1 * rng.normal()));
    }
  }

 private:
  double kw_;
};

// A tap before the meters: a hidden rig (flat) or electric heaters (following the cold).
class Tap final : public LoadModel {
 public:
  Tap(const SimConfig& config, TapKind kind, double kw)
      : heating_(config.electric_heating), kind_(kind), kw_(kw) {}
  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    for (int k = 0; k < day.slots; ++k) {
      if (kind_ == TapKind::mining) {
        kw[k] += kw_ * (1.0 + 0.01 * rng.normal());
      } else {
        const double need = heating_need(day.temp[k], heating_.balance_temp_c, heating_.design_temp_c);
        kw[k] += kw_ * std::min(1.0, need) * std::max(0.0, 1.0 + 0.15 * rng.normal());
      }
    }
  }

 private:
  const ElectricHeatingConfig& heating_;
  TapKind kind_;
  double kw_;
};

}  // namespace

std::unique_ptr<LoadModel> make_bakery(const SimConfig& config, double oven_kw, Rng& rng) {
  return std::make_unique<Bakery>(config, oven_kw, rng);
}
std::unique_ptr<LoadModel> make_server_room(const SimConfig& config, double it_kw, Rng& rng) {
  return std::make_unique<ServerRoom>(config, it_kw, rng);
}
std::unique_ptr<LoadModel> make_ai_datacentre(const SimConfig& config, double it_kw, Rng& rng) {
  return std::make_unique<AiDatacentre>(config, it_kw, rng);
}
std::unique_ptr<LoadModel> make_garage(double kw, Rng&) {
  return std::make_unique<Garage>(kw);
}
std::unique_ptr<LoadModel> make_tap_load(const SimConfig& config, TapKind kind, double kw, Rng&) {
  return std::make_unique<Tap>(config, kind, kw);
}

}  // namespace minewatch::sim
