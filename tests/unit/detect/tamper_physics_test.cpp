// observe_reading_physics: each impossibility a consumption meter's own channels can show, and what is not
// one.
#include <gtest/gtest.h>

#include <cmath>

#include "minewatch/detect/reading_physics.h"

namespace minewatch {
namespace {

constexpr std::int64_t kDay = 20089;  // 2025-01-01

ReadingChannels channels(float volts, float amps, float pf = NAN) {
  ReadingChannels c;
  c.voltage_v = volts;
  c.current_a = amps;
  c.pf = pf;
  return c;
}

ReadingPhysics observe(float kwh, const ReadingChannels& c, std::int32_t interval_s = 1800) {
  ReadingPhysics p;
  observe_reading_physics(p, kwh, c, interval_s, kDay, PhysicsThresholds{});
  return p;
}

TEST(TamperPhysics, StateIsFortyBytesAMeter) {
  EXPECT_EQ(sizeof(ReadingPhysics), 40u);  // docs/tamper.md quotes it
}

TEST(TamperPhysics, ConsistentReadingCountsNothing) {
  // 230 V x 4 A x 0.95 over 30 minutes = 0.437 kWh.
  const auto p = observe(0.437f, channels(230, 4, 0.95f));
  EXPECT_EQ(p.checked, 1u);
  EXPECT_EQ(p.drawing, 1u);
  EXPECT_FALSE(p.any());
}

TEST(TamperPhysics, EnergyWithoutCurrent) {
  const auto p = observe(0.4f, channels(230, 0));
  EXPECT_EQ(p.energy_without_current.count, 1u);
  EXPECT_EQ(p.energy_without_current.first(), kDay);
  EXPECT_EQ(p.drawing, 0u);
  // The meter's resolution: 0.001 kWh of rounding with no current is not evidence.
  EXPECT_EQ(observe(0.001f, channels(230, 0)).energy_without_current.count, 0u);
}

TEST(TamperPhysics, LiveVoltageWithoutCurrentOrEnergy) {
  const auto p = observe(0.0f, channels(231, 0));
  EXPECT_EQ(p.live_without_current.count, 1u);
  EXPECT_EQ(p.energy_without_current.count, 0u);
  // No voltage either: the supply is off (an outage), nothing impossible.
  EXPECT_FALSE(observe(0.0f, channels(0, 0)).any());
  EXPECT_FALSE(observe(0.0f, channels(40, 0)).any());
}

TEST(TamperPhysics, EnergyTheChannelsDoNotExplain) {
  // The channels say 0.437 kWh; the register says a third of it (a slowed meter).
  EXPECT_EQ(observe(0.145f, channels(230, 4, 0.95f)).energy_mismatch.count, 1u);
  // Within 25 %: not counted.
  EXPECT_EQ(observe(0.38f, channels(230, 4, 0.95f)).energy_mismatch.count, 0u);
  // A small absolute gap never counts (0.02 kWh against 0.04 kWh expected).
  EXPECT_EQ(observe(0.02f, channels(230, 0.37f, 0.95f)).energy_mismatch.count, 0u);
}

TEST(TamperPhysics, NoBalanceWithoutIntervalOrPowerFactor) {
  EXPECT_FALSE(observe(0.145f, channels(230, 4, 0.95f), 0).any());  // interval not known yet
  EXPECT_FALSE(observe(0.145f, channels(230, 4)).any());            // no pf column
  EXPECT_FALSE(observe(0.145f, channels(230, 4, 95.0f)).any());     // pf not in [0, 1]
}

TEST(TamperPhysics, NoBalanceBelowTheSupplyBand) {
  // A half-hour the supply left for ten minutes: mean voltage 153 V, the register right, the product short.
  EXPECT_FALSE(observe(0.437f, channels(153, 4, 0.95f)).any());
  // At the band's edge the balance is checked again.
  EXPECT_EQ(observe(0.145f, channels(207, 4, 0.95f)).energy_mismatch.count, 1u);
}

TEST(TamperPhysics, BlankChannelsAreNotChecked) {
  const auto p = observe(0.4f, ReadingChannels{});
  EXPECT_EQ(p.checked, 0u);
  EXPECT_FALSE(p.any());
}

TEST(TamperPhysics, FirstDayIsTheEarliestAndCountsAdd) {
  ReadingPhysics p;
  observe_reading_physics(p, 0.4f, channels(230, 0), 1800, kDay + 5, PhysicsThresholds{});
  observe_reading_physics(p, 0.4f, channels(230, 0), 1800, kDay + 2, PhysicsThresholds{});
  observe_negative_reading(p, kDay + 7);
  EXPECT_EQ(p.energy_without_current.count, 2u);
  EXPECT_EQ(p.energy_without_current.first(), kDay + 2);
  EXPECT_EQ(p.negative_energy.count, 1u);
  EXPECT_EQ(p.negative_energy.first(), kDay + 7);
  EXPECT_EQ(ReadingPhysics{}.energy_mismatch.first(), kNoDay);
}

}  // namespace
}  // namespace minewatch
