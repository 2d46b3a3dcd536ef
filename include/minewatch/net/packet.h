// net layer: one captured packet decoded down to its TCP or UDP payload. Only the headers are read; the
// payload is a view into the capture buffer, valid until the next packet (payloads are never kept).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace minewatch::net {

inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;

// TCP flag bits as they sit in the header.
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpAck = 0x10;

// An IPv4 or IPv6 address as its bytes: the flow table compares and hashes these per packet, and only
// turns them into text once per flow.
struct Address {
  std::array<std::uint8_t, 16> bytes{};  // IPv4 in the first 4, the rest zero
  std::uint8_t size = 0;                 // 4 or 16

  std::string text() const;  // "10.0.0.1", "2001:db8::1"
  friend bool operator==(const Address&, const Address&) = default;
};

struct Packet {
  double ts = 0;  // seconds since 1970 (UTC)
  Address src, dst;
  std::uint16_t sport = 0, dport = 0;
  std::uint8_t proto = 0;  // kTcp or kUdp
  std::uint8_t tcp_flags = 0;
  std::uint32_t seq = 0;  // TCP sequence number of the first payload byte
  std::span<const std::uint8_t> payload;
  std::span<const std::uint8_t> ip;  // the whole IP packet (for nDPI), within the frame
};

// The link types we decode (libpcap's DLT_ numbers, stable across platforms).
inline constexpr int kLinkEthernet = 1;
inline constexpr int kLinkRaw = 101;      // LINKTYPE_RAW: a bare IPv4 or IPv6 packet
inline constexpr int kLinkRawDlt12 = 12;  // DLT_RAW on most BSD-derived systems
inline constexpr int kLinkRawDlt14 = 14;  // DLT_RAW on OpenBSD
inline constexpr int kLinkLinuxSll = 113;
inline constexpr int kLinkLinuxSll2 = 276;

bool link_type_supported(int link_type);

// Decodes Ethernet (with 802.1Q tags and PPPoE sessions), Linux cooked (SLL, SLL2) or raw IP frames carrying
// IPv4 or IPv6 with TCP or UDP. nullopt for anything else: ARP, ICMP, fragments after the first, or a header
// cut short by the capture's snap length. Never reads outside `frame`.
std::optional<Packet> decode_packet(int link_type, std::span<const std::uint8_t> frame);

}  // namespace minewatch::net
