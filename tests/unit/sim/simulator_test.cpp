// `minewatch simulate` end to end on a small grid, checked statistically: the formats the rest of minewatch
// reads, load factors per class, the balance equation, heating against temperature, thefts and their events,
// and byte-identical output for any thread count and with zstd.
#include "minewatch/sim/simulator.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <map>
#include <set>

#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/sim/calendar.h"
#include "sim_test_support.h"

namespace minewatch::sim {
namespace {

using testing::Table;

constexpr int kDays = 21;
constexpr std::uint32_t kMeters = 1000;

// The defaults with rare classes made common enough to measure, every farm mining through the window (so load
// factors are the rigs', not a start or a season's), and no lost readings (so the balance closes exactly).
SimConfig test_config() {
  SimConfig c = default_sim_config();
  c.grid.comms_gaps_per_meter_year = 0;
  c.grid.tap_share = 0.3;
  c.classes.cold_store = c.classes.greenhouse = c.classes.pump = c.classes.bakery = c.classes.server_room =
      0.02;
  c.classes.business = 0.08;
  c.classes.mining_home = 0.03;
  c.classes.mining_garage = 0.01;
  c.mining.started_before_share = 1.0;
  c.mining.stopped_share = 0;
  c.mining.growth_steps = {0, 0};
  c.mining.curtail_share = 0;
  c.mining.law_abiding_share = 0;
  return c;
}

SimOptions options_for(const std::string& dir, unsigned threads, bool zstd = false) {
  SimOptions o;
  o.out_dir = dir;
  o.meters = kMeters;
  o.days = kDays;
  o.start = "2025-01-13";  // a Monday in deep winter
  o.seed = 99;
  o.threads = threads;
  o.zstd = zstd;
  return o;
}

class SimulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::SimDir;
    report_ = run_simulation(test_config(), options_for(dir_->sub("a"), 2));
    truth_ = testing::read_table(dir_->file("a/truth.csv"));
    for (const auto& row : truth_.rows) truth_by_meter_[row[0]] = &row;
    hourly_ = testing::hourly_by_meter(file("readings.csv"));
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string file(const std::string& name) { return dir_->file("a/" + name); }
  static const std::string& truth(const std::string& meter, const char* column) {
    return (*truth_by_meter_.at(meter))[truth_.column(column)];
  }

