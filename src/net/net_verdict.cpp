// net layer: flows grouped by client address into NET.csv rows.
#include "minewatch/net/net_verdict.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_header.h"

namespace minewatch::net {

std::vector<AddressVerdict> assess_addresses(const std::vector<Flow>& flows, const PoolList& pools,
                                             const LeaseTable* leases) {
  struct Pending {
    AddressVerdict verdict;
    double mining_minutes = 0;
    std::vector<std::pair<double, std::string>> reasons;  // (score, reason)
    std::set<std::string> addresses;
  };
  // Keyed (subscriber, address): the address part is empty for a subscriber's row.
  std::map<std::pair<std::string, std::string>, Pending> by_key;
  for (const Flow& f : flows) {
    const std::string* subscriber = leases ? leases->subscriber_at(f.client, f.first_ts) : nullptr;
    auto [it, fresh] = by_key.try_emplace(subscriber ? std::pair(*subscriber, std::string())
                                                     : std::pair(std::string(), f.client));
    Pending& p = it->second;
    AddressVerdict& v = p.verdict;
    if (fresh) {
      if (subscriber) v.subscriber_id = *subscriber;
      v.first_seen = f.first_ts;
      v.last_seen = f.last_ts;
    }
    p.addresses.insert(f.client);
    ++v.sessions;
    v.first_seen = std::min(v.first_seen, f.first_ts);
    v.last_seen = std::max(v.last_seen, f.last_ts);
    const FlowEvidence e = assess_flow(f, pools);
    if (!e.pool.empty()) v.pools.insert(e.pool);
    if (!e.protocol.empty()) {
      v.protocols.insert(e.protocol);
      v.shares += e.shares;
      p.mining_minutes += f.duration_s() / 60;
    }
    v.net_score = std::max(v.net_score, e.score);
    if (!e.reason.empty()) p.reasons.emplace_back(e.score, e.reason);
  }
  std::vector<AddressVerdict> out;
  for (auto& [key, p] : by_key) {
    AddressVerdict& v = p.verdict;
    v.address = fmt::format("{}", fmt::join(p.addresses, ";"));
    if (p.mining_minutes > 0) v.share_rate_per_min = static_cast<double>(v.shares) / p.mining_minutes;
    std::stable_sort(p.reasons.begin(), p.reasons.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    // The strongest few, without repeats (many connections to one pool read alike).
    for (const auto& [score, reason] : p.reasons) {
      if (v.reasons.size() == 3) break;
      if (std::find(v.reasons.begin(), v.reasons.end(), reason) == v.reasons.end())
        v.reasons.push_back(reason);
    }
    if (p.reasons.size() > v.reasons.size())
      v.reasons.push_back(fmt::format("{} more flows", p.reasons.size() - v.reasons.size()));
    out.push_back(std::move(v));
  }
  std::stable_sort(out.begin(), out.end(), [](const AddressVerdict& a, const AddressVerdict& b) {
    return a.net_score > b.net_score;
  });
  return out;
}

std::string net_csv(const std::vector<AddressVerdict>& verdicts, bool by_subscriber) {
  std::string text = by_subscriber ? "subscriber_id," : "";
  text +=
      "address,sessions,first_seen,last_seen,pools,protocols,shares,share_rate_per_min,"
      "net_score,reasons\n";
  for (const AddressVerdict& v : verdicts) {
    const std::string reasons =
        v.reasons.empty() ? std::string("no mining evidence") : fmt::format("{}", fmt::join(v.reasons, "; "));
    if (by_subscriber) text += csv_quoted(v.subscriber_id) + ",";
    text += fmt::format("{},{},{},{},{},{},{},{:.3f},{:.2f},{}\n", csv_quoted(v.address), v.sessions,
                        format_utc(static_cast<std::int64_t>(std::floor(v.first_seen))),
                        format_utc(static_cast<std::int64_t>(std::floor(v.last_seen))),
                        csv_quoted(fmt::format("{}", fmt::join(v.pools, ";"))),
                        csv_quoted(fmt::format("{}", fmt::join(v.protocols, ";"))), v.shares,
                        v.share_rate_per_min, v.net_score, csv_quoted(reasons));
  }
  return text;
}

}  // namespace minewatch::net
