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

VerdictBuilder::VerdictBuilder(const PoolList& pools, const LeaseTable* leases)
    : pools_(pools), leases_(leases) {}

void VerdictBuilder::add(const Flow& f) {
  const std::string* subscriber = leases_ ? leases_->subscriber_at(f.client, f.first_ts) : nullptr;
  auto [it, fresh] = pending_.try_emplace(subscriber ? std::pair(*subscriber, std::string())
                                                     : std::pair(std::string(), f.client));
  Pending& p = it->second;
  AddressVerdict& v = p.verdict;
  if (fresh) {
    if (subscriber) v.subscriber_id = *subscriber;
    v.first_seen = f.first_ts;
    v.last_seen = f.last_ts;
  }
  if (p.addresses.empty() || p.addresses.back() != f.client) {
    if (std::find(p.addresses.begin(), p.addresses.end(), f.client) == p.addresses.end())
      p.addresses.push_back(f.client);
  }
  ++v.sessions;
  v.first_seen = std::min(v.first_seen, f.first_ts);
  v.last_seen = std::max(v.last_seen, f.last_ts);
  const FlowEvidence e = assess_flow(f, pools_);
  if (!e.pool.empty()) v.pools.insert(e.pool);
  if (!e.protocol.empty()) {
    v.protocols.insert(e.protocol);
    v.shares += e.shares;
    p.mining_minutes += f.duration_s() / 60;
  }
  v.net_score = std::max(v.net_score, e.score);
  if (e.reason.empty()) return;
  ++p.reason_flows;
  // The strongest three distinct reasons, earlier first among equals: many connections to one pool read
  // alike, and a subscriber's month of hourly records must not keep a month of sentences.
  auto& top = p.top_reasons;
  if (std::any_of(top.begin(), top.end(), [&](const auto& r) { return r.second == e.reason; })) return;
  const auto at = std::find_if(top.begin(), top.end(), [&](const auto& r) { return r.first < e.score; });
  if (at == top.end() && top.size() == kReasonsShown) return;
  top.emplace(at, e.score, e.reason);
  if (top.size() > kReasonsShown) top.pop_back();
}

std::vector<AddressVerdict> VerdictBuilder::finish() {
  std::vector<AddressVerdict> out;
  out.reserve(pending_.size());
  for (auto& [key, p] : pending_) {
    AddressVerdict& v = p.verdict;
    std::sort(p.addresses.begin(), p.addresses.end());
    v.address = fmt::format("{}", fmt::join(p.addresses, ";"));
    if (p.mining_minutes > 0) v.share_rate_per_min = static_cast<double>(v.shares) / p.mining_minutes;
    for (auto& [score, reason] : p.top_reasons) v.reasons.push_back(std::move(reason));
    if (p.reason_flows > v.reasons.size())
      v.reasons.push_back(fmt::format("{} more flows", p.reason_flows - v.reasons.size()));
    out.push_back(std::move(v));
  }
  pending_.clear();
  std::stable_sort(out.begin(), out.end(), [](const AddressVerdict& a, const AddressVerdict& b) {
    return a.net_score > b.net_score;
  });
  return out;
}

std::vector<AddressVerdict> assess_addresses(const std::vector<Flow>& flows, const PoolList& pools,
                                             const LeaseTable* leases) {
  VerdictBuilder builder(pools, leases);
  for (const Flow& f : flows) builder.add(f);
  return builder.finish();
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
