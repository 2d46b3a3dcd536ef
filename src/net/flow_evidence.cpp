// net layer: what one flow says about mining. A protocol's own messages are strong evidence; a pool
// endpoint is medium (the content may be encrypted); the traffic pattern alone is weak, since chat and push
// connections look alike. Blockchain node traffic is never mining.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "minewatch/net/net_verdict.h"
#include "minewatch/net/packet.h"

namespace minewatch::net {
namespace {

// The node network a port belongs to (Bitcoin 8333/18333, Monero 18080/18081/18089, Ethereum 30303), or
// nullptr. Without a mining message, traffic to these ports is node traffic, not the mining pattern: peers
// of a node keep long, quiet connections too, and Ethereum's RLPx is encrypted from its first byte.
const char* node_port_network(std::uint16_t port) {
  switch (port) {
    case 8333:
    case 18333:
      return "Bitcoin P2P";
    case 18080:
    case 18081:
    case 18089:
      return "Monero P2P";
    case 30303:
      return "Ethereum P2P";
    default:
      return nullptr;
  }
}

std::string endpoint(const Flow& f) {
  const bool v6 = f.server.find(':') != std::string::npos;
  return v6 ? fmt::format("[{}]:{}", f.server, f.server_port) : fmt::format("{}:{}", f.server, f.server_port);
}

// "mining.subscribe 1, mining.submit 41" for the methods of `group` seen in the flow.
std::string method_list(const MessageCounts& c, std::initializer_list<Method> group) {
  std::string out;
  for (Method m : group)
    if (c[m] > 0) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", method_name(m), c[m]);
  return out;
}

}  // namespace

bool long_lived_low_volume(const Flow& f) {
  const double duration = f.duration_s();
  const std::uint64_t packets = f.packets_up + f.packets_down;
  const std::uint64_t bytes = f.bytes_up + f.bytes_down;
  if (duration < 300 || packets < 10) return false;
  if (static_cast<double>(bytes) / static_cast<double>(packets) > 400) return false;  // small messages
  if (static_cast<double>(bytes) / duration > 2000) return false;                     // low volume
  if (f.max_gap_s < 0)  // a flow record: only the average rate shows regularity
    return static_cast<double>(packets) / duration >= 1.0 / 120;
  return f.packets_up >= 5 && f.packets_down >= 5 && f.max_gap_s <= 300;
}

FlowEvidence assess_flow(const Flow& f, const PoolList& pools) {
  FlowEvidence e;
  const char* by_port = node_port_network(f.server_port);
  const bool messages = f.messages.miner_sent() > 0 || f.messages.pool_sent() > 0;
  if (f.node != NodeProtocol::none) {
    e.reason = fmt::format("{} node traffic with {} (not mining)", node_protocol_name(f.node), endpoint(f));
    return e;
  }
  if (by_port && !messages) {
    e.reason = fmt::format("{} node port {} (not mining)", by_port, endpoint(f));
    return e;
  }
  const MessageCounts& c = f.messages;
  std::vector<std::string> parts;
  const std::string stratum =
      method_list(c, {Method::stratum_subscribe, Method::stratum_authorize, Method::stratum_submit,
                      Method::stratum_notify, Method::stratum_set_difficulty});
  const std::string eth = method_list(c, {Method::eth_submit_login, Method::eth_get_work,
                                          Method::eth_submit_work, Method::eth_submit_hashrate});
  const std::string xmr =
      c.job_fields ? method_list(c, {Method::xmr_login, Method::xmr_job, Method::xmr_submit}) : std::string();
  if (!stratum.empty() || c[Method::stratum_other] > 0) {
    e.protocol = "Stratum";
    e.shares += c[Method::stratum_submit];
    parts.push_back("Stratum " + (stratum.empty() ? method_list(c, {Method::stratum_other}) : stratum));
  }
  if (!eth.empty()) {
    e.protocol = e.protocol.empty() ? "eth-proxy" : e.protocol;
    e.shares += c[Method::eth_submit_work];
    parts.push_back("eth-proxy " + eth);
  }
  if (!xmr.empty()) {
    e.protocol = e.protocol.empty() ? "Monero Stratum" : e.protocol;
    e.shares += c[Method::xmr_submit];
    parts.push_back("Monero-style Stratum " + xmr);
  }
  if (c[Method::getblocktemplate] > 0) {
    e.protocol = e.protocol.empty() ? "getblocktemplate" : e.protocol;
    parts.push_back(fmt::format("getblocktemplate {}", c[Method::getblocktemplate]));
  }
  // nDPI's mining dissector looks for much the same messages, so it confirms ours; alone (a variant our
  // scanner does not know) it counts like a pool endpoint: medium evidence without a named message.
  if (f.ndpi_mining && e.protocol.empty()) parts.push_back("nDPI 4.2 classifies it as Mining");
  const PoolEndpoint* pool = pools.match(f.server, f.server_name, f.server_port);
  if (pool) e.pool = pool->pool;
  const bool pattern = long_lived_low_volume(f);
  if (!e.protocol.empty())
    e.score = kScoreProtocol + (e.shares > 0 ? 0.1 : 0) + (pool ? 0.1 : 0);
  else if (pool || f.ndpi_mining)
    e.score = kScorePoolEndpoint + (pattern ? 0.1 : 0) + (pool && f.ndpi_mining ? 0.1 : 0);
  else if (pattern)
    e.score = kScorePattern;
  else
    return e;
  std::string reason = parts.empty() ? std::string("connection") : fmt::format("{}", fmt::join(parts, "; "));
  reason += " to " + endpoint(f);
  if (!f.server_name.empty()) reason += fmt::format(" ({})", f.server_name);
  if (pool) reason += fmt::format(" (known pool endpoint: {})", pool->pool);
  if (f.ndpi_mining && !e.protocol.empty()) reason += " (nDPI agrees: Mining)";
  if (pattern)
    reason += fmt::format(", {:.0f} min of small two-way packets ({} packets, {} bytes)", f.duration_s() / 60,
                          f.packets_up + f.packets_down, f.bytes_up + f.bytes_down);
  e.score = std::min(1.0, e.score);
  e.reason = std::move(reason);
  return e;
}

}  // namespace minewatch::net
