// sim layer: the electrical channels of a reading (reactive energy, mean voltage, current and power factor
// of the interval), written to readings.csv when [electrical] enabled (docs/simulator.md, "Electrical
// channels"). They come from their own random streams, one per transformer (its supply voltage) and one per
// meter (its place on the feeder, its power factors, its thief's physics), so turning them on changes no kWh
// and no other file.
//
// A thief's channels follow what the meter's metering element sees. Most see the reported energy (a partial
// shunt, a magnet on the sensor, data rewritten in every channel): their physics looks sound. Three kinds
// break it, and truth.csv's tamper column names them:
//   bypass       h2 thieves: the current coil bypassed in the window; the supply stays live, current and
//                kWh read zero while the home draws
//   register     the energy register tampered; voltage, current and pf still show the true draw, so kWh falls
//                below V·I·pf·Δt
//   reversed_ct  h2 thieves: the current sensor reversed in the window; an import-only register counts
//                nothing while the current (signed negative) flows
#pragma once

#include <cstdint>
#include <vector>

#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/load_model.h"
#include "minewatch/sim/rng.h"
#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

enum class ElectricalKind : std::uint8_t { none, bypass, register_tampered, reversed_ct, count_ };
inline constexpr std::size_t kElectricalKindCount = static_cast<std::size_t>(ElectricalKind::count_);
// "", "bypass", "register", "reversed_ct": the tags truth.csv's tamper column carries.
const char* electrical_kind_name(ElectricalKind kind);

// One reading's channels; the current is signed (negative: reverse flow through the sensor).
struct ChannelRow {
  double kvarh = 0;
  double voltage_v = 0;
  double current_a = 0;
  double pf = 1;
};

// A transformer's supply voltage, slot by slot over the window: its tap setting, a sag at the evening and
// morning peaks, and a slow wander.
class TransformerVoltage {
 public:
  // Draws from the stream (seed, voltage, transformer); `width` is the slots of the longest day.
  void draw(const ElectricalConfig& c, std::uint64_t seed, std::uint32_t transformer,
            const std::vector<DayContext>& days, int width);
  const double* day(int index) const { return volts_.data() + static_cast<std::size_t>(index) * width_; }

 private:
  std::vector<double> volts_;
  std::size_t width_ = 0;
};

// What a meter's day looks like to the channels, slot by slot.
struct ChannelInputs {
  const double* supply_v = nullptr;      // the transformer's voltage
  const double* up = nullptr;            // share of the slot the supply was on
  const double* kw = nullptr;            // the premises' power, kW, rigs included (before outages)
  const double* mining_kw = nullptr;     // of which the rigs' (null: no rigs)
  const double* true_kwh = nullptr;      // drawn
  const double* reported_kwh = nullptr;  // on the register
};

class MeterChannels {
 public:
  // Draws the meter's place on the feeder, power factors and thief kind from (seed, electrical, meter).
  MeterChannels(const SimConfig& config, const MeterPlan& meter, std::uint64_t seed, std::uint32_t index);

  // False for three-phase connections and farms: their cells are left blank (the long format holds one
  // phase).
  bool written() const { return written_; }
  ElectricalKind kind() const { return kind_; }
  // Whether the register showed energy in a slot the supply was off for entirely: a thief that rewrites the
  // readings (h3-h6) can move energy there, and no meter can (truth.csv tags it `off_supply`).
  bool energy_without_supply() const { return energy_without_supply_; }
  // Fills out[0..day.slots) for one day.
  void day(const DayContext& day, const ChannelInputs& in, ChannelRow* out);

 private:
  const ElectricalConfig& c_;
  Rng rng_;
  bool written_ = false;
  ElectricalKind kind_ = ElectricalKind::none;
  bool energy_without_supply_ = false;
  double drop_ = 0;
  double base_pf_ = 0.95;
  double rig_pf_ = 0.97;
};

}  // namespace minewatch::sim
