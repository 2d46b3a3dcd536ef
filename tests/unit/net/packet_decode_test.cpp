// decode_packet on hand-built frames: the link types and encapsulations we claim (802.1Q, PPPoE, Linux
// cooked, raw IPv6 with an extension header), Ethernet padding cut off by the IP length, and frames cut short
// refused rather than read past their end.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/net/packet.h"
#include "unit/net/pcap_writer.h"

namespace minewatch::net {
namespace {

using Bytes = std::vector<std::uint8_t>;

// IPv4 + UDP 5353 -> 53 carrying "hi", as the bytes after a link header.
Bytes ipv4_udp() {
  return {0x45, 0,    0, 30, 0, 1,  0, 0, 64,  17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2,  // IPv4
          0x14, 0xE9, 0, 53, 0, 10, 0, 0, 'h', 'i'};                                  // UDP
}

Bytes with_prefix(Bytes prefix, const Bytes& rest) {
  prefix.insert(prefix.end(), rest.begin(), rest.end());
  return prefix;
}

void expect_udp_hi(const std::optional<Packet>& p) {
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->src.text(), "192.0.2.1");
  EXPECT_EQ(p->dst.text(), "192.0.2.2");
  EXPECT_EQ(p->sport, 5353);
  EXPECT_EQ(p->dport, 53);
  EXPECT_EQ(p->proto, kUdp);
  EXPECT_EQ(std::string(p->payload.begin(), p->payload.end()), "hi");
}

const Bytes kMacs = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2};

TEST(PacketDecode, EthernetWithPaddingVlanAndPppoe) {
  Bytes plain = with_prefix(with_prefix(kMacs, {0x08, 0x00}), ipv4_udp());
  plain.insert(plain.end(), 16, 0);  // Ethernet's minimum-size padding is not payload
  expect_udp_hi(decode_packet(kLinkEthernet, plain));
  expect_udp_hi(decode_packet(kLinkEthernet,
                              with_prefix(with_prefix(kMacs, {0x81, 0x00, 0, 7, 0x08, 0x00}), ipv4_udp())));
  // Two VLAN tags, then a PPPoE session carrying IPv4 (PPP protocol 0x0021), as in benign_dns.pcap.
  const Bytes pppoe = {0x81, 0x00, 0, 7, 0x81, 0x00, 0, 8, 0x88, 0x64, 0x11, 0, 0, 1, 0, 32, 0x00, 0x21};
  expect_udp_hi(decode_packet(kLinkEthernet, with_prefix(with_prefix(kMacs, pppoe), ipv4_udp())));
}

TEST(PacketDecode, LinuxCookedAndRawIp) {
  Bytes sll(16, 0);
  sll[14] = 0x08;
  expect_udp_hi(decode_packet(kLinkLinuxSll, with_prefix(sll, ipv4_udp())));
  Bytes sll2(20, 0);
  sll2[0] = 0x08;
  expect_udp_hi(decode_packet(kLinkLinuxSll2, with_prefix(sll2, ipv4_udp())));
  expect_udp_hi(decode_packet(kLinkRaw, ipv4_udp()));
}

TEST(PacketDecode, Ipv6WithAnExtensionHeaderToTcp) {
  Bytes ip = {0x60, 0, 0, 0, 0, 8 + 20 + 3, 0, 64};  // next header 0: hop-by-hop options
  for (const int last : {5, 6}) {                    // 2001:db8::5 -> 2001:db8::6
    ip.insert(ip.end(), {0x20, 0x01, 0x0d, 0xb8});
    ip.insert(ip.end(), 11, 0);
    ip.push_back(static_cast<std::uint8_t>(last));
  }
  ip.insert(ip.end(), {6, 0, 1, 4, 0, 0, 0, 0});  // hop-by-hop: next TCP, 8 bytes
  ip.insert(ip.end(), {0xC3, 0x50, 0x0D, 0x05, 0, 0, 0, 42, 0, 0, 0, 0, 0x50, 0x18, 0xFF, 0xFF, 0, 0, 0, 0});
  ip.insert(ip.end(), {'a', 'b', 'c'});
  const auto p = decode_packet(kLinkRaw, ip);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->src.text(), "2001:db8::5");
  EXPECT_EQ(p->dst.text(), "2001:db8::6");
  EXPECT_EQ(p->proto, kTcp);
  EXPECT_EQ(p->dport, 3333);
  EXPECT_EQ(p->seq, 42u);
  EXPECT_EQ(std::string(p->payload.begin(), p->payload.end()), "abc");
  EXPECT_EQ(p->ip.size(), ip.size());
}

TEST(PacketDecode, EveryCutShortFrameIsRefusedOrInside) {
  const std::uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
  const Bytes frame = minewatch::testing::tcp_frame(a, b, 40000, 3333, 7, 0x18, "mining.submit");
  for (std::size_t n = 0; n < frame.size(); ++n) {
    const Bytes cut(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(n));
    const auto p = decode_packet(kLinkEthernet, cut);
    if (n < 14 + 20 + 20) {
      EXPECT_FALSE(p.has_value()) << "headers cut at " << n;
    } else {
      ASSERT_TRUE(p.has_value()) << n;
      EXPECT_EQ(p->payload.size(), n - 54) << "a payload cut by the snap length keeps what was captured";
    }
  }
  EXPECT_FALSE(decode_packet(kLinkEthernet, with_prefix(kMacs, {0x08, 0x06, 0, 1})).has_value());  // ARP
  EXPECT_FALSE(decode_packet(147, frame).has_value());  // a link type we do not read
}

}  // namespace
}  // namespace minewatch::net
