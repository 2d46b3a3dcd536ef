// The electrical channels of `minewatch simulate` ([electrical] enabled): the kWh and every other file are
// the same with them or without; an honest meter's channels pass the project's own physics checks
// (detect/reading_physics.h); a thief whose channels break physics is caught by them, each kind by its own
// counter; and the bytes are the same for any thread count.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string_view>

#include "minewatch/detect/reading_physics.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/sim/simulator.h"
#include "sim_test_support.h"

namespace minewatch::sim {
namespace {

using testing::Table;

// Many thieves, h2 (the kind a bypass or a reversed sensor shows in) common, no lost readings.
SimConfig config_with(bool electrical) {
  SimConfig c = default_sim_config();
  c.grid.comms_gaps_per_meter_year = 0;
  c.theft.share = 0.25;
  c.theft.type_weights = {1, 3, 1, 1, 1, 1};
  c.electrical.reversed_ct_share = 0.5;
  c.electrical.enabled = electrical;
  return c;
}

SimOptions options_for(const std::string& dir, unsigned threads) {
  SimOptions o;
  o.out_dir = dir;
  o.meters = 500;
  o.days = 10;
  o.start = "2025-01-13";
  o.seed = 31;
  o.threads = threads;
  o.chunk_bytes = 64 << 10;  // many chunks, so their order across threads matters
  return o;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto comma = line.find(',');
    fields.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return fields;
    line.remove_prefix(comma + 1);
  }
}

float number(std::string_view text) {
  if (text.empty()) return NAN;
  return static_cast<float>(testing::number(std::string(text)));
}

// The tags of a tamper cell other than the physics kinds: what the column says without channels.
std::string event_tags(std::string_view tamper) {
  std::string out;
  for (const std::string_view tag : split_semicolon_list(tamper)) {
    if (tag == "bypass" || tag == "register" || tag == "reversed_ct" || tag == "off_supply") continue;
    if (!out.empty()) out += ';';
    out += tag;
  }
  return out;
}

struct MeterPhysics {
  ReadingPhysics physics;
  std::uint32_t live_readings = 0;    // voltage above 200 V: the supply on the whole interval
  std::uint32_t live_mismatches = 0;  // energy_mismatch among them
  float min_live_v = 1e9f, max_live_v = 0;
  float min_pf = 2, max_pf = -1;
  bool negative_current = false;
};

class ElectricalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::SimDir;
    off_ = run_simulation(config_with(false), options_for(dir_->sub("off"), 2));
    on_ = run_simulation(config_with(true), options_for(dir_->sub("on"), 3));
    truth_ = testing::read_table(dir_->file("on/truth.csv"));
    // Every reading through the scan's own physics checks, with the interval the scan would know.
    const std::string text = read_whole_file(dir_->file("on/readings.csv"));
    LineSplitter lines(text);
    std::string_view line;
    lines.next(line);
    header_ = std::string(line);
    const PhysicsThresholds thresholds;
    while (lines.next(line)) {
      const auto f = split(line);
      MeterPhysics& m = physics_[std::string(f[0])];
      const ReadingChannels ch{number(f[3]), number(f[4]), number(f[5]), number(f[6])};
      const std::int64_t day = testing::utc_seconds(f[1]) / 86400;
      const auto before = m.physics.energy_mismatch.count;
      observe_reading_physics(m.physics, number(f[2]), ch, 1800, day, thresholds);
      if (std::isnan(ch.voltage_v)) continue;
      if (ch.current_a < 0) m.negative_current = true;
      if (ch.voltage_v > 200) {
        ++m.live_readings;
        m.live_mismatches += m.physics.energy_mismatch.count - before;
        m.min_live_v = std::min(m.min_live_v, ch.voltage_v);
        m.max_live_v = std::max(m.max_live_v, ch.voltage_v);
      }
      m.min_pf = std::min(m.min_pf, ch.pf);
      m.max_pf = std::max(m.max_pf, ch.pf);
    }
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static const std::string& cell(const std::vector<std::string>& row, const char* column) {
    return row[truth_.column(column)];
  }

  static testing::SimDir* dir_;
  static SimReport off_, on_;
  static Table truth_;
  static std::string header_;
  static std::map<std::string, MeterPhysics> physics_;
};

testing::SimDir* ElectricalTest::dir_ = nullptr;
SimReport ElectricalTest::off_;
SimReport ElectricalTest::on_;
Table ElectricalTest::truth_;
std::string ElectricalTest::header_;
std::map<std::string, MeterPhysics> ElectricalTest::physics_;

