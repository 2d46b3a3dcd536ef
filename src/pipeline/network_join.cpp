// pipeline layer: one lookup per meter by its subscriber.
#include "minewatch/pipeline/network_join.h"

#include <unordered_set>

#include "minewatch/io/meter_registry.h"

namespace minewatch {

NetworkJoinCounts join_network_evidence(std::vector<SuspectRow>& rows,
                                        const net::SubscriberEvidenceFile& file,
                                        const NetFusionConfig& fusion) {
  NetworkJoinCounts counts;
  counts.subscribers = file.by_subscriber.size();
  std::unordered_set<std::string_view> matched;
  for (SuspectRow& row : rows) {
    if (row.info == nullptr || row.info->subscriber_id.empty()) continue;
    const auto found = file.by_subscriber.find(row.info->subscriber_id);
    if (found == file.by_subscriber.end()) continue;
    const net::SubscriberEvidence& e = found->second;
    matched.insert(found->first);
    ++counts.meters_seen;
    counts.meters_with_evidence += e.net_score > 0 ? 1 : 0;
    row.network.net_score = e.net_score;
    row.network.mining_with_net = fuse_mining_with_net(row.mining.score, e.net_score, fusion);
    row.network.reason = e.reasons;
  }
  counts.subscribers_matched = matched.size();
  return counts;
}

}  // namespace minewatch
