// detect layer: the physics of a meter's own readings, when the file carries voltage and current (and power
// factor): counters of readings an honest, consumption-only meter cannot produce. The batch scan updates them
// per accepted reading of such files, so the update is plain and inline; files without these channels never
// call it. 40 bytes a meter (a unit test pins it). docs/tamper.md explains each counter.
#pragma once

#include <cmath>
#include <cstdint>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/readings_layout.h"

namespace minewatch {

// Tolerances of the physics checks (docs/tamper.md gives the reasons for each default).
struct PhysicsThresholds {
  float live_voltage_v = 50.0f;   // above: the supply is live (a household phase is 230 V nominal)
  float zero_current_a = 0.01f;   // at or below: no current flows through the meter
  float min_energy_kwh = 0.005f;  // energy above this with no current is impossible (resolution 0.001 kWh)
  // |kWh - V*I*pf*interval| counts as a mismatch when above both of these: a share of the larger of the two
  // energies, and an absolute floor so that the rounding of small readings never counts.
  float mismatch_share = 0.25f;
  float mismatch_min_kwh = 0.05f;
  // The energy balance is checked only at an interval mean voltage within the supply band (230 V - 10 %,
  // EN 50160): below it the interval lost its supply for some minutes (or sagged), and the product of mean
  // voltage and current no longer gives the energy (on a simulated grid, an outage that cut into three
  // half-hours of one transformer flagged seven honest meters without this).
  float min_balance_voltage_v = 207.0f;
};

// How often one impossibility was seen, and on which local day first.
struct PhysicsCounter {
  static constexpr std::int32_t kNone = INT32_MIN;
  std::uint32_t count = 0;
  std::int32_t first_day = kNone;  // days since 1970-01-01, local (int32: 5.8 million years)

  void add(std::int64_t day) {
    ++count;
    const auto d = static_cast<std::int32_t>(day);
    if (first_day == kNone || d < first_day) first_day = d;
  }
  // The first day as a day number, kNoDay when never seen.
  std::int64_t first() const { return first_day == kNone ? kNoDay : first_day; }
};

struct ReadingPhysics {
  std::uint32_t checked = 0;  // accepted readings with a voltage or a current value
  std::uint32_t drawing = 0;  // of which with current above zero: the meter's usual load is not zero
  PhysicsCounter energy_without_current;  // kWh above zero while the current reads zero
  PhysicsCounter live_without_current;    // voltage live, zero current and zero kWh for a whole interval
  PhysicsCounter negative_energy;         // negative kWh: reverse flow on a consumption-only meter (rejected)
  PhysicsCounter energy_mismatch;         // |kWh - V*I*pf*interval| beyond the tolerance

  // True when any counter saw something.
  bool any() const {
    return energy_without_current.count + live_without_current.count + negative_energy.count +
               energy_mismatch.count >
           0;
  }
};

// Checks one accepted reading of `kwh` with its channels, on local `day`. `interval_s` is the meter's
// interval as known so far (0: not yet known, the energy balance is then not checked).
inline void observe_reading_physics(ReadingPhysics& p, float kwh, const ReadingChannels& ch,
                                    std::int32_t interval_s, std::int64_t day, const PhysicsThresholds& t) {
  const bool has_current = !std::isnan(ch.current_a);
  if (!has_current && std::isnan(ch.voltage_v)) return;  // blank cells: nothing to check
  ++p.checked;
  if (!has_current) return;
  const float current = std::fabs(ch.current_a);  // some meters sign the current of reverse flow
  if (current > t.zero_current_a) {
    ++p.drawing;
    // The energy balance needs a voltage in the supply band, a power factor in [0, 1] and the interval.
    if (!(ch.voltage_v >= t.min_balance_voltage_v) || !(ch.pf >= 0.0f && ch.pf <= 1.0f) || interval_s <= 0)
      return;
    const float expected = ch.voltage_v * current * ch.pf * static_cast<float>(interval_s) / 3.6e6f;
    const float gap = std::fabs(kwh - expected);
    if (gap > t.mismatch_min_kwh && gap > t.mismatch_share * std::fmax(kwh, expected))
      p.energy_mismatch.add(day);
    return;
  }
  if (kwh > t.min_energy_kwh) {
    p.energy_without_current.add(day);
  } else if (ch.voltage_v > t.live_voltage_v) {
    p.live_without_current.add(day);
  }
}

// A negative reading (rejected as negative_value) kept as reverse-flow evidence (decision 0008).
inline void observe_negative_reading(ReadingPhysics& p, std::int64_t day) {
  p.negative_energy.add(day);
}

}  // namespace minewatch
