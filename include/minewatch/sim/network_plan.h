// sim layer: what a telecom sees of the grid's subscribers (docs/simulator.md, "Network data"). Planned once
// before any reading, O(meters): who is the telecom's customer, what kind of traffic each one has, and the
// address pool of each area. One subscriber per meter (subscriber_id in meters.csv). Each transformer's
// covered subscribers share one pool of dynamic addresses (an access node's); leases and flows are then
// drawn per transformer by the workers (network_leases.h, network_flows.h), so memory stays O(meters).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

enum class NetKind : std::uint8_t {
  none,            // not the telecom's customer: no leases, no flows
  pool_listed,     // miner: Stratum to an endpoint data/net/pools.csv lists
  pool_tls,        // miner: an unlisted pool or proxy on 443 or a high port (only the flow pattern shows)
  vpn,             // miner: everything in one VPN tunnel, no pool flow visible
  home,            // web and video only
  home_keepalive,  // also an always-on push/IoT connection: long-lived and low-volume like a pool's
  bitcoin_node,    // also a Bitcoin node: long-lived connections to peers on port 8333
};
const char* net_kind_name(NetKind k);
constexpr bool is_miner_kind(NetKind k) {
  return k == NetKind::pool_listed || k == NetKind::pool_tls || k == NetKind::vpn;
}

// An IPv4 range [first, first + size).
struct Ipv4Range {
  std::uint32_t first = 0;
  std::uint64_t size = 0;
};
bool parse_ipv4(const std::string& text, std::uint32_t& address);
bool parse_cidr(const std::string& text, Ipv4Range& range);  // "100.64.0.0/10"
bool parse_endpoint(const std::string& text, std::uint32_t& address, std::uint16_t& port);
// Dotted quad into out (at most 15 chars); returns the end.
char* write_ipv4(char* out, std::uint32_t address);

// When a meter's rigs ran, [from, to) in UTC seconds (whole slots of the readings), recorded by
// the load generator itself (unit_generator.h) so that flows follow the rigs, not a second model of them.
struct RigRun {
  std::uint32_t meter = 0;
  std::int64_t from = 0;
  std::int64_t to = 0;
};

struct NetworkPlan {
  std::vector<NetKind> kinds;             // per meter
  std::vector<std::uint32_t> pool_first;  // per transformer: its first address index in the range
  std::vector<std::uint32_t> pool_size;   // per transformer: 0 when none of its subscribers is covered
  std::uint32_t covered = 0;
};

// Throws InputError (place: `source`, key network.*) for a bad [network] section.
void validate_network_config(const NetworkConfig& config, const std::string& source);

NetworkPlan plan_network(const SimConfig& config, const GridPlan& plan, std::uint64_t seed);

// The n-th usable address of the range: addresses ending in .0 and .255 are skipped (the range is /24 or
// wider, validate_network_config checks it).
std::uint32_t pool_address(const Ipv4Range& range, std::uint32_t index);

// net_truth.csv: subscriber_id,meter_id,covered,net_kind (one row per meter, in meter order).
std::string net_truth_csv(const GridPlan& plan, const NetworkPlan& net);

}  // namespace minewatch::sim
