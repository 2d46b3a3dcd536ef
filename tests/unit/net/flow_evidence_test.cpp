// assess_flow's evidence levels on hand-made flows: nDPI alone is medium evidence, node traffic overrides
// everything, Monero-style method names need job fields, a port alone is nothing.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/net/net_verdict.h"
#include "minewatch/net/packet.h"

namespace minewatch::net {
namespace {

Flow tcp_flow(std::uint16_t port) {
  Flow f;
  f.client = "10.0.0.1";
  f.server = "203.0.113.5";
  f.server_port = port;
  f.proto = kTcp;
  f.first_ts = 1767225600;
  f.last_ts = f.first_ts + 20;
  f.packets_up = f.packets_down = 4;
  f.bytes_up = f.bytes_down = 400;
  f.max_gap_s = 5;
  f.has_payload = true;
  return f;
}

const PoolList kNoPools = PoolList::from_entries({});

TEST(FlowEvidence, PoolPortAloneIsNothing) {
  for (const std::uint16_t port : {std::uint16_t{3333}, std::uint16_t{4444}, std::uint16_t{14444}})
    EXPECT_EQ(assess_flow(tcp_flow(port), kNoPools).score, 0);
}

TEST(FlowEvidence, NdpiAloneIsMediumEvidence) {
  Flow f = tcp_flow(443);
  f.ndpi_mining = true;
  f.ndpi_protocol = "Mining";
  const FlowEvidence e = assess_flow(f, kNoPools);
  EXPECT_NEAR(e.score, kScorePoolEndpoint, 1e-9);
  EXPECT_TRUE(e.protocol.empty());
  EXPECT_NE(e.reason.find("nDPI 4.2 classifies it as Mining"), std::string::npos) << e.reason;
}

TEST(FlowEvidence, NodeTrafficOverridesEverything) {
  Flow f = tcp_flow(8333);
  f.node = NodeProtocol::bitcoin;
  f.ndpi_mining = true;
  f.messages.by_method[static_cast<std::size_t>(Method::stratum_submit)] = 3;
  const FlowEvidence e = assess_flow(f, PoolList::from_entries({{"203.0.113.5", 0, "p", "t"}}));
  EXPECT_EQ(e.score, 0);
  EXPECT_NE(e.reason.find("not mining"), std::string::npos);
}

TEST(FlowEvidence, QuietLongFlowToAnEthereumNodePortIsNodeTraffic) {
  Flow f = tcp_flow(30303);
  f.last_ts = f.first_ts + 3600;
  f.packets_up = f.packets_down = 200;
  f.bytes_up = f.bytes_down = 20000;
  EXPECT_TRUE(long_lived_low_volume(f));
  const FlowEvidence e = assess_flow(f, kNoPools);
  EXPECT_EQ(e.score, 0);
  EXPECT_NE(e.reason.find("Ethereum P2P node port"), std::string::npos) << e.reason;
  f.server_port = 30304;  // the same flow elsewhere is the weak pattern
  EXPECT_NEAR(assess_flow(f, kNoPools).score, kScorePattern, 1e-9);
}

TEST(FlowEvidence, MoneroMethodsNeedJobFields) {
  Flow f = tcp_flow(9000);
  f.messages.by_method[static_cast<std::size_t>(Method::xmr_login)] = 1;
  f.messages.by_method[static_cast<std::size_t>(Method::xmr_submit)] = 4;
  EXPECT_EQ(assess_flow(f, kNoPools).score, 0);  // "login" and "submit" alone: any JSON-RPC
  f.messages.job_fields = true;
  const FlowEvidence e = assess_flow(f, kNoPools);
  EXPECT_EQ(e.protocol, "Monero Stratum");
  EXPECT_EQ(e.shares, 4u);
  EXPECT_NEAR(e.score, kScoreProtocol + 0.1, 1e-9);
}

}  // namespace
}  // namespace minewatch::net
