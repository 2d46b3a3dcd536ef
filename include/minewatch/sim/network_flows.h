// sim layer: the flow records (flows.csv, the net layer's flow-record CSV ts,src_ip,dst_ip,dst_port,bytes,
// packets,duration_s) of one transformer's covered subscribers, as an exporter with an active timeout of one
// hour writes them: a connection open for a day is 24 records. Miners talk to their pool (or VPN server) only
// while their rigs run, taken from the load generator itself (RigRun); homes browse, some keep an always-on
// push connection, a few run a Bitcoin node. docs/simulator.md, "Network data", gives the numbers.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/sim/network_leases.h"
#include "minewatch/sim/network_plan.h"
#include "minewatch/sim/rng.h"

namespace minewatch::sim {

// A region's network window: leases cover [period_from, period_to) (its local days of the simulation), flow
// records [flows_from, period_to) (the last network.flow_days local days).
struct NetworkWindow {
  std::int64_t period_from = 0;
  std::int64_t period_to = 0;
  std::int64_t flows_from = 0;
};

struct NetworkUnitStats {
  std::uint64_t leases = 0;
  std::uint64_t flows = 0;
};

class NetworkGenerator {
 public:
  // `windows` per region. Keeps references: the arguments must outlive the generator.
  NetworkGenerator(const SimConfig& config, const GridPlan& plan, const NetworkPlan& net, std::uint64_t seed,
                   const std::vector<NetworkWindow>& windows);

  // Replaces `leases` and `flows` with the unit's rows; `runs` are the unit's rig runs, by meter and time.
  NetworkUnitStats generate(std::uint32_t unit, std::span<const RigRun> runs, std::string& leases,
                            std::string& flows);

 private:
  struct Record {
    std::int64_t ts = 0;
    std::uint32_t src = 0;
    std::uint32_t dst = 0;
    std::uint16_t port = 0;
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
    std::int64_t duration = 0;
  };
  struct Endpoint {
    std::uint32_t address = 0;
    std::uint16_t port = 0;
  };

  void subscriber(std::uint32_t meter, const std::vector<Lease>& leases, std::span<const RigRun> runs,
                  const NetworkWindow& w);
  Endpoint site_endpoint(const MeterPlan& m, NetKind kind) const;
  std::uint32_t server(Rng& rng) const;
  // A connection open over [from, to): one record an hour, a new connection when the address changes. `fill`
  // sets bytes and packets of a record from its duration.
  template <typename Fill>
  void connection(const std::vector<Lease>& leases, std::int64_t from, std::int64_t to, Endpoint dst,
                  Fill fill);
  void web(Rng& rng, const std::vector<Lease>& leases, const NetworkWindow& w, bool business);
  std::uint64_t write(std::string& out);

  const SimConfig& config_;
  const NetworkConfig& n_;
  const GridPlan& plan_;
  const NetworkPlan& net_;
  std::uint64_t seed_;
  const std::vector<NetworkWindow>& windows_;
  Ipv4Range servers_, unlisted_, vpn_;
  std::vector<Endpoint> listed_;
  UnitLeases leases_;
  std::vector<Record> records_;
};

}  // namespace minewatch::sim
