// net layer: reading back NET.csv by subscriber (written by `minewatch net scan --leases`), for a meter scan
// to join network evidence to meters through meters.csv's subscriber_id.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace minewatch::net {

struct SubscriberEvidence {
  double net_score = 0;
  std::string reasons;
  std::string pools;
};

struct SubscriberEvidenceFile {
  std::unordered_map<std::string, SubscriberEvidence> by_subscriber;
  std::size_t unleased_rows = 0;  // rows of addresses no lease covered: they name no subscriber
};

// InputError naming file, line and field for a bad row, a repeated subscriber, or a NET.csv by address
// (without the subscriber_id column: the scan that wrote it had no lease table).
SubscriberEvidenceFile read_subscriber_evidence(const std::string& path);

}  // namespace minewatch::net
