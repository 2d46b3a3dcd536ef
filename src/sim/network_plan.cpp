#include "minewatch/sim/network_plan.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "minewatch/core/error.h"
#include "minewatch/sim/rng.h"

namespace minewatch::sim {
namespace {

[[noreturn]] void bad(const std::string& source, const std::string& key, const std::string& problem) {
  throw InputError({source, 0, "network." + key}, problem);
}

void check_share(const std::string& source, const char* key, double v) {
  if (!(v >= 0 && v <= 1)) bad(source, key, "expected a share between 0 and 1");
}

void check_range(const std::string& source, const char* key, const Range& r, double min, double max) {
  if (!(r.lo <= r.hi) || r.lo < min || r.hi > max)
    bad(source, key, fmt::format("expected [lo, hi] with {} <= lo <= hi <= {}", min, max));
}

bool parse_number(std::string_view text, std::uint32_t max, std::uint32_t& value) {
  if (text.empty() || text.size() > 10) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value <= max;
}

Ipv4Range range_of(const std::string& text) {
  Ipv4Range r;
  parse_cidr(text, r);
  return r;
}

}  // namespace

const char* net_kind_name(NetKind k) {
  switch (k) {
    case NetKind::none:
      return "none";
    case NetKind::pool_listed:
      return "pool_listed";
    case NetKind::pool_tls:
      return "pool_tls";
    case NetKind::vpn:
      return "vpn";
    case NetKind::home:
      return "home";
    case NetKind::home_keepalive:
      return "home_keepalive";
    case NetKind::bitcoin_node:
      return "bitcoin_node";
  }
  return "?";
}

bool parse_ipv4(const std::string& text, std::uint32_t& address) {
  std::uint32_t out = 0;
  std::size_t from = 0;
  for (int part = 0; part < 4; ++part) {
    const std::size_t dot = part < 3 ? text.find('.', from) : text.size();
    if (dot == std::string::npos) return false;
    std::uint32_t octet = 0;
    if (!parse_number(std::string_view(text).substr(from, dot - from), 255, octet)) return false;
    out = out << 8 | octet;
    from = dot + 1;
  }
  address = out;
  return true;
}

bool parse_cidr(const std::string& text, Ipv4Range& range) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  std::uint32_t address = 0, prefix = 0;
  if (!parse_ipv4(text.substr(0, slash), address) ||
      !parse_number(std::string_view(text).substr(slash + 1), 32, prefix))
    return false;
  range.size = std::uint64_t{1} << (32 - prefix);
  const auto mask = static_cast<std::uint32_t>(~(range.size - 1));
  if ((address & mask) != address) return false;  // host bits set: say the network address
  range.first = address;
  return true;
}

bool parse_endpoint(const std::string& text, std::uint32_t& address, std::uint16_t& port) {
  const std::size_t colon = text.rfind(':');
  std::uint32_t p = 0;
  if (colon == std::string::npos || !parse_ipv4(text.substr(0, colon), address) ||
      !parse_number(std::string_view(text).substr(colon + 1), 65535, p) || p == 0)
    return false;
  port = static_cast<std::uint16_t>(p);
  return true;
}

char* write_ipv4(char* out, std::uint32_t address) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out = std::to_chars(out, out + 3, (address >> shift) & 0xff).ptr;
    if (shift > 0) *out++ = '.';
  }
  return out;
}

std::uint32_t pool_address(const Ipv4Range& range, std::uint32_t index) {
  return range.first + (index / 254) * 256 + index % 254 + 1;
}

