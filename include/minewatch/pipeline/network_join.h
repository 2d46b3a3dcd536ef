// pipeline layer: network evidence joined to meters. NET.csv (by subscriber, from `minewatch net scan
// --leases`) names subscribers; the registry's subscriber_id names each meter's; every meter of a subscriber
// gets the subscriber's net_score and its mining probability fused with it (cases/net_fusion.h).
#pragma once

#include <cstddef>
#include <vector>

#include "minewatch/cases/net_fusion.h"
#include "minewatch/net/net_file.h"
#include "minewatch/pipeline/scan_outputs.h"

namespace minewatch {

struct NetworkJoinCounts {
  std::size_t subscribers = 0;           // subscribers in NET.csv
  std::size_t subscribers_matched = 0;   // of them, with a meter in the scan
  std::size_t meters_seen = 0;           // meters whose subscriber the network saw
  std::size_t meters_with_evidence = 0;  // of them, with net_score > 0
};

NetworkJoinCounts join_network_evidence(std::vector<SuspectRow>& rows,
                                        const net::SubscriberEvidenceFile& file,
                                        const NetFusionConfig& fusion);

}  // namespace minewatch
