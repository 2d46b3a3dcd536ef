// net layer: reading a capture file (pcap or pcapng, through libpcap) packet by packet.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "minewatch/net/packet.h"

namespace minewatch::net {

struct CaptureCounts {
  std::uint64_t packets = 0;  // records in the file
  std::uint64_t decoded = 0;  // TCP or UDP over IPv4/IPv6
};

// Calls `on_packet(packet, number)` (number 1-based) for each TCP or UDP packet of `path`; other packets
// are counted and skipped. A file libpcap cannot open (not a capture, an unknown link type) or a record cut
// short or malformed is an InputError naming the file and, for a record, the packet's number.
CaptureCounts read_capture(const std::string& path,
                           const std::function<void(const Packet&, std::uint64_t number)>& on_packet);

}  // namespace minewatch::net