void validate_network_config(const NetworkConfig& n, const std::string& source) {
  check_share(source, "coverage", n.coverage);
  if (n.flow_days < 0 || n.flow_days > 36600) bad(source, "flow_days", "expected 0 to 36600 days");
  Ipv4Range r;
  if (!parse_cidr(n.address_range, r) || r.size < 256)
    bad(source, "address_range", "expected a CIDR range of /24 or wider, e.g. \"100.64.0.0/10\"");
  if (!(n.pool_slack >= 0 && n.pool_slack <= 10)) bad(source, "pool_slack", "expected 0 to 10");
  check_range(source, "lease_days", n.lease_days, 0.01, 3650);
  double weight = 0;
  for (double w : n.miner_kinds) {
    if (!(w >= 0)) bad(source, "miner_kinds", "weights must not be negative");
    weight += w;
  }
  if (!(weight > 0)) bad(source, "miner_kinds", "at least one weight must be positive");
  if (n.listed_pools.empty()) bad(source, "listed_pools", "at least one endpoint is needed");
  for (const auto& e : n.listed_pools) {
    std::uint32_t a = 0;
    std::uint16_t p = 0;
    if (!parse_endpoint(e, a, p)) bad(source, "listed_pools", "expected \"a.b.c.d:port\": " + e);
  }
  for (const auto& [key, text] :
       {std::pair{"unlisted_pool_range", &n.unlisted_pool_range}, std::pair{"vpn_range", &n.vpn_range},
        std::pair{"server_range", &n.server_range}}) {
    if (!parse_cidr(*text, r) || r.size < 4) bad(source, key, "expected a CIDR range of /30 or wider");
  }
  check_share(source, "unlisted_tls_share", n.unlisted_tls_share);
  check_range(source, "pool_packet_interval_s", n.pool_packet_interval_s, 0.1, 120);
  check_range(source, "pool_bytes_per_packet", n.pool_bytes_per_packet, 40, 1500);
  check_range(source, "web_flows_per_day", n.web_flows_per_day, 0, 10000);
  if (!(n.business_flow_factor >= 0 && n.business_flow_factor <= 1000))
    bad(source, "business_flow_factor", "expected 0 to 1000");
  check_share(source, "keepalive_share", n.keepalive_share);
  check_range(source, "keepalive_interval_s", n.keepalive_interval_s, 1, 3600);
  check_share(source, "bitcoin_node_share", n.bitcoin_node_share);
  check_range(source, "bitcoin_peers", n.bitcoin_peers, 1, 200);
  if (!(n.vpn_mb_per_hour.median > 0) || !(n.bitcoin_mb_per_peer_hour.median > 0))
    bad(source, "vpn_mb_per_hour", "the medians must be positive");
}

NetworkPlan plan_network(const SimConfig& config, const GridPlan& plan, std::uint64_t seed) {
  const NetworkConfig& n = config.network;
  NetworkPlan net;
  net.kinds.assign(plan.meters.size(), NetKind::none);
  // A mining site has one set-up for all its meters; drawn per site so the draws of meters stay independent.
  std::vector<NetKind> site_kind(plan.sites.size() + 1, NetKind::none);
  for (const auto& site : plan.sites) {
    Rng rng(seed, Domain::network_site, site.number);
    const double total = n.miner_kinds[0] + n.miner_kinds[1] + n.miner_kinds[2];
    const double x = rng.uniform() * total;
    site_kind[site.number] = x < n.miner_kinds[0]                      ? NetKind::pool_listed
                             : x < n.miner_kinds[0] + n.miner_kinds[1] ? NetKind::pool_tls
                                                                       : NetKind::vpn;
  }
  for (std::size_t i = 0; i < plan.meters.size(); ++i) {
    const MeterPlan& m = plan.meters[i];
    Rng rng(seed, Domain::network, i);
    if (!rng.chance(n.coverage)) continue;
    ++net.covered;
    if (m.mining.rig_count > 0) {
      net.kinds[i] = site_kind[m.site];
    } else if (rng.chance(n.bitcoin_node_share)) {
      net.kinds[i] = NetKind::bitcoin_node;
    } else if (rng.chance(n.keepalive_share)) {
      net.kinds[i] = NetKind::home_keepalive;
    } else {
      net.kinds[i] = NetKind::home;
    }
  }
  const Ipv4Range range = range_of(n.address_range);
  const std::uint64_t capacity = range.size / 256 * 254;
  std::uint64_t next = 0;
  for (const auto& t : plan.transformers) {
    std::uint32_t covered = 0;
    for (std::uint32_t m = t.first_meter; m < t.first_meter + t.meter_count; ++m)
      covered += net.kinds[m] != NetKind::none ? 1 : 0;
    const std::uint32_t size =
        covered == 0 ? 0
                     : covered + std::max<std::uint32_t>(
                                     1, static_cast<std::uint32_t>(std::ceil(n.pool_slack * covered)));
    net.pool_first.push_back(static_cast<std::uint32_t>(next));
    net.pool_size.push_back(size);
    next += size;
  }
  if (next > capacity)
    throw InputError({"simulator config", 0, "network.address_range"},
                     fmt::format("{} addresses needed, the range holds {}", next, capacity), n.address_range);
  return net;
}

std::string net_truth_csv(const GridPlan& plan, const NetworkPlan& net) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "subscriber_id,meter_id,covered,net_kind\n");
  for (std::size_t i = 0; i < plan.meters.size(); ++i) {
    const NetKind k = net.kinds[i];
    fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", subscriber_id(plan.meters[i].subscriber),
                   meter_id(static_cast<std::uint32_t>(i)), k != NetKind::none ? 1 : 0,
                   k != NetKind::none ? net_kind_name(k) : "");
  }
  return fmt::to_string(out);
}

}  // namespace minewatch::sim
