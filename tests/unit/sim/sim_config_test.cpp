// The simulator's parameters: config/simulator.toml equals the built-in defaults key for key, the regions
// agree with data/regions.csv, and bad files are refused with their place.
#include "minewatch/sim/sim_config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "minewatch/core/error.h"
#include "minewatch/io/atomic_file.h"
#include "sim_test_support.h"

namespace minewatch::sim {
namespace {

const std::string kShipped = std::string(MINEWATCH_DATA_DIR) + "/../config/simulator.toml";

std::string write(const testing::SimDir& dir, const std::string& name, const std::string& text) {
  AtomicFile file(dir.file(name));
  file.write(text);
  file.commit();
  return dir.file(name);
}

// The config key a file's error names, or "(accepted)" when the file loads.
std::string rejected_key(const testing::SimDir& dir, const std::string& name, const std::string& text) {
  try {
    load_sim_config(write(dir, name, text));
  } catch (const InputError& e) {
    return e.place().field;
  }
  return "(accepted)";
}

TEST(SimConfig, ShippedFileSetsEveryKeyToTheDefault) {
  std::vector<std::string> absent;
  const SimConfig loaded = load_sim_config(kShipped, &absent);
  EXPECT_TRUE(absent.empty()) << "keys missing from config/simulator.toml, first: " << absent.front();
  const SimConfig defaults = default_sim_config();
  // Section by section, so a failure names the part that drifted.
  EXPECT_EQ(loaded.weather, defaults.weather);
  EXPECT_EQ(loaded.holidays, defaults.holidays);
  ASSERT_EQ(loaded.regions.size(), defaults.regions.size());
  for (std::size_t i = 0; i < loaded.regions.size(); ++i)
    EXPECT_EQ(loaded.regions[i], defaults.regions[i]) << "region " << defaults.regions[i].code;
  EXPECT_EQ(loaded.grid, defaults.grid);
  EXPECT_EQ(loaded.classes, defaults.classes);
  EXPECT_EQ(loaded.household, defaults.household);
  EXPECT_EQ(loaded.electric_heating, defaults.electric_heating);
  EXPECT_EQ(loaded.holiday_home, defaults.holiday_home);
  EXPECT_EQ(loaded.business, defaults.business);
  EXPECT_EQ(loaded.cold_store, defaults.cold_store);
  EXPECT_EQ(loaded.greenhouse, defaults.greenhouse);
  EXPECT_EQ(loaded.pump, defaults.pump);
  EXPECT_EQ(loaded.bakery, defaults.bakery);
  EXPECT_EQ(loaded.server_room, defaults.server_room);
  EXPECT_EQ(loaded.ai_datacentre, defaults.ai_datacentre);
  EXPECT_EQ(loaded.mining, defaults.mining);
  EXPECT_EQ(loaded.theft, defaults.theft);
  EXPECT_EQ(loaded.events, defaults.events);
  EXPECT_EQ(loaded.policy, defaults.policy);
  EXPECT_EQ(loaded.network, defaults.network);
  EXPECT_EQ(loaded.electrical, defaults.electrical);
  EXPECT_TRUE(loaded == defaults);
}

TEST(SimConfig, RegionsAgreeWithTheRegionTable) {
  std::map<std::string, std::string> zones;  // data/regions.csv: region,tz,name
  for (const auto& row : testing::read_csv(std::string(MINEWATCH_DATA_DIR) + "/regions.csv"))
    if (row.size() >= 2 && !row[0].empty() && row[0][0] != '#') zones[row[0]] = row[1];
  const SimConfig c = default_sim_config();
  for (const char* code :
       {"RU-IRK", "RU-NVS", "RU-BA", "RU-KK", "RU-TYU", "RU-MUR", "RU-BU", "RU-ZAB", "RU-DA", "RU-MOW"}) {
    const auto it = std::find_if(c.regions.begin(), c.regions.end(),
                                 [&](const RegionConfig& r) { return r.code == code; });
    ASSERT_NE(it, c.regions.end()) << code << " is one of the regions the simulator must model";
  }
  double shares = 0;
  for (const auto& r : c.regions) {
    ASSERT_TRUE(zones.count(r.code)) << r.code << " is not in data/regions.csv";
    EXPECT_EQ(zones[r.code], r.tz) << r.code;
    EXPECT_LT(r.t_jan, r.t_jul) << r.code;
    shares += r.share;
  }
  EXPECT_NEAR(shares, 1.0, 1e-9);
}

TEST(SimConfig, DefaultsValidateAndCiteTheDesignFigures) {
  const SimConfig c = default_sim_config();
  EXPECT_NO_THROW(validate_sim_config(c, "defaults"));
  std::map<std::string, double> kw;
  for (const auto& rig : c.mining.rigs) kw[rig.model] = rig.kw;
  EXPECT_NEAR(kw["Antminer S9"], 1.3, 0.05);
  EXPECT_GE(kw["Antminer S19"], 3.0);
  EXPECT_LE(kw["Antminer S19"], 3.25);
  EXPECT_NEAR(kw["Antminer S19 XP"], 3.0, 0.05);
  EXPECT_NEAR(kw["Antminer S21"], 3.5, 0.01);
  EXPECT_DOUBLE_EQ(c.mining.registered_share, 0.30);
}

TEST(SimConfig, UnknownKeyIsRefusedWithItsLine) {
  testing::SimDir dir;
  const std::string path = write(dir, "bad.toml", "[grid]\ntap_share = 0.1\ntap_sharee = 0.2\n");
  try {
    load_sim_config(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 3u);
    EXPECT_EQ(e.place().field, "grid.tap_sharee");
  }
}

TEST(SimConfig, WrongTypesAndImpossibleValuesAreRefused) {
  testing::SimDir dir;
  EXPECT_THROW(load_sim_config(write(dir, "a.toml", "[grid]\ntap_kw = 3\n")), InputError);
  EXPECT_THROW(load_sim_config(write(dir, "b.toml", "[theft]\nshare = 1.5\n")), InputError);
  EXPECT_THROW(load_sim_config(write(dir, "c.toml", "[grid]\nloss_fraction = [0.05, 0.01]\n")), InputError);
  EXPECT_THROW(load_sim_config(write(dir, "d.toml",
                                     "[[regions]]\ncode = \"RU-X\"\ntz = \"UTC\"\nshare = 1\n"
                                     "ban = \"sometimes\"\n")),
               InputError);
  EXPECT_THROW(load_sim_config(write(dir, "e.toml", "[mining]\nhome_disguise = { none = 1, hidden = 1 }\n")),
               InputError);
}

TEST(SimConfig, TheNetworkSectionIsReadAndCheckedByKey) {
  testing::SimDir dir;
  const SimConfig c = load_sim_config(
      write(dir, "net.toml",
            "[network]\nenabled = false\nflow_days = 7\nlisted_pools = [\"185.71.66.39:3333\"]\n"
            "miner_kinds = { pool_listed = 1, pool_tls = 0, vpn = 0 }\n"));
  EXPECT_FALSE(c.network.enabled);
  EXPECT_EQ(c.network.flow_days, 7);
  EXPECT_EQ(c.network.listed_pools, std::vector<std::string>{"185.71.66.39:3333"});
  EXPECT_EQ(c.network.miner_kinds[1], 0.0);
  EXPECT_EQ(rejected_key(dir, "a.toml", "[network]\ncoverage = 1.5\n"), "network.coverage");
  EXPECT_EQ(rejected_key(dir, "b.toml", "[network]\naddress_range = \"100.64.0.1/10\"\n"),
            "network.address_range");
  EXPECT_EQ(rejected_key(dir, "c.toml", "[network]\naddress_range = \"10.0.0.0/25\"\n"),
            "network.address_range");
  EXPECT_EQ(rejected_key(dir, "d.toml", "[network]\nlisted_pools = [\"pool.example:3333\"]\n"),
            "network.listed_pools");
  EXPECT_EQ(rejected_key(dir, "e.toml", "[network]\nlease_days = [7, 1]\n"), "network.lease_days");
  EXPECT_NE(rejected_key(dir, "f.toml", "[network]\nleases = 3\n"), "(accepted)");  // unknown key
}

TEST(SimConfig, TheElectricalSectionIsOffByDefaultAndCheckedByKey) {
  testing::SimDir dir;
  EXPECT_FALSE(default_sim_config().electrical.enabled);  // existing outputs stay as they were
  const SimConfig c = load_sim_config(
      write(dir, "el.toml", "[electrical]\nenabled = true\nnominal_v = 220.0\nrig_pf = [0.9, 0.95]\n"));
  EXPECT_TRUE(c.electrical.enabled);
  EXPECT_DOUBLE_EQ(c.electrical.nominal_v, 220.0);
  EXPECT_DOUBLE_EQ(c.electrical.rig_pf.lo, 0.9);
  EXPECT_EQ(rejected_key(dir, "a.toml", "[electrical]\nregister_share = 1.5\n"), "electrical.register_share");
  EXPECT_EQ(rejected_key(dir, "b.toml", "[electrical]\nhome_pf = [0.9, 1.2]\n"), "electrical.home_pf");
  EXPECT_EQ(rejected_key(dir, "c.toml", "[electrical]\nnominal_v = 5.0\n"), "electrical.nominal_v");
  EXPECT_NE(rejected_key(dir, "d.toml", "[electrical]\nphases = 3\n"), "(accepted)");  // unknown key
}

TEST(SimConfig, AFileOverridesOnlyWhatItSays) {
  testing::SimDir dir;
  std::vector<std::string> absent;
  const SimConfig c = load_sim_config(write(dir, "part.toml", "[theft]\nshare = 0.2\n"), &absent);
  EXPECT_DOUBLE_EQ(c.theft.share, 0.2);
  SimConfig expected = default_sim_config();
  expected.theft.share = 0.2;
  EXPECT_TRUE(c == expected);
  EXPECT_NE(std::find(absent.begin(), absent.end(), "grid.tap_share"), absent.end());
}

}  // namespace
}  // namespace minewatch::sim
