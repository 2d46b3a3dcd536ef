// The lease table and verdicts by subscriber: an address reused by two subscribers splits by time, a flow no
// lease covers stays a row of its own, overlapping leases and bad rows are named by file, line and field, and
// NET.csv by subscriber reads back.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "minewatch/core/error.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/net/flow_records.h"
#include "minewatch/net/lease_table.h"
#include "minewatch/net/net_file.h"
#include "minewatch/net/net_verdict.h"
#include "support/temp_dir.h"

namespace minewatch::net {
namespace {

using minewatch::testing::TempDir;

constexpr double kJan1 = 1767225600;  // 2026-01-01T00:00:00Z

std::string error_field(const std::string& path, std::uint64_t& line) {
  try {
    LeaseTable::load(path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    line = e.place().line;
    return e.place().field;
  }
  return "no error";
}

TEST(LeaseTable, FindsTheHolderAtAnInstant) {
  TempDir dir;
  const LeaseTable leases =
      LeaseTable::load(dir.write("leases.csv",
                                 "subscriber_id,ip,from,to\n"
                                 "S1,100.64.0.7,2026-01-01T00:00:00Z,2026-01-03T00:00:00Z\n"
                                 "S2,100.64.0.7,2026-01-03T00:00:00Z,2026-01-05T00:00:00Z\n"
                                 "S3,2001:DB8:0::1,2026-01-01T00:00:00+03:00,\n"));
  EXPECT_EQ(leases.size(), 3u);
  ASSERT_NE(leases.subscriber_at("100.64.0.7", kJan1), nullptr);
  EXPECT_EQ(*leases.subscriber_at("100.64.0.7", kJan1), "S1");
  EXPECT_EQ(*leases.subscriber_at("100.64.0.7", kJan1 + 2 * 86400 - 1), "S1");
  EXPECT_EQ(*leases.subscriber_at("100.64.0.7", kJan1 + 2 * 86400), "S2");  // `to` is exclusive
  EXPECT_EQ(leases.subscriber_at("100.64.0.7", kJan1 + 4 * 86400), nullptr);
  EXPECT_EQ(leases.subscriber_at("100.64.0.7", kJan1 - 1), nullptr);
  EXPECT_EQ(leases.subscriber_at("100.64.0.8", kJan1), nullptr);
  // An open lease (empty `to`) and an address written another way.
  ASSERT_NE(leases.subscriber_at("2001:db8::1", kJan1 + 400 * 86400), nullptr);
  EXPECT_EQ(*leases.subscriber_at("2001:db8::1", kJan1), "S3");
  EXPECT_EQ(leases.subscriber_at("2001:db8::1", kJan1 - 3 * 3600 - 1), nullptr);
}

TEST(LeaseTable, BadRowsAndOverlapsAreNamed) {
  TempDir dir;
  const std::string head =
      "subscriber_id,ip,from,to\nS1,100.64.0.7,2026-01-01T00:00:00Z,2026-01-03T00:00:00Z\n";
  std::uint64_t line = 0;
  EXPECT_EQ(error_field(dir.write("a.csv", head + "S2,100.64.0.300,2026-01-01T00:00:00Z,\n"), line), "ip");
  EXPECT_EQ(line, 3u);
  EXPECT_EQ(error_field(dir.write("b.csv", head + "S2,100.64.0.8,2026-01-01 00:00,\n"), line), "from");
  EXPECT_EQ(error_field(
                dir.write("c.csv", head + "S2,100.64.0.8,2026-01-02T00:00:00Z,2026-01-01T00:00:00Z\n"), line),
            "to");
  EXPECT_EQ(error_field(dir.write("d.csv", head + ",100.64.0.8,2026-01-02T00:00:00Z,\n"), line),
            "subscriber_id");
  // S2 takes the address a day before S1 gives it back: two holders at once.
  EXPECT_EQ(error_field(dir.write("e.csv", head + "S2,100.64.0.7,2026-01-02T00:00:00Z,\n"), line), "from");
  EXPECT_EQ(line, 3u);
  try {
    LeaseTable::load(dir.write("f.csv", head + "S2,100.64.0.7,2026-01-02T00:00:00Z,\n"));
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(LeaseJoin, OneAddressTwoSubscribersByTime) {
  TempDir dir;
  const LeaseTable leases =
      LeaseTable::load(dir.write("leases.csv",
                                 "subscriber_id,ip,from,to\n"
                                 "S1,100.64.0.7,2026-01-01T00:00:00Z,2026-01-03T00:00:00Z\n"
                                 "S2,100.64.0.7,2026-01-03T00:00:00Z,\n"
                                 "S1,100.64.0.9,2026-01-03T00:00:00Z,\n"));
  // S1 mines to a listed pool from both of its addresses; S2 browses from S1's old address.
  const std::vector<Flow> flows =
      read_flow_records(dir.write("flows.csv",
                                  "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\n"
                                  "2026-01-01T10:00:00Z,100.64.0.7,185.71.66.39,9999,52000,400,3600\n"
                                  "2026-01-04T10:00:00Z,100.64.0.9,185.71.66.39,9999,52000,400,3600\n"
                                  "2026-01-04T10:00:00Z,100.64.0.7,203.0.113.9,443,900000,800,60\n"
                                  "2026-01-04T10:00:00Z,100.64.0.50,203.0.113.9,443,900000,800,60\n"));
  const PoolList pools = PoolList::from_entries({{"185.71.66.39", 0, "nanopool", "test"}});
  const auto verdicts = assess_addresses(flows, pools, &leases);
  ASSERT_EQ(verdicts.size(), 3u);
  EXPECT_EQ(verdicts[0].subscriber_id, "S1");
  EXPECT_EQ(verdicts[0].address, "100.64.0.7;100.64.0.9");
  EXPECT_EQ(verdicts[0].sessions, 2u);
  EXPECT_GE(verdicts[0].net_score, kScorePoolEndpoint);
  EXPECT_EQ(verdicts[1].subscriber_id, "");  // no lease covers 100.64.0.50: a row of its own
  EXPECT_EQ(verdicts[1].address, "100.64.0.50");
  EXPECT_EQ(verdicts[2].subscriber_id, "S2");
  EXPECT_EQ(verdicts[2].net_score, 0);

  // Written by subscriber and read back for a meter scan; the unleased row names no subscriber.
  const std::string net_path = (dir.path() / "NET.csv").string();
  AtomicFile out(net_path);
  out.write(net_csv(verdicts, true));
  out.commit();
  const SubscriberEvidenceFile file = read_subscriber_evidence(net_path);
  EXPECT_EQ(file.by_subscriber.size(), 2u);
  EXPECT_EQ(file.unleased_rows, 1u);
  EXPECT_NEAR(file.by_subscriber.at("S1").net_score, verdicts[0].net_score, 0.005);
  EXPECT_EQ(file.by_subscriber.at("S1").pools, "nanopool");
  EXPECT_NE(file.by_subscriber.at("S1").reasons.find("known pool endpoint"), std::string::npos);
  EXPECT_EQ(file.by_subscriber.at("S2").net_score, 0);
}

TEST(NetFile, ByAddressOrBadRowsAreNamed) {
  TempDir dir;
  const auto field_of = [&](const std::string& text) {
    try {
      read_subscriber_evidence(dir.write("NET.csv", text));
    } catch (const InputError& e) {
      return e.place().field;
    }
    return std::string("no error");
  };
  const std::string header =
      "subscriber_id,address,sessions,first_seen,last_seen,pools,protocols,shares,share_rate_per_min,"
      "net_score,reasons\n";
  EXPECT_EQ(field_of("address,sessions,first_seen,last_seen,pools,protocols,shares,share_rate_per_min,"
                     "net_score,reasons\n10.0.0.1,1,,,,,0,0,0.5,x\n"),
            "subscriber_id");
  EXPECT_EQ(field_of(header + "S1,10.0.0.1,1,,,,,0,0,1.5,x\n"), "net_score");
  EXPECT_EQ(field_of(header + "S1,10.0.0.1,1,,,,,0,0,0.5,x\nS1,10.0.0.2,1,,,,,0,0,0.5,x\n"), "subscriber_id");
  EXPECT_EQ(field_of(header + "S1,10.0.0.1,1,,,,,0,0,0.5,x\n"), "no error");
}

}  // namespace
}  // namespace minewatch::net
