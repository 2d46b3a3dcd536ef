// net layer: from flows to one verdict per subscriber address, with a score in [0,1] and plain reasons.
// docs/network.md explains the evidence levels.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "minewatch/net/flow.h"
#include "minewatch/net/lease_table.h"
#include "minewatch/net/pool_list.h"

namespace minewatch::net {

// Evidence levels (the score of the strongest flow of an address).
inline constexpr double kScoreProtocol = 0.8;      // a mining protocol's messages; +0.1 shares, +0.1 pool
inline constexpr double kScorePoolEndpoint = 0.5;  // a known pool endpoint (content unseen), or nDPI alone
inline constexpr double kScorePattern = 0.25;      // only the long-lived, low-volume, two-way pattern
// An address at or above this is reported as mining by scripts/eval_net.sh.
inline constexpr double kMiningThreshold = 0.5;

struct FlowEvidence {
  double score = 0;
  std::string protocol;  // "Stratum", "eth-proxy", "Monero Stratum", "getblocktemplate"; empty when none
  std::string pool;      // the matched pool's name
  std::uint32_t shares = 0;
  std::string reason;  // empty when the flow says nothing
};

// The long-lived low-volume pattern: minutes or more, small packets, both ways, no long silence.
bool long_lived_low_volume(const Flow& flow);
FlowEvidence assess_flow(const Flow& flow, const PoolList& pools);

struct AddressVerdict {
  // With leases: the subscriber who held the addresses when the flows began (empty for flows no lease
  // covers, which stay one row per address). Without leases: empty.
  std::string subscriber_id;
  std::string address;  // without leases the address; with them every address the subscriber used, ';'-joined
  std::uint64_t sessions = 0;
  double first_seen = 0, last_seen = 0;
  std::set<std::string> pools, protocols;
  std::uint64_t shares = 0;
  double share_rate_per_min = 0;  // shares over the minutes of the flows that carried a mining protocol
  double net_score = 0;
  std::vector<std::string> reasons;  // strongest first
};

// Verdicts built one flow at a time, so flow records are never all held: per row only counters, the
// addresses and the three strongest reasons are kept.
class VerdictBuilder {
 public:
  // `pools` and `leases` (null: one row per address) must outlive the builder.
  VerdictBuilder(const PoolList& pools, const LeaseTable* leases);
  void add(const Flow& flow);
  // The verdicts, as assess_addresses orders them; the builder is left empty.
  std::vector<AddressVerdict> finish();

 private:
  static constexpr std::size_t kReasonsShown = 3;
  struct Pending {
    AddressVerdict verdict;
    double mining_minutes = 0;
    std::uint64_t reason_flows = 0;                           // flows that gave a reason
    std::vector<std::pair<double, std::string>> top_reasons;  // (score, reason), strongest first
    std::vector<std::string> addresses;
  };
  const PoolList& pools_;
  const LeaseTable* leases_;
  // Keyed (subscriber, address): the address part is empty for a subscriber's row; ordered so that the
  // output does not depend on hashing.
  std::map<std::pair<std::string, std::string>, Pending> pending_;
};

// One verdict per client address, or with `leases` per subscriber (a flow joins the lease in force when it
// began), sorted by net_score (highest first), then subscriber and address.
std::vector<AddressVerdict> assess_addresses(const std::vector<Flow>& flows, const PoolList& pools,
                                             const LeaseTable* leases = nullptr);

// NET.csv: address,sessions,first_seen,last_seen,pools,protocols,shares,share_rate_per_min,net_score,reasons;
// by subscriber the first column is subscriber_id and `address` lists the addresses (';'-joined).
std::string net_csv(const std::vector<AddressVerdict>& verdicts, bool by_subscriber = false);

}  // namespace minewatch::net
