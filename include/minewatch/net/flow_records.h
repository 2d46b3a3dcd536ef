// net layer: flow records a telecom already keeps (NetFlow/IPFIX exports reduced to a CSV):
// ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]. No payload: only pool endpoints and the long-lived
// low-volume pattern can be seen in them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "minewatch/net/flow.h"

namespace minewatch::net {

// Calls on_flow for each row in file order, holding one block of the file at a time; returns the number of
// records. The Flow passed is reused between calls. InputError naming file, line and field for a bad row.
std::uint64_t for_each_flow_record(const std::string& path, const std::function<void(const Flow&)>& on_flow);

// One Flow per row (src_ip the client; bytes and packets both directions together, in bytes_up and
// packets_up). InputError naming file, line and field for a bad row.
std::vector<Flow> read_flow_records(const std::string& path);

}  // namespace minewatch::net
