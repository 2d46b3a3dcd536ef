// run_batch_scan on long files with voltage/current/pf channels: the physics counters per meter, negative
// readings kept as reverse-flow evidence while still rejected, and files without channels left unaffected.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/pipeline/batch_scan.h"
#include "support/temp_dir.h"
#include "unit/pipeline/scan_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::by_id;
using minewatch::testing::kScanStart;
using minewatch::testing::TempDir;

constexpr std::int64_t kFirstDay = kScanStart / 86400;  // 2025-01-06

BatchScanResult scan(const std::string& path, unsigned threads, bool skip_bad_rows = false) {
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = {path};
  options.threads = threads;
  options.skip_bad_rows = skip_bad_rows;
  return run_batch_scan(options, zones);
}

// Two days of half-hourly readings of three meters: "honest" consistent, "shunt" reports energy with no
// current on day 2 from 12:00, "slow" reports a third of what its channels explain on day 2.
std::string channel_file() {
  std::string text = "meter_id,ts,kwh,kvarh,voltage_v,current_a,pf\n";
  for (int slot = 0; slot < 96; ++slot) {
    const std::int64_t t = kScanStart + slot * 1800;
    const bool afternoon_day2 = slot >= 72;
    const bool day2 = slot >= 48;
    text += fmt::format("honest,{},0.437,0.1,230,4,0.95\n", format_utc(t));
    text += fmt::format("shunt,{},0.437,0.1,230,{},0.95\n", format_utc(t), afternoon_day2 ? "0" : "4");
    text += fmt::format("slow,{},{},0.1,230,4,0.95\n", format_utc(t), day2 ? "0.145" : "0.437");
  }
  return text;
}

TEST(TamperPhysicsScan, CountersPerMeterWithTheirFirstDay) {
  TempDir dir;
  const std::string path = dir.write("readings.csv", channel_file());
  const auto one = scan(path, 1);
  minewatch::testing::expect_same_scan(one, scan(path, 2), "2 threads");
  const auto meters = by_id(one);
  const ReadingPhysics& honest = meters.at("honest").physics;
  EXPECT_EQ(honest.checked, 96u);
  EXPECT_EQ(honest.drawing, 96u);
  EXPECT_FALSE(honest.any());
  const ReadingPhysics& shunt = meters.at("shunt").physics;
  EXPECT_EQ(shunt.energy_without_current.count, 24u);
  EXPECT_EQ(shunt.energy_without_current.first(), kFirstDay + 1);
  EXPECT_EQ(shunt.energy_mismatch.count, 0u);
  const ReadingPhysics& slow = meters.at("slow").physics;
  EXPECT_EQ(slow.energy_mismatch.count, 48u);
  EXPECT_EQ(slow.energy_mismatch.first(), kFirstDay + 1);
  EXPECT_EQ(slow.energy_without_current.count, 0u);
  for (const auto& [id, m] : meters) {
    const auto again = by_id(scan(path, 2)).at(id).physics;
    EXPECT_EQ(again.energy_mismatch.count, m.physics.energy_mismatch.count) << id;
    EXPECT_EQ(again.energy_without_current.count, m.physics.energy_without_current.count) << id;
  }
}

TEST(TamperPhysicsScan, ChannelsChangeNothingElse) {
  // The same kWh with and without channel columns: histories and features agree, only physics differs.
  TempDir dir;
  std::string plain = "meter_id,ts,kwh\n";
  std::string with = "meter_id,ts,kwh,voltage_v,current_a,pf\n";
  for (int slot = 0; slot < 96; ++slot) {
    const std::string ts = format_utc(kScanStart + slot * 1800);
    plain += fmt::format("a,{},0.437\nb,{},0.2\n", ts, ts);
    with += fmt::format("a,{},0.437,230,4,0.95\nb,{},0.2,230,0,0.95\n", ts, ts);
  }
  const auto without_channels = scan(dir.write("plain.csv", plain), 2);
  const auto with_channels = scan(dir.write("with.csv", with), 2);
  minewatch::testing::expect_same_scan(without_channels, with_channels, "channels");
  for (const auto& m : without_channels.meters) {
    EXPECT_EQ(m.physics.checked, 0u) << m.id;
    EXPECT_FALSE(m.physics.any()) << m.id;
  }
  EXPECT_EQ(by_id(with_channels).at("b").physics.energy_without_current.count, 96u);
}

TEST(TamperPhysicsScan, NegativeReadingsStayRejectedAndCountAsReverseFlow) {
  TempDir dir;
  std::string text = "meter_id,ts,kwh\n";
  for (int slot = 0; slot < 96; ++slot) {
    const bool negative = slot == 60 || slot == 70;
    text += fmt::format("rev,{},{}\n", format_utc(kScanStart + slot * 1800), negative ? "-0.3" : "0.3");
  }
  const std::string path = dir.write("readings.csv", text);
  const auto result = scan(path, 2, true);
  EXPECT_EQ(result.rejected[static_cast<std::size_t>(RowProblem::negative_value)], 2u);
  EXPECT_EQ(result.readings_accepted, 94u);
  const auto meters = by_id(result);
  const auto& rev = meters.at("rev");
  EXPECT_EQ(rev.history.readings, 94u);
  EXPECT_EQ(rev.physics.negative_energy.count, 2u);
  EXPECT_EQ(rev.physics.negative_energy.first(), kFirstDay + 1);
  EXPECT_EQ(rev.physics.checked, 0u);  // no channels in this file
  // Without --skip-bad-rows a negative reading still stops the scan, naming the line.
  try {
    scan(path, 1, false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 62u) << e.what();
  }
}

}  // namespace
}  // namespace minewatch
