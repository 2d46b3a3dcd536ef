// Businesses and the flat or scheduled loads that are not mining: shops and offices, cold stores, greenhouses
// and pumps. Each is a false-positive trap for a mining detector (docs/simulator.md).
#include <algorithm>

#include "minewatch/sim/load_model.h"

namespace minewatch::sim {
namespace {

// A small business: open on its working days between its hours, a closed-hours base (refrigerators, security
// lighting), ramps at opening and closing, air conditioning on hot days, closed on public holidays.
class Business final : public LoadModel {
 public:
  Business(const SimConfig& config, double open_kw, Rng& rng) : c_(config.business), open_kw_(open_kw) {
    closed_kw_ = open_kw * rng.uniform(c_.closed_fraction.lo, c_.closed_fraction.hi);
    open_ = std::floor(rng.uniform(c_.open_hour.lo, c_.open_hour.hi + 1));
    close_ = std::floor(rng.uniform(c_.close_hour.lo, c_.close_hour.hi + 1));
    const double u = rng.uniform();
    days_ = u < c_.seven_day_share ? 7 : u < c_.seven_day_share + c_.six_day_share ? 6 : 5;
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    const bool working = day.weekday < days_ && !(day.holiday && days_ < 7);
    for (int k = 0; k < day.slots; ++k) {
      double p = closed_kw_ * (1.0 + 0.05 * rng.normal());
      const double f = working ? overlap_fraction(day.hour(k), day.slot_hours, open_, close_) : 0.0;
      if (f > 0) {
        const double h = day.mid_hour(k);
        const double ramp = h < open_ + 1 ? 0.75 : h > close_ - 1 ? 0.85 : 1.0;
        const double cooling = 1.0 + c_.cooling_per_c * std::max(0.0, day.temp[k] - 22.0);
        const double level = open_kw_ * ramp * cooling * std::exp(c_.slot_noise_sigma * rng.normal());
        p = (1 - f) * p + f * std::max(level, closed_kw_);
      }
      kw[k] += std::max(0.0, p);
    }
  }

 private:
  const BusinessConfig& c_;
  double open_kw_;
  double closed_kw_ = 0;
  double open_ = 9;
  double close_ = 19;
  int days_ = 5;
};

// A cold store: a compressor cycling on and off with a duty that rises with the outdoor temperature and with
// door openings in working hours, defrost heaters a few times a day, fans and lights always on. At 30 minutes
// a slot holds one or two cycles, so the readings jitter around a flat level.
class ColdStore final : public LoadModel {
 public:
  ColdStore(const SimConfig& config, double compressor_kw, Rng& rng)
      : c_(config.cold_store), kw_(compressor_kw) {
    duty0_ = rng.uniform(c_.duty_at_5c.lo, c_.duty_at_5c.hi);
    cycle_h_ = rng.uniform(c_.cycle_minutes.lo, c_.cycle_minutes.hi) / 60.0;
    defrosts_ =
        rng.integer(static_cast<int>(c_.defrosts_per_day.lo), static_cast<int>(c_.defrosts_per_day.hi));
    defrost_h_ = rng.uniform(c_.defrost_minutes.lo, c_.defrost_minutes.hi) / 60.0;
    defrost_first_ = rng.uniform(0.0, 24.0 / defrosts_);
    phase_h_ = rng.uniform(0.0, cycle_h_);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    const double period = cycle_h_ * rng.uniform(0.9, 1.1);
    phase_h_ = std::fmod(phase_h_, period);
    for (int k = 0; k < day.slots; ++k) {
      const double h = day.hour(k);
      const double doors = (h >= 8 && h < 20) ? 0.08 : 0.0;
      const double duty = std::clamp(duty0_ + c_.duty_per_c * (day.temp[k] - 5.0) + doors, 0.3, 0.95);
      double defrost = 0;
      for (int d = 0; d < defrosts_; ++d)
        defrost += overlap_fraction(h, day.slot_hours, defrost_first_ + d * 24.0 / defrosts_,
                                    std::fmod(defrost_first_ + d * 24.0 / defrosts_ + defrost_h_, 24.0));
      defrost = std::min(defrost, 1.0);
      // Integrate the square wave of the compressor over the slot, carrying the phase across slots.
      double on = 0;
      double t = 0;
      while (t < day.slot_hours) {
        const double on_len = duty * period;
        const double step = std::min(day.slot_hours - t, period - phase_h_);
        if (phase_h_ < on_len) on += std::min(step, on_len - phase_h_);
        t += step;
        phase_h_ += step;
        if (phase_h_ >= period - 1e-12) phase_h_ = 0;
      }
      const double compressor = (1.0 - defrost) * kw_ * on / day.slot_hours;
      kw[k] += compressor + defrost * c_.defrost_kw_fraction * kw_ + c_.aux_fraction * kw_;
    }
  }

