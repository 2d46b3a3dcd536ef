// net layer: link, IP and transport headers of one frame. Bounds are checked before every read because the
// frames come from files anyone can write (tests/fuzz/fuzz_pcap.cpp).
#include <arpa/inet.h>

#include <cstring>

#include "minewatch/net/packet.h"

namespace minewatch::net {
namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint16_t be16(Bytes b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

std::uint32_t be32(Bytes b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) << 24 | static_cast<std::uint32_t>(b[at + 1]) << 16 |
         static_cast<std::uint32_t>(b[at + 2]) << 8 | b[at + 3];
}

Address address_at(const std::uint8_t* bytes, std::uint8_t size) {
  Address a;
  a.size = size;
  std::memcpy(a.bytes.data(), bytes, size);
  return a;
}

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86DD;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint16_t kEtherQinQ = 0x88A8;
constexpr std::uint16_t kEtherPppoe = 0x8864;

// TCP or UDP header at the start of `l4`; fills ports, flags and the payload.
bool decode_transport(std::uint8_t proto, Bytes l4, Packet& p) {
  p.proto = proto;
  if (proto == kUdp) {
    if (l4.size() < 8) return false;
    p.sport = be16(l4, 0);
    p.dport = be16(l4, 2);
    p.payload = l4.subspan(8);
    return true;
  }
  if (proto != kTcp || l4.size() < 20) return false;
  const std::size_t header = static_cast<std::size_t>(l4[12] >> 4) * 4;
  if (header < 20 || header > l4.size()) return false;
  p.sport = be16(l4, 0);
  p.dport = be16(l4, 2);
  p.seq = be32(l4, 4);
  p.tcp_flags = l4[13];
  p.payload = l4.subspan(header);
  return true;
}

bool decode_ipv4(Bytes ip, Packet& p) {
  if (ip.size() < 20 || ip[0] >> 4 != 4) return false;
  const std::size_t header = static_cast<std::size_t>(ip[0] & 0x0F) * 4;
  const std::size_t total = be16(ip, 2);
  if (header < 20 || total < header || header > ip.size()) return false;
  // A fragment other than the first carries no transport header.
  if ((be16(ip, 6) & 0x1FFF) != 0) return false;
  p.src = address_at(ip.data() + 12, 4);
  p.dst = address_at(ip.data() + 16, 4);
  // Ethernet pads short frames: the IP total length, not the frame, says where the packet ends.
  const std::size_t end = total < ip.size() ? total : ip.size();
  p.ip = ip.first(end);
  return decode_transport(ip[9], ip.subspan(header, end - header), p);
}

bool decode_ipv6(Bytes ip, Packet& p) {
  if (ip.size() < 40 || ip[0] >> 4 != 6) return false;
  p.src = address_at(ip.data() + 8, 16);
  p.dst = address_at(ip.data() + 24, 16);
  const std::size_t end = 40 + static_cast<std::size_t>(be16(ip, 4));
  Bytes rest = ip.subspan(40, (end < ip.size() ? end : ip.size()) - 40);
  p.ip = ip.first(40 + rest.size());
  std::uint8_t next = ip[6];
  // Walk the common extension headers (hop-by-hop, routing, destination options) to TCP or UDP.
  for (int hops = 0; hops < 8 && (next == 0 || next == 43 || next == 60); ++hops) {
    if (rest.size() < 8) return false;
    const std::size_t length = (static_cast<std::size_t>(rest[1]) + 1) * 8;
    if (length > rest.size()) return false;
    next = rest[0];
    rest = rest.subspan(length);
  }
  return decode_transport(next, rest, p);
}

bool decode_ip(Bytes ip, Packet& p) {
  if (ip.empty()) return false;
  if (ip[0] >> 4 == 4) return decode_ipv4(ip, p);
  if (ip[0] >> 4 == 6) return decode_ipv6(ip, p);
  return false;
}

bool decode_ether_payload(std::uint16_t type, Bytes rest, Packet& p) {
  for (int tags = 0; tags < 4 && (type == kEtherVlan || type == kEtherQinQ); ++tags) {
    if (rest.size() < 4) return false;
    type = be16(rest, 2);
    rest = rest.subspan(4);
  }
  if (type == kEtherPppoe) {
    // PPPoE session header (6 bytes), then the PPP protocol: 0x0021 IPv4, 0x0057 IPv6.
    if (rest.size() < 8) return false;
    const std::uint16_t ppp = be16(rest, 6);
    if (ppp != 0x0021 && ppp != 0x0057) return false;
    return decode_ip(rest.subspan(8), p);
  }
  if (type == kEtherIpv4 || type == kEtherIpv6) return decode_ip(rest, p);
  return false;
}

}  // namespace

std::string Address::text() const {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(size == 4 ? AF_INET : AF_INET6, bytes.data(), text, sizeof text);
  return text;
}

bool link_type_supported(int link_type) {
  return link_type == kLinkEthernet || link_type == kLinkRaw || link_type == kLinkRawDlt12 ||
         link_type == kLinkRawDlt14 || link_type == kLinkLinuxSll || link_type == kLinkLinuxSll2;
}

std::optional<Packet> decode_packet(int link_type, std::span<const std::uint8_t> frame) {
  Packet p;
  bool ok = false;
  switch (link_type) {
    case kLinkEthernet:
      ok = frame.size() >= 14 && decode_ether_payload(be16(frame, 12), frame.subspan(14), p);
      break;
    case kLinkLinuxSll:  // 16-byte cooked header, protocol at 14
      ok = frame.size() >= 16 && decode_ether_payload(be16(frame, 14), frame.subspan(16), p);
      break;
    case kLinkLinuxSll2:  // 20-byte cooked header, protocol first
      ok = frame.size() >= 20 && decode_ether_payload(be16(frame, 0), frame.subspan(20), p);
      break;
    case kLinkRaw:
    case kLinkRawDlt12:
    case kLinkRawDlt14:
      ok = decode_ip(frame, p);
      break;
    default:
      break;
  }
  if (!ok) return std::nullopt;
  return p;
}

}  // namespace minewatch::net
