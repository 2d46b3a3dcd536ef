// `minewatch simulate`'s network data (leases.csv, flows.csv, net_truth.csv) on a small grid: leases that
// never overlap, coverage, miners' flows only while their rigs draw power, listed pools that pools.csv
// matches, and flows.csv read back and judged by the net layer as docs/simulator.md says it should be.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "minewatch/core/error.h"
#include "minewatch/net/flow_records.h"
#include "minewatch/net/net_verdict.h"
#include "minewatch/net/pool_list.h"
#include "minewatch/sim/network_plan.h"
#include "minewatch/sim/simulator.h"
#include "sim_test_support.h"

namespace minewatch::sim {
namespace {

using testing::Table;
using testing::utc_seconds;

constexpr int kDays = 21;
constexpr std::uint32_t kMeters = 1500;

// More farms than the defaults, industrial ones among them (no load but the rigs', so a reading above zero
// means the rigs ran), and no lost readings.
SimConfig net_config() {
  SimConfig c = default_sim_config();
  c.grid.comms_gaps_per_meter_year = 0;
  c.grid.industrial_mining_sites_per_10k = 60;
  c.classes.mining_home = 0.03;
  c.classes.mining_garage = 0.01;
  return c;
}

SimOptions net_options(const std::string& dir, unsigned threads) {
  SimOptions o;
  o.out_dir = dir;
  o.meters = kMeters;
  o.days = kDays;
  o.start = "2025-03-03";
  o.seed = 7;
  o.threads = threads;
  return o;
}

struct LeaseRow {
  std::string subscriber;
  std::int64_t from = 0, to = 0;
};

class NetworkOutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::SimDir;
    report_ = run_simulation(net_config(), net_options(dir_->sub("a"), 2));
    net_truth_ = new Table(testing::read_table(file("net_truth.csv")));
    leases_ = new Table(testing::read_table(file("leases.csv")));
    flows_ = new Table(testing::read_table(file("flows.csv")));
    for (const auto& row : net_truth_->rows) kind_[row[0]] = row[3];
    for (const auto& row : leases_->rows)
      by_ip_[row[1]].push_back({row[0], utc_seconds(row[2]), utc_seconds(row[3])});
  }
  static void TearDownTestSuite() {
    delete net_truth_;
    delete leases_;
    delete flows_;
    delete dir_;
    dir_ = nullptr;
  }
  static std::string file(const std::string& name) { return dir_->file("a/" + name); }
  // The subscriber holding `ip` at `ts` (empty when nobody).
  static std::string holder(const std::string& ip, std::int64_t ts) {
    const auto it = by_ip_.find(ip);
    if (it == by_ip_.end()) return "";
    for (const auto& l : it->second)
      if (l.from <= ts && ts < l.to) return l.subscriber;
    return "";
  }
  static bool is_server(const std::string& ip) {
    return ip.rfind("198.18.", 0) == 0 || ip.rfind("198.19.", 0) == 0;
  }

  static testing::SimDir* dir_;
  static SimReport report_;
  static Table* net_truth_;
  static Table* leases_;
  static Table* flows_;
  static std::map<std::string, std::string> kind_;  // subscriber -> net_kind
  static std::map<std::string, std::vector<LeaseRow>> by_ip_;
};

testing::SimDir* NetworkOutputTest::dir_ = nullptr;
SimReport NetworkOutputTest::report_;
Table* NetworkOutputTest::net_truth_ = nullptr;
Table* NetworkOutputTest::leases_ = nullptr;
Table* NetworkOutputTest::flows_ = nullptr;
std::map<std::string, std::string> NetworkOutputTest::kind_;
std::map<std::string, std::vector<LeaseRow>> NetworkOutputTest::by_ip_;

TEST_F(NetworkOutputTest, SameBytesForAnyThreadCountAndOffWhenDisabled) {
  SimOptions one = net_options(dir_->sub("one"), 1);
  one.meters = 500;
  one.days = 8;
  one.chunk_bytes = 64 << 10;
  SimOptions three = one;
  three.out_dir = dir_->sub("three");
  three.threads = 3;
  run_simulation(net_config(), one);
  run_simulation(net_config(), three);
  for (const char* name : {"net_truth.csv", "leases.csv", "flows.csv", "readings.csv"})
    EXPECT_EQ(read_whole_file(dir_->file("one/" + std::string(name))),
              read_whole_file(dir_->file("three/" + std::string(name))))
        << name;
  EXPECT_GT(read_whole_file(dir_->file("one/flows.csv")).size(), 1000u);

  SimConfig off = net_config();
  off.network.enabled = false;
  SimOptions o = one;
  o.out_dir = dir_->sub("off");
  const SimReport r = run_simulation(off, o);
  EXPECT_EQ(r.covered_subscribers, 0u);
  EXPECT_FALSE(std::filesystem::exists(dir_->file("off/flows.csv")));
  EXPECT_FALSE(std::filesystem::exists(dir_->file("off/leases.csv")));
  // The rest of the grid does not change with the network switch.
  EXPECT_EQ(read_whole_file(dir_->file("one/readings.csv")), read_whole_file(dir_->file("off/readings.csv")));
  EXPECT_EQ(read_whole_file(dir_->file("one/truth.csv")), read_whole_file(dir_->file("off/truth.csv")));
}

