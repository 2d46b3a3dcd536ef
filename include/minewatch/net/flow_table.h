// net layer: packets -> flows. Each TCP direction is put back in sequence order and fed to a MessageScanner
// as it arrives; only counters, a short scan tail and a few header bytes are held per flow.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "minewatch/net/flow.h"
#include "minewatch/net/ndpi_opinion.h"
#include "minewatch/net/packet.h"

namespace minewatch::net {

class FlowTable {
 public:
  void add(const Packet& packet);
  // The flows with client and server decided; the table is left empty.
  std::vector<Flow> finish();

 private:
  struct Direction {
    bool started = false;
    std::uint32_t next_seq = 0;
    std::uint64_t bytes = 0, packets = 0;
    bool syn_only = false;  // sent a SYN without ACK: this side opened the connection
    bool head_checked = false;
    MessageScanner scanner;
  };
  struct State {
    Address a, b;  // a: the sender of the first packet seen
    std::uint16_t a_port = 0, b_port = 0;
    std::uint8_t proto = 0;
    double first_ts = 0, last_ts = 0, max_gap_s = 0;
    Direction from_a, from_b;
    NodeProtocol node = NodeProtocol::none;
    std::string sni;
    std::unique_ptr<NdpiFlow> ndpi;  // nDPI's state until it decides
  };
  // Both directions of a connection share one key: the lower (address, port) end first.
  struct Key {
    Address lo, hi;
    std::uint16_t lo_port = 0, hi_port = 0;
    std::uint8_t proto = 0;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };

  void add_payload(State& flow, Direction& dir, const Packet& packet);

  std::unordered_map<Key, State, KeyHash> flows_;  // finish() sorts: the output does not depend on hashing
  std::unordered_map<std::string, std::string> names_;  // address -> host name from DNS answers
  NdpiModule ndpi_;
};

}  // namespace minewatch::net
