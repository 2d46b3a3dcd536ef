// The net layer on captures written by the test: Stratum found and counted, Bitcoin P2P not mining, bad
// files refused with their name and packet number.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "minewatch/core/error.h"
#include "minewatch/net/flow_table.h"
#include "minewatch/net/net_verdict.h"
#include "minewatch/net/pcap_reader.h"
#include "support/temp_dir.h"
#include "unit/net/pcap_writer.h"

namespace minewatch::net {
namespace {

using minewatch::testing::Frame;
using minewatch::testing::TcpSide;
using minewatch::testing::TempDir;

constexpr double kT0 = 1767225600;

// A miner at 10.0.0.5 and a pool at 51.79.20.7:3333: subscribe, authorize, notify each minute, `submits`
// shares, over ten minutes.
std::vector<Frame> stratum_session(int submits) {
  TcpSide miner{{10, 0, 0, 5}, {51, 79, 20, 7}, 50000, 3333, 100};
  TcpSide pool{{51, 79, 20, 7}, {10, 0, 0, 5}, 3333, 50000, 9000};
  std::vector<Frame> frames = {miner.syn(kT0, false), pool.syn(kT0 + 0.01, true)};
  frames.push_back(miner.send(kT0 + 1, R"({"id":1,"method":"mining.subscribe","params":[]})"
                                       "\n"));
  frames.push_back(miner.send(kT0 + 2, R"({"id":2,"method":"mining.authorize","params":["w.1","x"]})"
                                       "\n"));
  for (int k = 0; k < 10; ++k) {
    frames.push_back(pool.send(kT0 + 60 * (k + 1), R"({"id":null,"method":"mining.notify","params":[]})"
                                                   "\n"));
    if (k < submits)
      frames.push_back(miner.send(kT0 + 60 * (k + 1) + 5, R"({"id":9,"method":"mining.submit","params":[]})"
                                                          "\n"));
  }
  return frames;
}

std::vector<Flow> flows_of(const std::string& path) {
  FlowTable table;
  read_capture(path, [&](const Packet& p, std::uint64_t) { table.add(p); });
  return table.finish();
}

TEST(NetCapture, FindsStratumAndCountsShares) {
  TempDir dir;
  const std::string path = dir.file("stratum.pcap");
  minewatch::testing::write_capture(path, stratum_session(7));
  const std::vector<Flow> flows = flows_of(path);
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].client, "10.0.0.5");
  EXPECT_EQ(flows[0].server, "51.79.20.7");
  EXPECT_EQ(flows[0].server_port, 3333);
  EXPECT_EQ(flows[0].messages[Method::stratum_submit], 7u);
  EXPECT_EQ(flows[0].messages[Method::stratum_notify], 10u);
  EXPECT_TRUE(flows[0].ndpi_mining) << "nDPI said " << flows[0].ndpi_protocol;
  const auto verdicts = assess_addresses(flows, PoolList::from_entries({}));
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].address, "10.0.0.5");
  EXPECT_EQ(verdicts[0].shares, 7u);
  EXPECT_NEAR(verdicts[0].net_score, 0.9, 1e-9);  // protocol with shares, no listed pool
  EXPECT_NEAR(verdicts[0].share_rate_per_min, 0.7, 1e-9);
  ASSERT_FALSE(verdicts[0].reasons.empty());
  EXPECT_NE(verdicts[0].reasons[0].find("mining.submit 7"), std::string::npos) << verdicts[0].reasons[0];
  EXPECT_NE(verdicts[0].reasons[0].find("51.79.20.7:3333"), std::string::npos);
}

TEST(NetCapture, ListedPoolRaisesTheScore) {
  TempDir dir;
  const std::string path = dir.file("stratum.pcap");
  minewatch::testing::write_capture(path, stratum_session(3));
  const auto verdicts =
      assess_addresses(flows_of(path), PoolList::from_entries({{"51.79.20.7", 3333, "testpool", "test"}}));
  EXPECT_NEAR(verdicts[0].net_score, 1.0, 1e-9);
  EXPECT_EQ(verdicts[0].pools.count("testpool"), 1u);
}

TEST(NetCapture, BitcoinNodeTrafficIsNotMining) {
  TempDir dir;
  const std::string path = dir.file("bitcoin.pcap");
  TcpSide node{{10, 0, 0, 7}, {198, 51, 100, 10}, 51000, 8333, 1};
  std::string version("\xF9\xBE\xB4\xD9version\0\0\0\0\0", 16);
  version += std::string(8 + 86, '\0');
  std::vector<Frame> frames = {node.syn(kT0, false), node.send(kT0 + 1, version)};
  minewatch::testing::write_capture(path, frames);
  const std::vector<Flow> flows = flows_of(path);
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].node, NodeProtocol::bitcoin);
  // Even when listed as a pool by mistake, node traffic scores 0.
  const auto verdicts =
      assess_addresses(flows, PoolList::from_entries({{"198.51.100.10", 0, "wrong", "test"}}));
  EXPECT_EQ(verdicts[0].net_score, 0);
  EXPECT_NE(verdicts[0].reasons.at(0).find("Bitcoin P2P"), std::string::npos);
}

TEST(NetCapture, TruncatedFileNamesFileAndPacket) {
  TempDir dir;
  const std::string path = dir.file("cut.pcap");
  minewatch::testing::write_capture(path, stratum_session(7));
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 30);  // inside the last record
  try {
    flows_of(path);
    FAIL() << "no error for a truncated capture";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, 2u + 2 + 10 + 7);  // the last record
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
}

TEST(NetCapture, GarbageIsRefusedWithTheFileName) {
  TempDir dir;
  const std::string path = dir.write("garbage.pcap", "not a capture, just some text of decent length\n");
  try {
    flows_of(path);
    FAIL() << "no error for a garbage file";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(std::string(e.what()).rfind(path, 0), 0u) << e.what();
  }
  EXPECT_THROW(flows_of(dir.file("missing.pcap")), InputError);
}

TEST(NetCapture, UnsupportedLinkTypeIsNamed) {
  TempDir dir;
  const std::string path = dir.file("wifi.pcap");
  minewatch::testing::write_capture(path, {{kT0, std::vector<std::uint8_t>(40, 0)}}, 105);  // 802.11
  try {
    flows_of(path);
    FAIL() << "no error for an 802.11 capture";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("link type 105 (IEEE802_11)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace minewatch::net
