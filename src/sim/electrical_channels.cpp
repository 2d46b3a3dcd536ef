// The electrical channels of readings (declared in electrical.h): a transformer's voltage, a meter's power
// factor, and the current that makes V·I·pf·Δt equal the energy its metering element sees.
#include <algorithm>
#include <array>
#include <cmath>

#include "minewatch/sim/electrical.h"

namespace minewatch::sim {
namespace {

// Homes (with or without a few rigs) take the home power factors; every other class the business ones.
bool is_home(MeterClass c) {
  return c == MeterClass::household || c == MeterClass::household_electric || c == MeterClass::holiday_home ||
         c == MeterClass::mining_home;
}

double tan_phi(double pf) {
  return std::sqrt(std::max(0.0, 1.0 / (pf * pf) - 1.0));
}

}  // namespace

const char* electrical_kind_name(ElectricalKind kind) {
  static constexpr std::array<const char*, kElectricalKindCount> names = {"", "bypass", "register",
                                                                          "reversed_ct"};
  return names[static_cast<std::size_t>(kind)];
}

void TransformerVoltage::draw(const ElectricalConfig& c, std::uint64_t seed, std::uint32_t transformer,
                              const std::vector<DayContext>& days, int width) {
  Rng rng(seed, Domain::voltage, transformer);
  width_ = static_cast<std::size_t>(width);
  volts_.assign(days.size() * width_, 0.0);
  // The tap setting stays within three standard deviations: a distribution company keeps its buses in band.
  const double sd = c.transformer_offset_sd;
  const double offset = std::clamp(sd * rng.normal(), -3.0 * sd, 3.0 * sd);
  const double rho = c.walk_persistence;
  const double step_sd = c.walk_sd * std::sqrt(std::max(0.0, 1.0 - rho * rho));
  double walk = c.walk_sd * rng.normal();  // started from the stationary spread
  for (const DayContext& d : days) {
    double* v = volts_.data() + static_cast<std::size_t>(d.index) * width_;
    for (int k = 0; k < d.slots; ++k) {
      // Feeders sag when everyone cooks and lights up, less so at breakfast.
      const double h = d.mid_hour(k);
      const double sag = c.evening_sag * (gauss_bump(h, 19.5, 2.0) + 0.5 * gauss_bump(h, 8.0, 1.5));
      walk = rho * walk + step_sd * rng.normal();
      v[k] = c.nominal_v * (1.0 + offset - sag + walk);
    }
  }
}

MeterChannels::MeterChannels(const SimConfig& config, const MeterPlan& meter, std::uint64_t seed,
                             std::uint32_t index)
    : c_(config.electrical), rng_(seed, Domain::electrical, index) {
  // Every draw happens whatever the meter is, so one meter's kind never shifts another's numbers.
  drop_ = rng_.uniform(c_.feeder_drop.lo, c_.feeder_drop.hi);
  const Range& pf = is_home(meter.cls) ? c_.home_pf : c_.business_pf;
  base_pf_ = rng_.uniform(pf.lo, pf.hi);
  rig_pf_ = rng_.uniform(c_.rig_pf.lo, c_.rig_pf.hi);
  const double u_register = rng_.uniform();
  const double u_reversed = rng_.uniform();
  // A farm (garage, industrial, in an AI data centre) draws tens to hundreds of kW whatever its contract
  // says: on site it is a three-phase installation, so like any large connection it gets no single-phase
  // channels (a 15 kW contract would otherwise read thousands of amps).
  const bool farm = is_mining(meter.cls) && !is_home(meter.cls);
  written_ = meter.contract_kw <= c_.single_phase_max_kw && !farm;
  const TheftPlan& t = meter.theft;
  // A magnet slows the very sensor the channels come from: its physics stays sound.
  if (!written_ || t.type == TheftType::none || t.tamper == Tamper::magnetic_field) return;
  if (u_register < c_.register_share) {
    kind_ = ElectricalKind::register_tampered;
  } else if (t.type == TheftType::h2) {
    // h2 reads zero in its window: with the channels following the sensor, that is a bypassed coil.
    kind_ = u_reversed < c_.reversed_ct_share ? ElectricalKind::reversed_ct : ElectricalKind::bypass;
  }
}

void MeterChannels::day(const DayContext& day, const ChannelInputs& in, ChannelRow* out) {
  for (int k = 0; k < day.slots; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const double live_v = in.supply_v[i] * (1.0 - drop_ + c_.noise_sd * rng_.normal());
    // The interval's power factor: P over apparent power, the rigs' reactive power added to the home's.
    const double base_pf = std::clamp(base_pf_ + c_.pf_noise_sd * rng_.normal(), 0.5, 1.0);
    // Whether a meter has rigs is fixed, so drawing their noise only then keeps the stream reproducible.
    const bool rigs = in.mining_kw != nullptr;
    const double rig_pf = rigs ? std::clamp(rig_pf_ + c_.pf_noise_sd * rng_.normal(), 0.5, 1.0) : rig_pf_;
    const double rig_kw = rigs ? std::max(0.0, in.mining_kw[i]) : 0.0;
    const double base_kw = std::max(0.0, in.kw[i] - rig_kw);
    double pf = base_pf;
    if (base_kw + rig_kw > 0) {
      const double p = base_kw + rig_kw;
      const double q = base_kw * tan_phi(base_pf) + rig_kw * tan_phi(rig_pf);
      pf = p / std::sqrt(p * p + q * q);
    }
    // The energy the metering element sees: the register's own, the true draw past a tampered register, or
    // the net of forward and reversed current through a reversed sensor.
    double seen = in.reported_kwh[i];
    if (kind_ == ElectricalKind::register_tampered) seen = in.true_kwh[i];
    if (kind_ == ElectricalKind::reversed_ct) seen = 2.0 * in.reported_kwh[i] - in.true_kwh[i];
    ChannelRow& row = out[i];
    const double up = in.up[i];
    // Interval means: the voltage is zero while the supply is off, and the current flows only while it is on,
    // so V·I·pf·Δt falls short of the kWh in an interval an outage cut (rare, as on real meters).
    row.voltage_v = live_v * up;
    if (up <= 0 && in.reported_kwh[i] > 0) energy_without_supply_ = true;
    row.current_a = up > 0 ? seen / day.slot_hours * 1000.0 / (live_v * pf) : 0.0;
    row.pf = pf;
    row.kvarh = in.reported_kwh[i] * tan_phi(pf);
  }
}

}  // namespace minewatch::sim