TEST_F(NetworkOutputTest, ARangeTooSmallForThePoolsIsRefusedByName) {
  SimConfig c = net_config();
  c.network.address_range = "10.1.2.0/24";  // 254 addresses for about 900 covered subscribers
  SimOptions o = net_options(dir_->sub("small_range"), 1);
  o.days = 2;
  try {
    run_simulation(c, o);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "network.address_range");
  }
}

TEST_F(NetworkOutputTest, LeasesNeverOverlapAndAddressesPassBetweenSubscribers) {
  ASSERT_EQ(leases_->header, (std::vector<std::string>{"subscriber_id", "ip", "from", "to"}));
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> by_subscriber;
  for (const auto& row : leases_->rows) {
    const std::int64_t from = utc_seconds(row[2]), to = utc_seconds(row[3]);
    ASSERT_LT(from, to) << row[0];
    ASSERT_GE(to - from, 86400 - 1) << row[0];
    ASSERT_LE(to - from, 7 * 86400 + 1) << row[0];
    ASSERT_EQ(row[1].rfind("100.", 0), 0u) << row[1];
    by_subscriber[row[0]].push_back({from, to});
  }
  for (auto& [sub, spans] : by_subscriber) {
    ASSERT_EQ(kind_.at(sub).empty(), false) << sub << " has leases but is not covered";
    std::sort(spans.begin(), spans.end());
    for (std::size_t i = 1; i < spans.size(); ++i)
      ASSERT_EQ(spans[i - 1].second, spans[i].first) << sub << ": one address at a time, no gap";
  }
  std::size_t shared = 0, miner_then_home = 0;
  for (auto [ip, rows] : by_ip_) {
    std::sort(rows.begin(), rows.end(), [](const LeaseRow& a, const LeaseRow& b) { return a.from < b.from; });
    std::set<std::string> holders;
    bool miner = false, home = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) {
        ASSERT_LE(rows[i - 1].to, rows[i].from) << ip << " leased twice at once";
      }
      holders.insert(rows[i].subscriber);
      const std::string& k = kind_.at(rows[i].subscriber);
      (k == "pool_listed" || k == "pool_tls" || k == "vpn" ? miner : home) = true;
    }
    shared += holders.size() > 1 ? 1 : 0;
    miner_then_home += miner && home ? 1 : 0;
  }
  EXPECT_GT(shared, by_ip_.size() / 2) << "released addresses are taken by others";
  EXPECT_GT(miner_then_home, 0u) << "an address belongs to a miner at one time and a home at another";
}

TEST_F(NetworkOutputTest, CoverageAndKindsAsConfigured) {
  std::map<std::string, int> kinds;
  for (const auto& row : net_truth_->rows) ++kinds[row[3]];
  const double covered = 1.0 - static_cast<double>(kinds[""]) / static_cast<double>(net_truth_->rows.size());
  EXPECT_NEAR(covered, 0.6, 0.05);
  EXPECT_EQ(report_.covered_subscribers, net_truth_->rows.size() - static_cast<std::size_t>(kinds[""]));
  for (const char* k : {"pool_listed", "pool_tls", "vpn", "home", "home_keepalive", "bitcoin_node"})
    EXPECT_GT(kinds[k], 0) << k;
  const double homes = kinds["home"] + kinds["home_keepalive"] + kinds["bitcoin_node"];
  EXPECT_NEAR(kinds["home_keepalive"] / homes, 0.15, 0.04);
  // Nobody uncovered appears in the flows: every src_ip is somebody's leased address at that time.
  std::set<std::string> seen;
  for (const auto& row : flows_->rows) {
    const std::string sub = holder(row[1], utc_seconds(row[0]));
    ASSERT_FALSE(sub.empty()) << row[0] << " " << row[1];
    seen.insert(sub);
  }
  for (const auto& s : seen) EXPECT_FALSE(kind_.at(s).empty()) << s;
}

