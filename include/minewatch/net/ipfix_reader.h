// net layer: flow records in IPFIX files (RFC 7011 section 10: a stream of IPFIX messages, as yaf,
// super_mediator or ipfixDump write them), decoded through libfixbuf. No payload: like the CSV flow records
// (flow_records.h), only pool endpoints and the long-lived low-volume pattern can be seen in them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "minewatch/net/flow.h"

namespace minewatch::net {

struct IpfixCounts {
  std::uint64_t messages = 0;  // IPFIX messages in the file
  std::uint64_t records = 0;   // data records, flows and skipped ones together
  std::uint64_t skipped = 0;   // options records and records without a source and destination address
  std::uint64_t flows = 0;
};

// Calls on_flow for each flow record in file order, holding one IPFIX message (at most 64 KiB) at a time; the
// Flow passed is reused between calls. client = sourceIPv4Address/sourceIPv6Address, server = the
// destination, server_port = destinationTransportPort, proto = protocolIdentifier (0 when absent), times from
// flowStart/EndMilliseconds, flowStart/EndSeconds or flowStart/EndSysUpTime with systemInitTimeMilliseconds
// (or the start and flowDurationMilliseconds), bytes_up and packets_up from octetDeltaCount/octetTotalCount
// and packetDeltaCount/packetTotalCount, bytes_down and packets_down from their RFC 5103 reverse elements
// when present (biflows). A record whose template lacks a needed element is an InputError naming the file,
// the record's number (1-based, over the file's data records) and the element; a file that is not IPFIX, or a
// message cut short or malformed, an InputError naming the file, the message and its byte offset.
IpfixCounts for_each_ipfix_flow(const std::string& path, const std::function<void(const Flow&)>& on_flow);

// The same, all flows of the file at once (tests, small files).
struct IpfixFlows {
  std::vector<Flow> flows;
  std::uint64_t messages = 0, records = 0, skipped = 0;
};
IpfixFlows read_ipfix(const std::string& path);

}  // namespace minewatch::net
