// tests/unit/net: captures written by the tests themselves through libpcap (pcap_open_dead + pcap_dump),
// Ethernet/IPv4/TCP frames with correct sequence numbers.
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch::testing {

struct Frame {
  double ts;
  std::vector<std::uint8_t> bytes;
};

// Element by element: GCC 12 at -O3 reports a false -Warray-bounds on vector::insert of a list here.
inline void append(std::vector<std::uint8_t>& b, std::initializer_list<std::uint8_t> bytes) {
  for (std::uint8_t x : bytes) b.push_back(x);
}

inline void put16(std::vector<std::uint8_t>& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}

inline void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  put16(b, static_cast<std::uint16_t>(v >> 16));
  put16(b, static_cast<std::uint16_t>(v));
}

// An Ethernet frame with IPv4 (addresses as 4 bytes) and a TCP segment carrying `payload`.
inline std::vector<std::uint8_t> tcp_frame(const std::uint8_t (&src)[4], const std::uint8_t (&dst)[4],
                                           std::uint16_t sport, std::uint16_t dport, std::uint32_t seq,
                                           std::uint8_t flags, std::string_view payload) {
  std::vector<std::uint8_t> b = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00};
  append(b, {0x45, 0});
  put16(b, static_cast<std::uint16_t>(40 + payload.size()));
  append(b, {0, 1, 0x40, 0, 64, 6, 0, 0});
  for (std::uint8_t x : src) b.push_back(x);
  for (std::uint8_t x : dst) b.push_back(x);
  put16(b, sport);
  put16(b, dport);
  put32(b, seq);
  put32(b, 0);
  append(b, {0x50, flags, 0xFF, 0xFF, 0, 0, 0, 0});
  for (char c : payload) b.push_back(static_cast<std::uint8_t>(c));
  return b;
}

// One side's byte stream of a TCP connection: each send advances the sequence number.
struct TcpSide {
  std::uint8_t self[4], peer[4];
  std::uint16_t self_port, peer_port;
  std::uint32_t seq;
  Frame syn(double ts, bool ack) {
    Frame f{ts, tcp_frame(self, peer, self_port, peer_port, seq, ack ? 0x12 : 0x02, {})};
    ++seq;
    return f;
  }
  Frame send(double ts, std::string_view payload) {
    Frame f{ts, tcp_frame(self, peer, self_port, peer_port, seq, 0x18, payload)};
    seq += static_cast<std::uint32_t>(payload.size());
    return f;
  }
};

inline void write_capture(const std::string& path, const std::vector<Frame>& frames, int link_type = 1) {
  pcap_t* dead = pcap_open_dead(link_type, 65535);
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  if (!dumper) throw std::runtime_error("pcap_dump_open failed for " + path);
  for (const Frame& f : frames) {
    pcap_pkthdr header{};
    header.ts.tv_sec = static_cast<time_t>(f.ts);
    header.ts.tv_usec = static_cast<suseconds_t>((f.ts - static_cast<double>(header.ts.tv_sec)) * 1e6);
    header.caplen = header.len = static_cast<bpf_u_int32>(f.bytes.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper), &header, f.bytes.data());
  }
  pcap_dump_close(dumper);
  pcap_close(dead);
}

}  // namespace minewatch::testing
