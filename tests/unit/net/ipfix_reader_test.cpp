// IPFIX flow records: files written here with libfixbuf's exporter, read back as flows (uniflows and RFC 5103
// biflows, IPv4 and IPv6), scored like the CSV flow records; bad files and incomplete templates refused with
// an InputError naming file, record or message, and element.
#include "minewatch/net/ipfix_reader.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ipfix_writer.h"
#include "minewatch/core/error.h"
#include "minewatch/net/flow_records.h"
#include "minewatch/net/net_verdict.h"
#include "minewatch/net/packet.h"
#include "support/temp_dir.h"

namespace minewatch::net {
namespace {

using minewatch::testing::IpfixRecord;
using minewatch::testing::IpfixWriter;
using minewatch::testing::TempDir;

constexpr std::uint64_t kT0 = 1767225600;  // 2026-01-01T00:00:00Z

// yaf's uniflow template, IPv4.
void add_uniflow4(IpfixWriter& w, std::uint16_t tid) {
  w.add_template(tid, {{"flowStartMilliseconds", 8},
                       {"flowEndMilliseconds", 8},
                       {"octetDeltaCount", 8},
                       {"packetDeltaCount", 8},
                       {"sourceIPv4Address", 4},
                       {"destinationIPv4Address", 4},
                       {"sourceTransportPort", 2},
                       {"destinationTransportPort", 2},
                       {"protocolIdentifier", 1}});
}

IpfixRecord uniflow4(const char* src, const char* dst, std::uint16_t port, std::uint64_t start_s,
                     std::uint64_t duration_s, std::uint64_t bytes, std::uint64_t packets) {
  IpfixRecord r;
  r.u64(start_s * 1000).u64((start_s + duration_s) * 1000).u64(bytes).u64(packets);
  r.ipv4(src).ipv4(dst).u16(40000).u16(port).u8(kTcp);
  return r;
}

std::string error_of(const std::string& path, InputPlace* place = nullptr) {
  try {
    read_ipfix(path);
  } catch (const InputError& e) {
    if (place) *place = e.place();
    return e.what();
  }
  return "no error";
}

TEST(IpfixReader, UniflowIPv4) {
  TempDir dir;
  const std::string path = dir.file("flows.ipfix");
  {
    IpfixWriter w(path);
    add_uniflow4(w, 256);
    w.append(256, uniflow4("10.1.0.1", "185.71.66.39", 9999, kT0, 3600, 52000, 400));
    w.append(256, uniflow4("10.1.0.2", "203.0.113.9", 443, kT0 + 60, 2, 9000, 12));
  }
  const IpfixFlows read = read_ipfix(path);
  EXPECT_GE(read.messages, 1u);  // the writer sends its template in a message of its own
  EXPECT_EQ(read.records, 2u);
  EXPECT_EQ(read.skipped, 0u);
  ASSERT_EQ(read.flows.size(), 2u);
  const Flow& f = read.flows[0];
  EXPECT_EQ(f.client, "10.1.0.1");
  EXPECT_EQ(f.server, "185.71.66.39");
  EXPECT_EQ(f.server_port, 9999);
  EXPECT_EQ(f.proto, kTcp);
  EXPECT_DOUBLE_EQ(f.first_ts, static_cast<double>(kT0));
  EXPECT_DOUBLE_EQ(f.duration_s(), 3600);
  EXPECT_EQ(f.bytes_up, 52000u);
  EXPECT_EQ(f.packets_up, 400u);
  EXPECT_EQ(f.bytes_down, 0u);
  EXPECT_EQ(f.packets_down, 0u);
  EXPECT_LT(f.max_gap_s, 0);  // unknown in a flow record
  EXPECT_FALSE(f.has_payload);
  EXPECT_EQ(read.flows[1].server, "203.0.113.9");
  EXPECT_DOUBLE_EQ(read.flows[1].first_ts, static_cast<double>(kT0 + 60));
}

TEST(IpfixReader, BiflowIPv6WithTotalCountsAndSeconds) {
  TempDir dir;
  const std::string path = dir.file("biflow.ipfix");
  {
    IpfixWriter w(path);
    w.add_template(300, {{"sourceIPv6Address", 16},
                         {"destinationIPv6Address", 16},
                         {"octetTotalCount", 8},
                         {"packetTotalCount", 8},
                         {"reverseOctetTotalCount", 8},
                         {"reversePacketTotalCount", 8},
                         {"flowStartSeconds", 4},
                         {"flowEndSeconds", 4},
                         {"destinationTransportPort", 2},
                         {"protocolIdentifier", 1}});
    IpfixRecord r;
    r.ipv6("2001:db8::5").ipv6("2001:db8::77").u64(30000).u64(200).u64(22000).u64(190);
    r.u32(static_cast<std::uint32_t>(kT0)).u32(static_cast<std::uint32_t>(kT0 + 1800)).u16(14433).u8(kTcp);
    w.append(300, r);
  }
  const IpfixFlows read = read_ipfix(path);
  ASSERT_EQ(read.flows.size(), 1u);
  const Flow& f = read.flows[0];
  EXPECT_EQ(f.client, "2001:db8::5");
  EXPECT_EQ(f.server, "2001:db8::77");
  EXPECT_EQ(f.server_port, 14433);
  EXPECT_DOUBLE_EQ(f.duration_s(), 1800);
  EXPECT_EQ(f.bytes_up, 30000u);
  EXPECT_EQ(f.packets_up, 200u);
  EXPECT_EQ(f.bytes_down, 22000u);
  EXPECT_EQ(f.packets_down, 190u);
}

TEST(IpfixReader, BiflowDeltaCountsAndDuration) {
  TempDir dir;
  const std::string path = dir.file("delta.ipfix");
  {
    IpfixWriter w(path);
    w.add_template(301, {{"flowStartMilliseconds", 8},
                         {"octetDeltaCount", 8},
                         {"packetDeltaCount", 8},
                         {"reverseOctetDeltaCount", 8},
                         {"reversePacketDeltaCount", 8},
                         {"sourceIPv4Address", 4},
                         {"destinationIPv4Address", 4},
                         {"flowDurationMilliseconds", 4},
                         {"destinationTransportPort", 2}});
    IpfixRecord r;
    r.u64(kT0 * 1000 + 250).u64(1000).u64(10).u64(2000).u64(11);
    r.ipv4("192.0.2.1").ipv4("198.51.100.2").u32(90500).u16(3333);
    w.append(301, r);
  }
  const IpfixFlows read = read_ipfix(path);
  ASSERT_EQ(read.flows.size(), 1u);
  const Flow& f = read.flows[0];
  EXPECT_DOUBLE_EQ(f.first_ts, static_cast<double>(kT0) + 0.25);
  EXPECT_DOUBLE_EQ(f.last_ts, static_cast<double>(kT0) + 0.25 + 90.5);
  EXPECT_EQ(f.proto, 0);  // the template does not say
  EXPECT_EQ(f.bytes_down, 2000u);
  EXPECT_EQ(f.packets_down, 11u);
}

TEST(IpfixReader, NetFlowV9TimesSinceTheExportersBoot) {
  // What libfixbuf's NetFlow v9 translator writes for FIRST_SWITCHED/LAST_SWITCHED: times since the boot.
  TempDir dir;
  const std::string path = dir.file("uptime.ipfix");
  {
    IpfixWriter w(path);
    w.add_template(302, {{"systemInitTimeMilliseconds", 8},
                         {"octetDeltaCount", 8},
                         {"packetDeltaCount", 8},
                         {"sourceIPv4Address", 4},
                         {"destinationIPv4Address", 4},
                         {"flowStartSysUpTime", 4},
                         {"flowEndSysUpTime", 4},
                         {"destinationTransportPort", 2}});
    IpfixRecord r;
    r.u64(kT0 * 1000 - 3'600'000).u64(52000).u64(400).ipv4("10.1.0.1").ipv4("185.71.66.39");
    r.u32(3'600'000).u32(7'200'500).u16(9999);
    w.append(302, r);
  }
  const IpfixFlows read = read_ipfix(path);
  ASSERT_EQ(read.flows.size(), 1u);
  EXPECT_DOUBLE_EQ(read.flows[0].first_ts, static_cast<double>(kT0));
  EXPECT_DOUBLE_EQ(read.flows[0].last_ts, static_cast<double>(kT0) + 3600.5);
}

TEST(IpfixReader, KnownPoolScoredLikeTheCsvFlowRecords) {
  TempDir dir;
  const std::string ipfix = dir.file("flows.ipfix");
  {
    IpfixWriter w(ipfix);
    add_uniflow4(w, 256);
    w.append(256, uniflow4("10.1.0.1", "185.71.66.39", 9999, kT0, 3600, 52000, 400));
    w.append(256, uniflow4("10.1.0.2", "203.0.113.9", 443, kT0, 3600, 90000, 600));
    w.append(256, uniflow4("10.1.0.4", "203.0.113.50", 30303, kT0, 3600, 90000, 600));
  }
  const std::string csv = dir.write("flows.csv",
                                    "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\n"
                                    "2026-01-01T00:00:00Z,10.1.0.1,185.71.66.39,9999,52000,400,3600\n"
                                    "2026-01-01T00:00:00Z,10.1.0.2,203.0.113.9,443,90000,600,3600\n"
                                    "2026-01-01T00:00:00Z,10.1.0.4,203.0.113.50,30303,90000,600,3600\n");
  const PoolList pools = PoolList::from_entries({{"185.71.66.39", 0, "nanopool", "test"}});
  const auto from_ipfix = assess_addresses(read_ipfix(ipfix).flows, pools);
  const auto from_csv = assess_addresses(read_flow_records(csv), pools);
  ASSERT_EQ(from_ipfix.size(), 3u);
  ASSERT_EQ(from_csv.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(from_ipfix[i].address, from_csv[i].address);
    EXPECT_DOUBLE_EQ(from_ipfix[i].net_score, from_csv[i].net_score);
    EXPECT_EQ(from_ipfix[i].reasons, from_csv[i].reasons);
  }
  EXPECT_EQ(from_ipfix[0].address, "10.1.0.1");
  EXPECT_NEAR(from_ipfix[0].net_score, kScorePoolEndpoint + 0.1, 1e-9);  // pool and pattern
  EXPECT_EQ(from_ipfix[0].pools, std::set<std::string>{"nanopool"});
}

TEST(IpfixReader, ManyMessagesAndTemplatesInOneFile) {
  TempDir dir;
  const std::string path = dir.file("many.ipfix");
  {
    IpfixWriter w(path);
    add_uniflow4(w, 256);
    for (std::uint32_t i = 0; i < 3000; ++i)
      w.append(256, uniflow4("10.1.0.1", "10.9.0.1", 80, kT0 + i, 1, 100, 1));
    w.emit();
    add_uniflow4(w, 257);
    w.append(257, uniflow4("10.1.0.3", "10.9.0.1", 80, kT0, 1, 100, 1));
  }
  const IpfixFlows read = read_ipfix(path);
  EXPECT_GT(read.messages, 2u);  // 3000 records do not fit one message of at most 64 KiB
  EXPECT_EQ(read.records, 3001u);
  ASSERT_EQ(read.flows.size(), 3001u);
  EXPECT_DOUBLE_EQ(read.flows[2999].first_ts, static_cast<double>(kT0 + 2999));
  EXPECT_EQ(read.flows[3000].client, "10.1.0.3");
  // Streamed: the same flows, one at a time, with the same counts.
  std::uint64_t seen = 0, last_port = 0;
  const IpfixCounts counts = for_each_ipfix_flow(path, [&](const Flow& f) {
    ++seen;
    last_port = f.server_port;
  });
  EXPECT_EQ(seen, 3001u);
  EXPECT_EQ(last_port, 80u);
  EXPECT_EQ(counts.flows, 3001u);
  EXPECT_EQ(counts.records, 3001u);
  EXPECT_EQ(counts.messages, read.messages);
}

TEST(IpfixReader, OptionsRecordsAndRecordsWithoutAddressesAreSkipped) {
  TempDir dir;
  const std::string path = dir.file("stats.ipfix");
  {
    IpfixWriter w(path);
    w.add_template(400, {{"observationDomainId", 4}, {"exportedFlowRecordTotalCount", 8}}, 1);
    w.add_template(401, {{"ingressInterface", 4}, {"flowStartMilliseconds", 8}});  // no addresses: not a flow
    add_uniflow4(w, 256);
    IpfixRecord stats;
    w.append(400, stats.u32(1).u64(99));
    IpfixRecord other;
    w.append(401, other.u32(3).u64(kT0 * 1000));
    w.append(256, uniflow4("10.1.0.1", "10.9.0.1", 80, kT0, 1, 100, 1));
  }
  const IpfixFlows read = read_ipfix(path);
  EXPECT_EQ(read.records, 3u);
  EXPECT_EQ(read.skipped, 2u);
  ASSERT_EQ(read.flows.size(), 1u);
  EXPECT_EQ(read.flows[0].client, "10.1.0.1");
}

TEST(IpfixReader, ATemplateLackingPortsNamesTheRecordAndTheElement) {
  TempDir dir;
  const std::string path = dir.file("noports.ipfix");
  {
    IpfixWriter w(path);
    add_uniflow4(w, 256);
    w.add_template(258, {{"flowStartMilliseconds", 8},
                         {"flowEndMilliseconds", 8},
                         {"octetDeltaCount", 8},
                         {"packetDeltaCount", 8},
                         {"sourceIPv4Address", 4},
                         {"destinationIPv4Address", 4}});
    w.append(256, uniflow4("10.1.0.1", "10.9.0.1", 80, kT0, 1, 100, 1));
    IpfixRecord r;
    r.u64(kT0 * 1000).u64(kT0 * 1000 + 5).u64(100).u64(1).ipv4("10.1.0.2").ipv4("10.9.0.2");
    w.append(258, r);
  }
  InputPlace place;
  const std::string what = error_of(path, &place);
  EXPECT_EQ(place.file, path);
  EXPECT_EQ(place.line, 2u);  // the second record
  EXPECT_EQ(place.field, "destinationTransportPort");
  EXPECT_NE(what.find("template 258"), std::string::npos) << what;
}

TEST(IpfixReader, MissingTimesOrCountersAreNamed) {
  TempDir dir;
  const auto field_of = [&](std::initializer_list<minewatch::testing::IpfixField> fields, IpfixRecord r) {
    const std::string path = dir.file("incomplete.ipfix");
    {
      IpfixWriter w(path);
      w.add_template(256, fields);
      w.append(256, std::move(r));
    }
    InputPlace place;
    const std::string what = error_of(path, &place);
    EXPECT_EQ(place.line, 1u) << what;
    return place.field;
  };
  IpfixRecord no_start;
  no_start.ipv4("10.0.0.1").ipv4("10.0.0.2").u16(80).u64(1).u64(1);
  EXPECT_EQ(field_of({{"sourceIPv4Address", 4},
                      {"destinationIPv4Address", 4},
                      {"destinationTransportPort", 2},
                      {"octetDeltaCount", 8},
                      {"packetDeltaCount", 8}},
                     no_start),
            "flowStartMilliseconds");
  IpfixRecord no_packets;
  no_packets.ipv4("10.0.0.1").ipv4("10.0.0.2").u16(80).u64(1).u32(1).u32(2);
  EXPECT_EQ(field_of({{"sourceIPv4Address", 4},
                      {"destinationIPv4Address", 4},
                      {"destinationTransportPort", 2},
                      {"octetDeltaCount", 8},
                      {"flowStartSeconds", 4},
                      {"flowEndSeconds", 4}},
                     no_packets),
            "packetDeltaCount");
  IpfixRecord half_address;
  half_address.ipv4("10.0.0.1").u16(80);
  EXPECT_EQ(field_of({{"sourceIPv4Address", 4}, {"destinationTransportPort", 2}}, half_address),
            "destinationIPv4Address");
}

TEST(IpfixReader, TruncatedOrCorruptFilesAreInputErrorsNamingTheMessage) {
  TempDir dir;
  const std::string good = dir.file("good.ipfix");
  {
    IpfixWriter w(good);
    add_uniflow4(w, 256);
    w.append(256, uniflow4("10.1.0.1", "10.9.0.1", 80, kT0, 1, 100, 1));
    w.emit();
    w.append(256, uniflow4("10.1.0.2", "10.9.0.1", 80, kT0, 1, 100, 1));
  }
  const std::string bytes = minewatch::testing::read_file(good);
  ASSERT_GT(bytes.size(), 40u);
  // The messages' ends: the file cut there is a whole, shorter file.
  std::set<std::size_t> ends;
  for (std::size_t at = 0; at + 4 <= bytes.size();) {
    at += static_cast<unsigned char>(bytes[at + 2]) << 8 | static_cast<unsigned char>(bytes[at + 3]);
    ends.insert(at);
  }
  ASSERT_EQ(ends.size(), 3u);  // the templates, then one record per message
  ASSERT_EQ(*ends.rbegin(), bytes.size());
  // Cut anywhere else: never a crash, never a partial read passed off as the file.
  for (std::size_t cut = 1; cut < bytes.size(); ++cut) {
    if (ends.count(cut)) continue;
    const std::string path = dir.write("cut.ipfix", bytes.substr(0, cut));
    InputPlace place;
    const std::string what = error_of(path, &place);
    EXPECT_EQ(place.file, path) << "cut at " << cut << ": " << what;
    EXPECT_EQ(place.field, "message") << what;
  }
  InputPlace place;
  const std::string last = error_of(dir.write("cut.ipfix", bytes.substr(0, bytes.size() - 3)), &place);
  EXPECT_NE(last.find("IPFIX message 3 at byte"), std::string::npos) << last;
  EXPECT_NE(last.find("cut short"), std::string::npos) << last;
  EXPECT_EQ(place.line, 2u);  // the record that could not be read

  std::string bad_set = bytes;
  bad_set[18] = '\x7f';  // the first set's length, far beyond the message
  EXPECT_NE(error_of(dir.write("bad_set.ipfix", bad_set)).find("the set at byte 16"), std::string::npos);
  EXPECT_NE(error_of(dir.write("text.ipfix", "ts,src_ip\n1,2\n")).find("not IPFIX"), std::string::npos);
  std::string netflow9(24, '\0');
  netflow9[1] = 9;
  EXPECT_NE(error_of(dir.write("nf9.ipfix", netflow9)).find("NetFlow v9"), std::string::npos);
  EXPECT_NE(error_of(dir.write("empty.ipfix", "")).find("empty"), std::string::npos);
  EXPECT_NE(error_of(dir.file("absent.ipfix")).find("cannot open"), std::string::npos);
  EXPECT_NE(error_of(dir.path().string()).find("read error"), std::string::npos);  // a directory
}

TEST(IpfixReader, ATemplateOfRecordsWithoutLengthIsAnError) {
  // fuzz_ipfix found hangs of this kind: libfixbuf returns the same empty record forever for such a template.
  const std::string message = std::string("\x00\x0a\x00\x24\x69\x56\x8d\x00", 8) + std::string(8, '\0') +
                              std::string("\x00\x02\x00\x0c\x01\x00\x00\x01\x00\x04\x00\x00", 12) +
                              std::string("\x01\x00\x00\x08\x06\x06\x06\x06", 8);
  ASSERT_EQ(message.size(), 0x24u);
  TempDir dir;
  const std::string what = error_of(dir.write("empty_records.ipfix", message));
  EXPECT_NE(what.find("template 256 describes records of no length"), std::string::npos) << what;
}

TEST(IpfixReader, ADataSetWithoutItsTemplateIsAnError) {
  TempDir dir;
  const std::string path = dir.file("full.ipfix");
  {
    IpfixWriter w(path);
    add_uniflow4(w, 256);
    w.emit();  // the template in a message of its own
    w.append(256, uniflow4("10.1.0.1", "10.9.0.1", 80, kT0, 1, 100, 1));
  }
  const std::string bytes = minewatch::testing::read_file(path);
  const std::size_t first = static_cast<unsigned char>(bytes[2]) << 8 | static_cast<unsigned char>(bytes[3]);
  ASSERT_LT(first, bytes.size());
  // Without its first message the file holds records of a template it never defines: fixbuf alone would skip
  // them with a warning.
  const std::string what = error_of(dir.write("orphan.ipfix", bytes.substr(first)));
  EXPECT_NE(what.find("IPFIX message 1 at byte 0: a data set for template 256"), std::string::npos) << what;
}

}  // namespace
}  // namespace minewatch::net
