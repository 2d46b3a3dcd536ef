// Flow records and the evidence they allow: pool endpoints (by address) and the long-lived low-volume
// pattern; bad rows named by file, line and field.
#include "minewatch/net/flow_records.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/net/net_verdict.h"
#include "support/temp_dir.h"

namespace minewatch::net {
namespace {

using minewatch::testing::TempDir;

const PoolList& pools() {
  static const PoolList list = PoolList::from_entries({{"185.71.66.39", 0, "nanopool", "test"}});
  return list;
}

TEST(FlowRecords, PoolEndpointPatternAndNothing) {
  TempDir dir;
  const std::string path = dir.write("flows.csv",
                                     "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\n"
                                     "2026-01-01T00:00:00Z,10.1.0.1,185.71.66.39,9999,52000,400,3600\n"
                                     "2026-01-01T00:00:00Z,10.1.0.2,203.0.113.9,443,90000,600,3600\n"
                                     "2026-01-01T00:00:00Z,10.1.0.3,203.0.113.9,443,900000,800,60\n"
                                     "1767225600,10.1.0.4,203.0.113.50,30303,90000,600,3600\n");
  const auto verdicts = assess_addresses(read_flow_records(path), pools());
  ASSERT_EQ(verdicts.size(), 4u);
  EXPECT_EQ(verdicts[0].address, "10.1.0.1");
  EXPECT_NEAR(verdicts[0].net_score, kScorePoolEndpoint + 0.1, 1e-9);  // pool and pattern
  EXPECT_EQ(verdicts[1].address, "10.1.0.2");
  EXPECT_NEAR(verdicts[1].net_score, kScorePattern, 1e-9);
  EXPECT_EQ(verdicts[2].net_score, 0);  // 10.1.0.3: short bulk transfer
  EXPECT_EQ(verdicts[3].net_score, 0);  // 10.1.0.4: Ethereum node port
  EXPECT_EQ(verdicts[3].address, "10.1.0.4");
  EXPECT_NE(verdicts[3].reasons.at(0).find("Ethereum P2P node port"), std::string::npos);
}

TEST(FlowRecords, AddressesAreCanonical) {
  // "2001:DB8:0::7" and "2001:db8::7" are one subscriber's address: flows carry the form leases are kept in.
  TempDir dir;
  const std::string path = dir.write("flows.csv",
                                     "ts,src_ip,dst_ip,dst_port,bytes,packets\n"
                                     "2026-01-01T00:00:00Z,2001:DB8:0::7,2001:db8:0:0::9,3333,100,10\n");
  const auto flows = read_flow_records(path);
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].client, "2001:db8::7");
  EXPECT_EQ(flows[0].server, "2001:db8::9");
}

TEST(FlowRecords, BadRowsNameFileLineAndField) {
  TempDir dir;
  const auto error_of = [&](const std::string& row) {
    const std::string path = dir.write("bad.csv",
                                       "ts,src_ip,dst_ip,dst_port,bytes,packets\n"
                                       "2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,1,1\n" +
                                           row + "\n");
    try {
      read_flow_records(path);
    } catch (const InputError& e) {
      EXPECT_EQ(e.place().file, path);
      EXPECT_EQ(e.place().line, 3u);
      return e.place().field;
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,70000,1,1"), "dst_port");
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.999,10.2.0.1,80,1,1"), "src_ip");
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,host,80,1,1"), "dst_ip");
  EXPECT_EQ(error_of("yesterday,10.1.0.1,10.2.0.1,80,1,1"), "ts");
  EXPECT_EQ(error_of("2026-01-01T00:00:00,10.1.0.1,10.2.0.1,80,1,1"), "ts");  // no zone: ambiguous
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,-5,1"), "bytes");
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,1"), "packets");
  // Beyond a 64-bit counter (and beyond what converts to one): found by fuzz_flow_records.
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,1e30,1"), "bytes");
  EXPECT_EQ(error_of("2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,1,18446744073709551616"), "packets");
  // An end beyond any timestamp (its verdict's last_seen would not convert).
  const std::string path = dir.write("long.csv",
                                     "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\n"
                                     "2026-01-01T00:00:00Z,10.1.0.1,10.2.0.1,80,1,1,1e300\n");
  try {
    read_flow_records(path);
    ADD_FAILURE() << "a flow of 1e300 s was read";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "duration_s");
  }
}

TEST(PoolList, MatchesNamesPortsAndSuffixes) {
  const PoolList list = PoolList::from_entries(
      {{"*.nanopool.org", 0, "nanopool", "t"}, {"pool.example", 3333, "example", "t"}});
  EXPECT_EQ(list.match("1.2.3.4", "xmr-eu1.nanopool.org", 14444)->pool, "nanopool");
  EXPECT_EQ(list.match("1.2.3.4", "NANOPOOL.org", 1)->pool, "nanopool");
  EXPECT_EQ(list.match("1.2.3.4", "evilnanopool.org", 1), nullptr);
  EXPECT_EQ(list.match("1.2.3.4", "pool.example", 3333)->pool, "example");
  EXPECT_EQ(list.match("1.2.3.4", "pool.example", 4444), nullptr);
  EXPECT_EQ(list.match("1.2.3.4", "", 3333), nullptr);
}

TEST(PoolList, TheShippedFileLoadsAndCitesSources) {
  const PoolList list = PoolList::load(default_pool_list_path());
  EXPECT_GE(list.size(), 10u);
  ASSERT_NE(list.match("185.71.66.39", "", 9999), nullptr);
  EXPECT_EQ(list.match("8.8.8.8", "dns.google", 443), nullptr);
}

}  // namespace
}  // namespace minewatch::net

namespace minewatch::net {
namespace {

// The reader holds one 4 MiB block at a time: rows cut by a block's end, a last row without a newline and
// a bad row far past the first block must read as if the file were read whole.
TEST(FlowRecords, ReadInBlocksAsIfWhole) {
  TempDir dir;
  std::string text = "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\r\n";
  const int rows = 120000;  // about 7 MB: two blocks and part of a third
  for (int i = 0; i < rows; ++i)
    text += "2026-01-01T00:00:00Z,10." + std::to_string(i / 62500) + "." + std::to_string(i / 250 % 250) +
            "." + std::to_string(i % 250) + ",185.71.66.39,9999," + std::to_string(1000 + i) + ",10,3600\r\n";
  text.resize(text.size() - 2);  // no newline after the last row
  std::uint64_t seen = 0;
  std::uint64_t last_bytes = 0;
  std::string last_client;
  const std::uint64_t records = for_each_flow_record(dir.write("big.csv", text), [&](const Flow& f) {
    ++seen;
    last_bytes = f.bytes_up;
    last_client = f.client;
  });
  EXPECT_EQ(records, static_cast<std::uint64_t>(rows));
  EXPECT_EQ(seen, static_cast<std::uint64_t>(rows));
  EXPECT_EQ(last_bytes, static_cast<std::uint64_t>(1000 + rows - 1));
  EXPECT_EQ(last_client, "10.1.229.249");

  text += "\n2026-01-01T00:00:00Z,10.1.0.1,185.71.66.39,99999,1,1,1\n";
  try {
    for_each_flow_record(dir.write("bad.csv", text), [](const Flow&) {});
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, static_cast<std::uint64_t>(rows + 2));
    EXPECT_EQ(e.place().field, "dst_port");
  }
}

}  // namespace
}  // namespace minewatch::net