  static testing::SimDir* dir_;
  static SimReport report_;
  static Table truth_;
  static std::map<std::string, const std::vector<std::string>*> truth_by_meter_;
  static std::map<std::string, std::vector<double>> hourly_;  // hourly kWh of every meter
};

testing::SimDir* SimulatorTest::dir_ = nullptr;
SimReport SimulatorTest::report_;
Table SimulatorTest::truth_;
std::map<std::string, const std::vector<std::string>*> SimulatorTest::truth_by_meter_;
std::map<std::string, std::vector<double>> SimulatorTest::hourly_;

TEST_F(SimulatorTest, SameSeedSameBytesForAnyThreadCountAndWithZstd) {
  auto small = [&](const char* name, unsigned threads, bool zstd) {
    SimOptions o = options_for(dir_->sub(name), threads, zstd);
    o.meters = 400;
    o.days = 10;
    o.chunk_bytes = 64 << 10;  // many chunks, so their order across threads matters
    run_simulation(test_config(), o);
  };
  small("one", 1, false);
  small("three", 3, false);
  small("zstd", 2, true);
  for (const char* name : {"readings", "meters", "events", "balance", "weather", "registry", "truth",
                           "truth_transformers", "net_truth", "leases", "flows"}) {
    const std::string a = read_whole_file(dir_->file("one/" + std::string(name) + ".csv"));
    EXPECT_EQ(a, read_whole_file(dir_->file("three/" + std::string(name) + ".csv"))) << name;
    EXPECT_EQ(a, read_whole_file(dir_->file("zstd/" + std::string(name) + ".csv.zst"))) << name << " (zstd)";
  }
  EXPECT_EQ(read_whole_file(dir_->file("one/policy.toml")), read_whole_file(dir_->file("three/policy.toml")));
  // A different seed is a different grid.
  SimOptions other = options_for(dir_->sub("other"), 2);
  other.meters = 400;
  other.days = 10;
  other.seed = 100;
  run_simulation(test_config(), other);
  EXPECT_NE(read_whole_file(dir_->file("one/readings.csv")),
            read_whole_file(dir_->file("other/readings.csv")));
}

TEST_F(SimulatorTest, ReadingsAreGroupedByMeterInTimeOrderOnTheGrid) {
  const std::string text = read_whole_file(file("readings.csv"));
  LineSplitter lines(text);
  std::string_view line;
  ASSERT_TRUE(lines.next(line));
  EXPECT_EQ(line, "meter_id,ts,kwh");
  std::set<std::string> finished;
  std::string_view current;
  std::int64_t last = 0;
  std::uint64_t rows = 0, per_meter = 0;
  while (lines.next(line)) {
    ++rows;
    const std::size_t a = line.find(','), b = line.rfind(',');
    const std::string_view id = line.substr(0, a);
    const std::string_view ts = line.substr(a + 1, b - a - 1);
    ASSERT_EQ(ts.size(), 20u);
    ASSERT_EQ(ts.back(), 'Z');
    const std::int64_t t = testing::utc_seconds(ts);
    ASSERT_EQ(t % 1800, 0) << line;
    ASSERT_EQ(line.size() - line.rfind('.'), 4u) << "three decimals: " << line;
    if (id != current) {
      if (!current.empty()) {
        EXPECT_EQ(per_meter, kDays * 48u) << current;
      }
      ASSERT_TRUE(finished.insert(std::string(id)).second) << "meter seen twice: " << id;
      ASSERT_TRUE(current.empty() || id > current) << "meters in id order";
      current = id;
      per_meter = 0;
    } else {
      ASSERT_EQ(t, last + 1800) << line;
    }
    last = t;
    ++per_meter;
  }
  EXPECT_EQ(finished.size(), kMeters);
  EXPECT_EQ(rows, report_.readings);
  EXPECT_EQ(report_.missing_readings, 0u);
}

TEST_F(SimulatorTest, FilesLoadWithTheProjectReaders) {
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const MeterRegistry registry = MeterRegistry::load(file("meters.csv"), zones);
  EXPECT_EQ(registry.size(), kMeters);
  const MeterEvents events = MeterEvents::load(file("events.csv"), &registry);
  EXPECT_EQ(events.total(), report_.events);
  EXPECT_EQ(truth_.rows.size(), kMeters);

  const toml::table policy = toml::parse_file(file("policy.toml"));
  EXPECT_EQ(policy["register"]["file"].value_or(std::string()), "registry.csv");
  const toml::array* regions = policy["regions"].as_array();
  ASSERT_NE(regions, nullptr);
  EXPECT_EQ(regions->size(), default_sim_config().regions.size());
  const toml::array* centres = policy["ai_data_centres"].as_array();
  ASSERT_NE(centres, nullptr) << "a grid of this size has an AI data centre";
  for (const auto& centre : *centres) {
    const toml::array* meters = centre.as_table()->get_as<toml::array>("meters");
    ASSERT_NE(meters, nullptr);
    for (const auto& m : *meters) {
      const std::string id = m.value_or(std::string());
      ASSERT_NE(registry.find(id), nullptr) << id;
      const std::string cls = truth(id, "class");
      EXPECT_TRUE(cls == "ai_datacentre" || cls == "mining_aidc") << id << " " << cls;
    }
  }
  // The register lists registered miners only, and every meter of their sites.
  const Table reg = testing::read_table(file("registry.csv"));
  for (const auto& row : reg.rows) {
    EXPECT_EQ(truth(row[reg.column("meter_id")], "registered"), "true");
    EXPECT_GT(testing::number(row[reg.column("capacity_kw")]), 0);
  }
  for (const auto& row : truth_.rows)
    if (row[truth_.column("registered")] == "true") {
      EXPECT_TRUE(
          std::any_of(reg.rows.begin(), reg.rows.end(), [&](const auto& r) { return r[1] == row[0]; }));
    }
}

TEST_F(SimulatorTest, BalanceMetersCloseWithinTechnicalLosses) {
  std::map<std::string, double> balance;
  for (const auto& row : testing::read_csv(file("balance.csv"))) balance[row[0]] += testing::number(row[2]);
  std::map<std::string, double> reported;
  for (const auto& [meter, hourly] : hourly_)
    for (double x : hourly) reported[truth(meter, "transformer_id")] += x;
  std::map<std::string, double> true_kwh, hidden;
  std::map<std::string, int> thieves;
  for (const auto& row : truth_.rows) {
    const std::string& t = row[truth_.column("transformer_id")];
    true_kwh[t] += testing::number(row[truth_.column("true_kwh")]);
    hidden[t] += testing::number(row[truth_.column("hidden_kwh")]);
    thieves[t] += row[truth_.column("theft_type")].empty() ? 0 : 1;
  }
  const Table transformers = testing::read_table(file("truth_transformers.csv"));
  std::int64_t first_day = 0;
  parse_date("2025-01-13", first_day);
  const auto loss = default_sim_config().grid.loss_fraction;
  int clean = 0, tapped = 0;
  for (const auto& row : transformers.rows) {
    const std::string& t = row[0];
    const double f = testing::number(row[transformers.column("loss_fraction")]);
    double tap = 0;
    if (!row[transformers.column("tap_start")].empty()) {
      std::int64_t start = 0;
      parse_date(row[transformers.column("tap_start")], start);
      tap = testing::number(row[transformers.column("tap_kwh_per_day")]) *
            static_cast<double>(kDays - std::clamp<std::int64_t>(start - first_day, 0, kDays));
      ++tapped;
    }
    // What the balance meter saw: every customer's true load and the tap, plus losses.
    const double slots = kDays * 48.0;
    EXPECT_NEAR(balance[t], (1 + f) * (true_kwh[t] + tap), 0.001 * slots + 2e-6 * balance[t]) << t;
    // What the customer meters reported: the true load less what thieves hid.
    EXPECT_NEAR(reported[t], true_kwh[t] - hidden[t], 0.01 * slots + 1e-5 * balance[t]) << t;
    if (tap == 0 && thieves[t] == 0) {
      ++clean;
      const double deficit = (balance[t] - reported[t]) / balance[t];
      EXPECT_GE(deficit, loss.lo / (1 + loss.lo) - 1e-3) << t;
      EXPECT_LE(deficit, loss.hi / (1 + loss.hi) + 1e-3) << t;
    } else if (tap > 0) {
      EXPECT_GT(balance[t] - reported[t], f * reported[t]) << "a tap shows as a deficit beyond losses: " << t;
    }
  }
  EXPECT_GT(clean, 0);
  EXPECT_GT(tapped, 0);
}

// The ranges docs/simulator.md states for a January month (median over the class's honest meters).
TEST_F(SimulatorTest, LoadFactorsPerClassAreInTheirStatedRanges) {
  const std::map<std::string, std::pair<double, double>> ranges = {{"household", {0.22, 0.40}},
                                                                   {"household_electric", {0.55, 0.92}},
                                                                   {"business", {0.30, 0.60}},
                                                                   {"bakery", {0.30, 0.55}},
                                                                   {"greenhouse", {0.40, 0.70}},
                                                                   {"cold_store", {0.65, 0.95}},
                                                                   {"pump", {0.50, 1.00}},
                                                                   {"server_room", {0.90, 1.00}},
                                                                   {"ai_datacentre", {0.90, 1.00}},
                                                                   {"mining_home/none", {0.75, 1.0}},
                                                                   {"mining_garage/none", {0.90, 1.00}},
                                                                   {"mining_industrial/none", {0.90, 1.00}}};
  std::map<std::string, std::vector<double>> by_class;
  for (const auto& [meter, hourly] : hourly_) {
    if (!truth(meter, "theft_type").empty()) continue;
    std::string key = truth(meter, "class");
    if (key.rfind("mining", 0) == 0) key += "/" + truth(meter, "disguise");
    by_class[key].push_back(testing::load_factor(hourly));
  }
  for (const auto& [cls, range] : ranges) {
    ASSERT_GE(by_class[cls].size(), 1u) << cls;
    const double m = testing::median(by_class[cls]);
    EXPECT_GE(m, range.first) << cls << " (" << by_class[cls].size() << " meters)";
    EXPECT_LE(m, range.second) << cls << " (" << by_class[cls].size() << " meters)";
  }
  // Night-only mining is a block of eight hours: a load factor near a third.
  if (!by_class["mining_garage/night_only"].empty()) {
    EXPECT_NEAR(testing::median(by_class["mining_garage/night_only"]), 1.0 / 3, 0.1);
  }
}

TEST_F(SimulatorTest, ElectricHeatingFollowsTheTemperature) {
  std::map<std::string, std::map<std::string, double>> temp;  // region -> date -> °C
  for (const auto& row : testing::read_csv(file("weather.csv")))
    temp[row[0]][row[1]] = testing::number(row[2]);
  const Table meters = testing::read_table(file("meters.csv"));
  std::map<std::string, std::string> region;
  for (const auto& row : meters.rows) region[row[0]] = row[1];
  // Daily energy of the heated homes of each region (UTC days: close enough for a correlation).
  std::map<std::string, std::vector<double>> daily;
  std::map<std::string, int> homes;
  for (const auto& [meter, hourly] : hourly_) {
    if (truth(meter, "class") != "household_electric" || !truth(meter, "theft_type").empty()) continue;
    auto& d = daily[region[meter]];
    d.resize(hourly.size() / 24, 0.0);
    for (std::size_t h = 0; h < d.size() * 24; ++h) d[h / 24] += hourly[h];
    ++homes[region[meter]];
  }
  int checked = 0;
  for (const auto& [code, energy] : daily) {
    if (homes[code] < 4) continue;
    std::vector<double> t;
    for (const auto& [date, c] : temp[code]) t.push_back(c);
    const std::size_t n = std::min(t.size(), energy.size());
    double mt = 0, me = 0;
    for (std::size_t i = 0; i < n; ++i) {
      mt += t[i] / static_cast<double>(n);
      me += energy[i] / static_cast<double>(n);
    }
    double cov = 0, vt = 0, ve = 0;
    for (std::size_t i = 0; i < n; ++i) {
      cov += (t[i] - mt) * (energy[i] - me);
      vt += (t[i] - mt) * (t[i] - mt);
      ve += (energy[i] - me) * (energy[i] - me);
    }
    EXPECT_LT(cov / std::sqrt(vt * ve), -0.6) << code << ": colder days, more heating";
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST_F(SimulatorTest, ThiefsHideEnergyAndTamperingLeavesEvents) {
  std::map<std::string, std::multiset<std::string>> codes;
  for (const auto& row : testing::read_csv(file("events.csv"))) codes[row[0]].insert(row[2]);
  int thieves = 0;
  for (const auto& row : truth_.rows) {
    const std::string& type = row[truth_.column("theft_type")];
    if (type.empty()) continue;
    ++thieves;
    const double hidden = testing::number(row[truth_.column("hidden_kwh")]);
    const double real = testing::number(row[truth_.column("true_kwh")]);
    const bool reshapes = type == "h5" || type == "h6";  // same energy, another shape
    if (reshapes) {
      EXPECT_NEAR(hidden, 0.0, 1e-6 * real + 1e-3) << row[0];
    }
    const std::string& tamper = row[truth_.column("tamper")];
    std::int64_t start = 0, first = 0;
    parse_date(row[truth_.column("theft_start")], start);
    parse_date("2025-01-13", first);
    if (!reshapes && tamper.empty() && start < first + kDays - 1) {
      EXPECT_GT(hidden, 0.0) << row[0] << " " << type;
    }
    if (tamper == "cover_open" && start > first && start < first + kDays) {
      EXPECT_GE(codes[row[0]].count("cover_open"), 1u) << row[0];
    }
    if (tamper == "magnetic_field" && start < first + kDays - 7) {
      EXPECT_GT(codes[row[0]].count("magnetic_field"), 0u) << row[0];
    }
  }
  EXPECT_GT(thieves, 10);
}

}  // namespace
}  // namespace minewatch::sim