TEST_F(NetworkOutputTest, MinersTalkToTheirPoolOnlyWhileTheirRigsRun) {
  // Industrial farms draw nothing but their rigs: a slot with energy is a slot the rigs ran.
  const Table truth = testing::read_table(file("truth.csv"));
  const Table meters = testing::read_table(file("meters.csv"));
  std::map<std::string, std::string> subscriber_of;
  for (const auto& row : meters.rows) subscriber_of[row[0]] = row[4];
  std::map<std::string, std::set<std::int64_t>> running;  // subscriber -> slot starts with energy
  std::set<std::string> industrial;
  for (const auto& row : truth.rows)
    if (row[truth.column("class")] == "mining_industrial") industrial.insert(subscriber_of.at(row[0]));
  const std::string readings = read_whole_file(file("readings.csv"));
  LineSplitter lines(readings);
  std::string_view line;
  lines.next(line);
  while (lines.next(line)) {
    const std::size_t a = line.find(','), b = line.rfind(',');
    const std::string& sub = subscriber_of.at(std::string(line.substr(0, a)));
    if (industrial.count(sub) != 0 && testing::number(std::string(line.substr(b + 1))) > 0)
      running[sub].insert(utc_seconds(line.substr(a + 1, b - a - 1)));
  }
  std::map<std::string, std::int64_t> flow_seconds;  // per industrial subscriber
  std::map<std::string, std::int64_t> first_flow;
  std::size_t checked = 0;
  for (const auto& row : flows_->rows) {
    const std::int64_t ts = utc_seconds(row[0]), duration = std::stoll(row[6]);
    const std::string sub = holder(row[1], ts);
    if (industrial.count(sub) == 0) continue;
    if (first_flow.count(sub) == 0 || ts < first_flow[sub]) first_flow[sub] = ts;
    ASSERT_FALSE(is_server(row[2])) << "farms do not browse";
    for (std::int64_t slot = ts / 1800 * 1800; slot < ts + duration; slot += 1800)
      ASSERT_EQ(running[sub].count(slot), 1u) << sub << " talks to its pool at " << slot << " with rigs off";
    flow_seconds[sub] += duration;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  // And the other way: while the rigs ran (from the subscriber's first flow on, inside the flow window), the
  // pool connection was up.
  for (const auto& [sub, seconds] : flow_seconds) {
    std::int64_t on = 0;
    for (std::int64_t slot : running[sub]) on += slot >= first_flow[sub] ? 1800 : 0;
    EXPECT_EQ(seconds, on) << sub;
  }
}

TEST_F(NetworkOutputTest, NetLayerReadsTheFlowsAndJudgesEachKindAsDocumented) {
  const std::vector<net::Flow> flows = net::read_flow_records(file("flows.csv"));
  ASSERT_EQ(flows.size(), flows_->rows.size());
  ASSERT_EQ(report_.flow_records, flows.size());
  const net::PoolList pools = net::PoolList::load(net::default_pool_list_path());
  std::map<std::string, std::size_t> hour_records, caught;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const net::Flow& f = flows[i];
    const std::string& kind = kind_.at(holder(f.client, utc_seconds(flows_->rows[i][0])));
    const net::FlowEvidence e = net::assess_flow(f, pools);
    const bool listed = pools.match(f.server, "", f.server_port) != nullptr;
    if (is_server(f.server)) {
      ASSERT_FALSE(listed) << f.server;
      if (f.server_port == 8333) {
        EXPECT_EQ(kind, "bitcoin_node");
        EXPECT_EQ(e.score, 0.0) << e.reason;  // a node, not mining
      } else if (f.duration_s() < 3600) {
        EXPECT_LT(e.score, net::kMiningThreshold) << e.reason;
      }
      if (kind == "home_keepalive" && f.duration_s() == 3600 && f.server_port != 80) {
        ++hour_records[kind];
        caught[kind] += net::long_lived_low_volume(f) ? 1 : 0;
      }
      continue;
    }
    // Not a server of the ordinary web: a miner's pool or tunnel.
    ASSERT_TRUE(kind == "pool_listed" || kind == "pool_tls" || kind == "vpn") << kind << " " << f.server;
    EXPECT_EQ(listed, kind == "pool_listed") << f.server << ":" << f.server_port;
    if (f.duration_s() == 3600) {
      ++hour_records[kind];
      caught[kind] += net::long_lived_low_volume(f) ? 1 : 0;
    }
    if (kind == "pool_listed") {
      EXPECT_GE(e.score, net::kScorePoolEndpoint);
    }
    if (kind == "vpn") {
      EXPECT_EQ(e.score, 0.0) << e.reason;  // one large tunnel: nothing to see
    }
  }
  // Unlisted pools and push connections both show the long-lived low-volume pattern; tunnels do not.
  for (const char* k : {"pool_listed", "pool_tls", "home_keepalive"}) {
    ASSERT_GT(hour_records[k], 0u) << k;
    EXPECT_EQ(caught[k], hour_records[k]) << k;
  }
  ASSERT_GT(hour_records["vpn"], 0u);
  EXPECT_EQ(caught["vpn"], 0u);
}

}  // namespace
}  // namespace minewatch::sim
