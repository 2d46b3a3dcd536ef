// TamperEventIndex: events dated in the meter's zone, working hours, magnet days and episodes, and power
// losses compared with the neighbours on the same transformer (an outage every meter logs is not evidence).
#include "minewatch/detect/tamper_evidence.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

constexpr std::int64_t k2025_03_01 = 20148;

struct Grid {
  TempDir dir;
  ZoneTable zones;
  MeterRegistry registry;
  MeterEvents events;
  ZoneId irkutsk = 0;

  explicit Grid(const std::string& events_csv) {
    zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
    registry = MeterRegistry::load(dir.write("meters.csv",
                                             "meter_id,region,transformer_id\n"
                                             "a,RU-IRK,T1\nb,RU-IRK,T1\nc,RU-IRK,T1\n"
                                             "lone,RU-IRK,T2\n"),
                                   zones);
    irkutsk = registry.find("a")->zone;
    events = MeterEvents::load(dir.write("events.csv", "meter_id,ts,code\n" + events_csv), &registry);
  }
};

TEST(TamperEvidence, EventsAreDatedInTheMetersZone) {
  // Irkutsk is UTC+8: 2025-02-28T20:30Z is 2025-03-01 04:30 local, outside working hours; 02:30Z is 10:30.
  Grid g(
      "a,2025-02-28T20:30:00Z,cover_open\n"
      "a,2025-03-02T02:30:00Z,Cover_Opened\n"
      "a,2025-03-03 12:00,clock_set\n"
      "a,2025-03-04T00:00:00Z,firmware_update\n");
  const TamperEventIndex index(g.events, &g.registry, g.zones);
  const auto ev = index.evidence("a", g.irkutsk);
  ASSERT_EQ(ev.events.size(), 4u);
  EXPECT_EQ(ev.events[0].day, k2025_03_01);
  EXPECT_EQ(ev.events[0].local_second, 4 * 3600 + 1800);
  EXPECT_FALSE(ev.events[0].in_working_hours);
  EXPECT_EQ(ev.events[1].day, k2025_03_01 + 1);
  EXPECT_TRUE(ev.events[1].in_working_hours);
  EXPECT_EQ(ev.events[2].kind, EventKind::clock_set);
  EXPECT_EQ(ev.events[2].day, k2025_03_01 + 2);  // a naive time is the meter's wall clock
  EXPECT_EQ(ev.events[2].local_second, 12 * 3600);
  EXPECT_EQ(ev.of(EventKind::cover_open).count, 2u);
  EXPECT_EQ(ev.of(EventKind::cover_open).first_day, k2025_03_01);
  EXPECT_EQ(ev.of(EventKind::cover_open).last_day, k2025_03_01 + 1);
  EXPECT_EQ(ev.of(EventKind::other).count, 1u);  // unknown codes are counted as other
  EXPECT_TRUE(index.evidence("b", g.irkutsk).events.empty());
}

TEST(TamperEvidence, MagnetDaysAndEpisodes) {
  // Three events within the hour are one episode; a later one on the same day a second; then a third day.
  Grid g(
      "a,2025-03-01T02:00:00Z,magnetic_field\n"
      "a,2025-03-01T02:30:00Z,magnetic_field\n"
      "a,2025-03-01T03:20:00Z,magnet\n"
      "a,2025-03-01T09:00:00Z,magnetic_field\n"
      "a,2025-03-05T02:00:00Z,magnetic_field\n");
  const auto ev = TamperEventIndex(g.events, &g.registry, g.zones).evidence("a", g.irkutsk);
  EXPECT_EQ(ev.of(EventKind::magnetic_field).count, 5u);
  EXPECT_EQ(ev.magnet_episodes, 3u);
  EXPECT_EQ(ev.magnet_days, 2u);
  EXPECT_EQ(ev.of(EventKind::magnetic_field).first_day, k2025_03_01);
}

TEST(TamperEvidence, OutageOfTheWholeTransformerIsSharedAPowerLossAloneIsIsolated) {
  // 03-01: every meter of T1 loses power within minutes (an outage); 03-05: only "a" does.
  Grid g(
      "a,2025-03-01T01:00:00Z,power_loss\n"
      "b,2025-03-01T01:02:00Z,power_loss\n"
      "c,2025-03-01T00:59:00Z,power_loss\n"
      "a,2025-03-05T01:00:00Z,power_loss\n"
      "b,2025-03-05T03:00:00Z,clock_set\n"
      "lone,2025-03-01T01:00:00Z,power_loss\n");
  const TamperEventIndex index(g.events, &g.registry, g.zones);
  const auto a = index.evidence("a", g.irkutsk);
  EXPECT_TRUE(a.neighbours_known);
  EXPECT_EQ(a.shared_power_loss, 1u);
  EXPECT_EQ(a.isolated_power_loss, 1u);
  EXPECT_TRUE(a.events[0].shared);
  EXPECT_FALSE(a.events[1].shared);
  const auto b = index.evidence("b", g.irkutsk);
  EXPECT_EQ(b.shared_power_loss, 1u);
  EXPECT_EQ(b.isolated_power_loss, 0u);
  // Alone on its transformer: nobody to compare with.
  const auto lone = index.evidence("lone", g.irkutsk);
  EXPECT_FALSE(lone.neighbours_known);
  EXPECT_EQ(lone.isolated_power_loss + lone.shared_power_loss, 0u);
  EXPECT_EQ(lone.of(EventKind::power_loss).count, 1u);
}

TEST(TamperEvidence, WithoutARegistryNeighboursAreUnknown) {
  Grid g("a,2025-03-05T01:00:00Z,power_loss\n");
  const auto a = TamperEventIndex(g.events, nullptr, g.zones).evidence("a", g.irkutsk);
  EXPECT_FALSE(a.neighbours_known);
  EXPECT_EQ(a.isolated_power_loss, 0u);
}

TEST(TamperEvidence, EventKindsOfCommonSpellings) {
  EXPECT_EQ(event_kind_of("cover_open"), EventKind::cover_open);
  EXPECT_EQ(event_kind_of("Terminal-Cover-Open"), EventKind::cover_open);
  EXPECT_EQ(event_kind_of("MAGNET"), EventKind::magnetic_field);
  EXPECT_EQ(event_kind_of("reverse_energy"), EventKind::reverse_flow);
  EXPECT_EQ(event_kind_of("power_outage"), EventKind::power_loss);
  EXPECT_EQ(event_kind_of("clock_adjust"), EventKind::clock_set);
  EXPECT_EQ(event_kind_of("door_open"), EventKind::other);
  EXPECT_STREQ(event_kind_name(EventKind::magnetic_field), "magnetic_field");
}

}  // namespace
}  // namespace minewatch