TEST_F(ElectricalTest, KwhAndEveryOtherFileAreTheSameWithOrWithoutChannels) {
  EXPECT_EQ(header_, "meter_id,ts,kwh,kvarh,voltage_v,current_a,pf");
  const std::string off = read_whole_file(dir_->file("off/readings.csv"));
  const std::string on = read_whole_file(dir_->file("on/readings.csv"));
  LineSplitter a(off), b(on);
  std::string_view x, y;
  a.next(x);
  b.next(y);
  EXPECT_EQ(x, "meter_id,ts,kwh");
  std::uint64_t rows = 0;
  while (a.next(x)) {
    ASSERT_TRUE(b.next(y)) << "readings end early with channels, row " << rows;
    const auto fy = split(y);
    ASSERT_EQ(fy.size(), 7u) << y;
    ASSERT_EQ(x, y.substr(0, fy[0].size() + fy[1].size() + fy[2].size() + 2)) << "row " << rows;
    ++rows;
  }
  EXPECT_FALSE(b.next(y)) << "extra readings with channels";
  EXPECT_EQ(rows, on_.readings);
  for (const char* name : {"meters", "events", "balance", "weather", "registry", "truth_transformers",
                           "net_truth", "leases", "flows"}) {
    const std::string file = std::string(name) + ".csv";
    EXPECT_EQ(read_whole_file(dir_->file("off/" + file)), read_whole_file(dir_->file("on/" + file))) << name;
  }
  // truth.csv: the same but for physics tags added to the tamper column.
  const Table off_truth = testing::read_table(dir_->file("off/truth.csv"));
  ASSERT_EQ(off_truth.header, truth_.header);
  ASSERT_EQ(off_truth.rows.size(), truth_.rows.size());
  const std::size_t tamper = truth_.column("tamper");
  std::size_t tagged = 0;
  for (std::size_t r = 0; r < truth_.rows.size(); ++r) {
    std::vector<std::string> row = truth_.rows[r];
    tagged += row[tamper] != off_truth.rows[r][tamper] ? 1 : 0;
    row[tamper] = event_tags(row[tamper]);
    EXPECT_EQ(row, off_truth.rows[r]) << "truth row " << r;
  }
  EXPECT_GT(tagged, 10u);
  EXPECT_EQ(off_.readings, on_.readings);
  EXPECT_GT(on_.channel_meters, 400u);  // households and small shops: single-phase
  EXPECT_EQ(off_.channel_meters, 0u);
}

TEST_F(ElectricalTest, SameBytesForAnyThreadCount) {
  run_simulation(config_with(true), options_for(dir_->sub("one"), 1));
  for (const char* name : {"readings", "truth", "events", "balance"}) {
    const std::string file = std::string(name) + ".csv";
    EXPECT_EQ(read_whole_file(dir_->file("one/" + file)), read_whole_file(dir_->file("on/" + file))) << name;
  }
}

TEST_F(ElectricalTest, HonestMetersShowSoundPhysics) {
  std::size_t honest = 0, with_channels = 0;
  for (const auto& row : truth_.rows) {
    if (!cell(row, "theft_type").empty()) continue;
    ++honest;
    const MeterPhysics& m = physics_.at(row[0]);
    if (m.physics.checked == 0) continue;  // three-phase: blank channels
    ++with_channels;
    EXPECT_EQ(m.physics.energy_without_current.count, 0u) << row[0];
    EXPECT_EQ(m.physics.live_without_current.count, 0u) << row[0];
    EXPECT_EQ(m.physics.negative_energy.count, 0u) << row[0];
    // Only an interval an outage cut (voltage averaged with its minutes at zero) may disagree.
    EXPECT_EQ(m.live_mismatches, 0u) << row[0];
    EXPECT_FALSE(m.negative_current) << row[0];
    // 230 V within the statutory +-10 % band, power factors in their stated ranges (with a little noise).
    EXPECT_GE(m.min_live_v, 207.0f) << row[0];
    EXPECT_LE(m.max_live_v, 253.0f) << row[0];
    EXPECT_GE(m.min_pf, 0.80f) << row[0];
    EXPECT_LE(m.max_pf, 1.0f) << row[0];
  }
  EXPECT_GT(with_channels, honest * 8 / 10);
}

TEST_F(ElectricalTest, TamperedKindsAreCaughtByTheirCounter) {
  std::map<std::string, std::pair<int, int>> caught;  // kind -> (caught, all)
  int sound_flagged = 0, sound = 0;
  for (const auto& row : truth_.rows) {
    if (cell(row, "theft_type").empty()) continue;
    const std::string& tamper = cell(row, "tamper");
    const MeterPhysics& m = physics_.at(row[0]);
    const ReadingPhysics& p = m.physics;
    std::string kind;
    // off_supply first: a meter with a channel kind too is judged by that kind.
    for (const char* k : {"off_supply", "bypass", "register", "reversed_ct"})
      if (tamper.find(k) != std::string::npos) kind = k;
    if (kind.empty()) {
      // Channels that follow the register (a magnet, a partial shunt, rewritten data): sound physics.
      if (p.checked == 0) continue;
      ++sound;
      sound_flagged += m.live_mismatches + p.energy_without_current.count + p.live_without_current.count > 0;
      continue;
    }
    ASSERT_GT(p.checked, 0u) << row[0] << ": a physics kind needs channels";
    auto& [hit, all] = caught[kind];
    ++all;
    if (kind == "bypass") {
      EXPECT_EQ(cell(row, "theft_type"), "h2");
      hit += p.live_without_current.count > 0 && m.live_mismatches == 0;
    } else if (kind == "off_supply") {
      // Rewritten readings that put energy into a slot with the supply off: nothing else is wrong.
      hit += p.energy_without_current.count > 0;
    } else if (kind == "reversed_ct") {
      EXPECT_EQ(cell(row, "theft_type"), "h2");
      EXPECT_TRUE(m.negative_current) << row[0];
      hit += p.energy_mismatch.count > 0;
    } else {
      hit += p.energy_mismatch.count > 0;
    }
  }
  // A kind must be common enough here to be measured.
  for (const char* k : {"bypass", "register", "reversed_ct"}) ASSERT_GE(caught[k].second, 3) << k;
  // A bypass and a reversed sensor show every day of the theft; a register is caught when it hides more than
  // the check's 25 % tolerance (h1 with alpha above 0.75 hides less).
  EXPECT_EQ(caught["bypass"].first, caught["bypass"].second);
  EXPECT_EQ(caught["reversed_ct"].first, caught["reversed_ct"].second);
  EXPECT_EQ(caught["off_supply"].first, caught["off_supply"].second);
  EXPECT_GE(caught["register"].first, caught["register"].second * 7 / 10);
  EXPECT_GT(sound, 10);
  EXPECT_EQ(sound_flagged, 0);
}

}  // namespace
}  // namespace minewatch::sim
