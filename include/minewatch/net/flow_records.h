// net layer: flow records a telecom already keeps (NetFlow/IPFIX exports reduced to a CSV):
// ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]. No payload: only pool endpoints and the long-lived
// low-volume pattern can be seen in them.
#pragma once

#include <string>
#include <vector>

#include "minewatch/net/flow.h"

namespace minewatch::net {

// One Flow per row (src_ip the client; bytes and packets both directions together, in bytes_up and
// packets_up). InputError naming file, line and field for a bad row.
std::vector<Flow> read_flow_records(const std::string& path);

}  // namespace minewatch::net