 private:
  const ColdStoreConfig& c_;
  double kw_;
  double duty0_ = 0.5;
  double cycle_h_ = 0.5;
  int defrosts_ = 3;
  double defrost_h_ = 0.5;
  double defrost_first_ = 2;
  double phase_h_ = 0;
};

// A greenhouse with supplementary lighting: lamps on for the photoperiod less the daylight, from a fixed
// hour, off in the evening peak for some (peak-tariff avoidance); pumps, fans and heating circulation always
// on.
class Greenhouse final : public LoadModel {
 public:
  Greenhouse(const SimConfig& config, double lamp_kw, Rng& rng)
      : c_(config.greenhouse), peak_(config.mining), lamp_kw_(lamp_kw) {
    photoperiod_ = rng.uniform(c_.photoperiod_hours.lo, c_.photoperiod_hours.hi);
    on_ = rng.uniform(c_.lights_on_hour.lo, c_.lights_on_hour.hi);
    avoid_peak_ = rng.chance(c_.peak_avoid_share);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    // Lamps make up what daylight lacks; two dim hours at dawn and dusk still count as dark for the plants.
    const double lamp_hours = std::clamp(photoperiod_ - day.daylength + 2.0, 0.0, photoperiod_);
    const double off = std::fmod(on_ + lamp_hours, 24.0);
    for (int k = 0; k < day.slots; ++k) {
      const double h = day.hour(k);
      double f = lamp_hours > 0 ? overlap_fraction(h, day.slot_hours, on_, off) : 0.0;
      if (avoid_peak_)
        f *= 1.0 -
             overlap_fraction(h, day.slot_hours, peak_.evening_peak_hours.lo, peak_.evening_peak_hours.hi);
      const double aux =
          c_.aux_fraction * lamp_kw_ * (1.0 + 0.5 * day.winterness) * (1.0 + 0.05 * rng.normal());
      kw[k] += f * lamp_kw_ * (0.98 + 0.01 * rng.normal()) + std::max(0.0, aux);
    }
  }

 private:
  const GreenhouseConfig& c_;
  const MiningConfig& peak_;
  double lamp_kw_;
  double photoperiod_ = 16;
  double on_ = 2;
  bool avoid_peak_ = false;
};

// A pump: a water utility's variable-speed pump following the demand of the day, a level-controlled pump
// filling a tank in runs, or an irrigation pump running at night in the summer months.
class Pump final : public LoadModel {
 public:
  Pump(const SimConfig& config, double kw, Rng& rng) : c_(config.pump), kw_(kw) {
    const double u = rng.uniform();
    mode_ = u < c_.vfd_share                      ? Mode::vfd
            : u < c_.vfd_share + c_.cycling_share ? Mode::cycling
                                                  : Mode::irrigation;
    irrigation_start_ = rng.uniform(19.0, 23.0);
    irrigation_hours_ = rng.uniform(6.0, 10.0);
    left_h_ = rng.uniform(0.0, c_.run_hours.hi);
  }

  void add_day(const DayContext& day, Rng& rng, double* kw) override {
    switch (mode_) {
      case Mode::vfd:
        for (int k = 0; k < day.slots; ++k) {
          const double h = day.mid_hour(k);
          const double demand =
              std::min(1.0, 0.3 + 0.7 * (gauss_bump(h, 8.0, 1.5) + gauss_bump(h, 20.5, 2.0)));
          kw[k] += kw_ * (0.55 + 0.35 * demand) * (1.0 + 0.04 * rng.normal());
        }
        return;
      case Mode::cycling:
        for (int k = 0; k < day.slots; ++k) {
          double on = 0;
          for (double t = 0; t < day.slot_hours;) {
            const double step = std::min(day.slot_hours - t, left_h_);
            if (running_) on += step;
            t += step;
            left_h_ -= step;
            if (left_h_ <= 1e-9) {
              running_ = !running_;
              const Range& r = running_ ? c_.run_hours : c_.idle_hours;
              left_h_ = rng.uniform(r.lo, r.hi);
            }
          }
          kw[k] += kw_ * 0.97 * on / day.slot_hours + 0.01 * kw_;
        }
        return;
      case Mode::irrigation: {
        const bool season =
            day.date.month >= c_.irrigation_months.lo && day.date.month <= c_.irrigation_months.hi;
        const double end = std::fmod(irrigation_start_ + irrigation_hours_, 24.0);
        for (int k = 0; k < day.slots; ++k) {
          const double f =
              season ? overlap_fraction(day.hour(k), day.slot_hours, irrigation_start_, end) : 0.0;
          kw[k] += f * kw_ * (0.95 + 0.02 * rng.normal()) + 0.005 * kw_;
        }
        return;
      }
    }
  }

 private:
  enum class Mode { vfd, cycling, irrigation };
  const PumpConfig& c_;
  double kw_;
  Mode mode_ = Mode::vfd;
  double irrigation_start_ = 21;
  double irrigation_hours_ = 8;
  bool running_ = false;
  double left_h_ = 1;
};

}  // namespace

std::unique_ptr<LoadModel> make_business(const SimConfig& config, double open_kw, Rng& rng) {
  return std::make_unique<Business>(config, open_kw, rng);
}
std::unique_ptr<LoadModel> make_cold_store(const SimConfig& config, double compressor_kw, Rng& rng) {
  return std::make_unique<ColdStore>(config, compressor_kw, rng);
}
std::unique_ptr<LoadModel> make_greenhouse(const SimConfig& config, double lamp_kw, const MeterPlan&,
                                           Rng& rng) {
  return std::make_unique<Greenhouse>(config, lamp_kw, rng);
}
std::unique_ptr<LoadModel> make_pump(const SimConfig& config, double kw, Rng& rng) {
  return std::make_unique<Pump>(config, kw, rng);
}

}  // namespace minewatch::sim
