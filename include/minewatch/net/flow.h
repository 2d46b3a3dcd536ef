// net layer: what is kept of one connection: metadata and recognised messages, never its payload. Both the
// capture reader (flow_table.h) and flow records (flow_records.h) produce these.
#pragma once

#include <cstdint>
#include <string>

#include "minewatch/net/mining_messages.h"

namespace minewatch::net {

struct Flow {
  std::string client;  // the subscriber side: the connection's initiator or the side speaking as a miner
  std::string server;
  std::uint16_t server_port = 0;
  std::uint8_t proto = 0;  // kTcp, kUdp, or 0 when a flow record does not say
  double first_ts = 0, last_ts = 0;
  std::uint64_t bytes_up = 0, bytes_down = 0;  // client -> server, server -> client (payload bytes)
  std::uint64_t packets_up = 0, packets_down = 0;
  double max_gap_s = -1;     // the longest silence between two packets; -1 when unknown (flow records)
  bool has_payload = false;  // from a capture: messages were looked for
  MessageCounts messages;
  NodeProtocol node = NodeProtocol::none;
  std::string server_name;    // from TLS SNI or a DNS answer in the same capture; empty when none
  std::string ndpi_protocol;  // nDPI's classification (a second opinion); empty when unknown or not run
  bool ndpi_mining = false;   // nDPI said NDPI_PROTOCOL_MINING

  double duration_s() const { return last_ts - first_ts; }
};

}  // namespace minewatch::net
