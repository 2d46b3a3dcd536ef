// sim layer: dynamic addresses of one transformer's covered subscribers (leases.csv). Each holds an address
// for a random 1-7 days (network.lease_days), then takes another from the area's pool; a released address
// goes back to the pool and another subscriber may take it later, so one address belongs to a miner one week
// and to a home the next. Leases of one address never overlap and a subscriber holds one address at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/network_plan.h"

namespace minewatch::sim {

// An address held over [from, to) (UTC seconds).
struct Lease {
  std::uint32_t address = 0;
  std::int64_t from = 0;
  std::int64_t to = 0;
};

struct UnitLeases {
  std::vector<std::uint32_t> meters;       // the covered meters of the unit, in meter order
  std::vector<std::vector<Lease>> leases;  // per entry of `meters`, in time order
};

// Draws the leases of transformer `unit` covering [from, to): the first began before `from`, the last ends at
// or after `to`.
void draw_unit_leases(const SimConfig& config, const GridPlan& plan, const NetworkPlan& net,
                      std::uint64_t seed, std::uint32_t unit, std::int64_t from, std::int64_t to,
                      UnitLeases& out);

// leases.csv rows (subscriber_id,ip,from,to) of a unit, appended to `out`; returns the number of rows.
std::uint64_t write_leases(const GridPlan& plan, const UnitLeases& leases, std::string& out);

// The lease holding instant t, or nullptr.
const Lease* lease_at(const std::vector<Lease>& leases, std::int64_t t);

}  // namespace minewatch::sim
