#include "minewatch/sim/network_flows.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "minewatch/sim/text_format.h"

namespace minewatch::sim {
namespace {

constexpr std::int64_t kActiveTimeout = 3600;  // the exporter's: a long connection is one record an hour

// Ports that are protocol facts, not tunables: OpenVPN, WireGuard, IPsec NAT traversal, TLS; push services
// (TLS, Apple push, Google FCM, MQTT over TLS); Bitcoin's peer port.
constexpr std::array<std::uint16_t, 4> kVpnPorts = {1194, 51820, 4500, 443};
constexpr std::array<std::uint16_t, 4> kPushPorts = {443, 5223, 5228, 8883};
constexpr std::uint16_t kBitcoinPort = 8333;

Ipv4Range range_of(const std::string& text) {
  Ipv4Range r;
  parse_cidr(text, r);
  return r;
}

std::uint64_t count_of(double x) {
  return x < 1 ? 1 : static_cast<std::uint64_t>(std::llround(x));
}

// How busy a local hour is: homes most in the evening, shops and facilities in working hours.
double hour_weight(double hour, bool business) {
  if (business) return hour >= 8 && hour < 20 ? 1.5 : 0.1;
  if (hour < 7) return 0.2;
  return hour < 18 ? 1.0 : 2.0;
}

bool busy_class(MeterClass c) {
  return c != MeterClass::household && c != MeterClass::household_electric && c != MeterClass::holiday_home &&
         c != MeterClass::mining_home;
}

}  // namespace

NetworkGenerator::NetworkGenerator(const SimConfig& config, const GridPlan& plan, const NetworkPlan& net,
                                   std::uint64_t seed, const std::vector<NetworkWindow>& windows)
    : config_(config),
      n_(config.network),
      plan_(plan),
      net_(net),
      seed_(seed),
      windows_(windows),
      servers_(range_of(n_.server_range)),
      unlisted_(range_of(n_.unlisted_pool_range)),
      vpn_(range_of(n_.vpn_range)) {
  for (const auto& text : n_.listed_pools) {
    Endpoint e;
    parse_endpoint(text, e.address, e.port);
    listed_.push_back(e);
  }
}

std::uint32_t NetworkGenerator::server(Rng& rng) const {
  return servers_.first + 1 + static_cast<std::uint32_t>(rng.next() % (servers_.size - 2));
}

NetworkGenerator::Endpoint NetworkGenerator::site_endpoint(const MeterPlan& m, NetKind kind) const {
  // Every meter of a site talks to the same endpoint: drawn from the site's own stream.
  Rng rng(seed_, Domain::network_site, (std::uint64_t{1} << 32) + m.site);
  Endpoint e;
  if (kind == NetKind::pool_listed) return listed_[rng.next() % listed_.size()];
  const Ipv4Range& r = kind == NetKind::pool_tls ? unlisted_ : vpn_;
  e.address = r.first + 1 + static_cast<std::uint32_t>(rng.next() % (r.size - 2));
  if (kind == NetKind::pool_tls) {
    e.port = rng.chance(n_.unlisted_tls_share) ? 443 : static_cast<std::uint16_t>(rng.integer(10000, 60999));
  } else {
    e.port = kVpnPorts[rng.next() % kVpnPorts.size()];
  }
  return e;
}

template <typename Fill>
void NetworkGenerator::connection(const std::vector<Lease>& leases, std::int64_t from, std::int64_t to,
                                  Endpoint dst, Fill fill) {
  std::int64_t t = from;
  while (t < to) {
    const Lease* lease = lease_at(leases, t);
    if (lease == nullptr) return;  // leases cover the period: only past its end
    const std::int64_t end = std::min(to, lease->to);
    for (std::int64_t s = t; s < end; s += kActiveTimeout) {
      Record r;
      r.ts = s;
      r.src = lease->address;
      r.dst = dst.address;
      r.port = dst.port;
      r.duration = std::min(s + kActiveTimeout, end) - s;
      fill(r);
      records_.push_back(r);
    }
    t = end;  // the address changed: the client connects again at once from the new one
  }
}

void NetworkGenerator::web(Rng& rng, const std::vector<Lease>& leases, const NetworkWindow& w,
                           bool business) {
  const double factor = business ? n_.business_flow_factor : 1.0;
  const double per_day = rng.uniform(n_.web_flows_per_day.lo, n_.web_flows_per_day.hi) * factor;
  if (!(per_day > 0)) return;
  // A Poisson process at the busiest hour's rate, thinned by the hour's weight.
  const double top = business ? 1.5 : 2.0;
  const double mean_weight = business ? 0.8 : (7 * 0.2 + 11 * 1.0 + 6 * 2.0) / 24.0;
  const double gap_s = 86400.0 / (per_day * top / mean_weight);
  for (double t = static_cast<double>(w.flows_from) + rng.exponential(gap_s);
       t < static_cast<double>(w.period_to); t += rng.exponential(gap_s)) {
    const auto ts = static_cast<std::int64_t>(t);
    const double hour = static_cast<double>((ts - w.period_from) % 86400) / 3600.0;
    if (!rng.chance(hour_weight(hour, business) / top)) continue;
    const Lease* lease = lease_at(leases, ts);
    if (lease == nullptr) continue;
    Record r;
    r.ts = ts;
    r.src = lease->address;
    r.dst = server(rng);
    r.port = rng.chance(0.85) ? 443 : 80;
    const double duration = std::clamp(rng.lognormal(20.0, 1.3), 1.0, 1800.0);
    // The connection dies with the address.
    r.duration = std::max<std::int64_t>(1, std::min<std::int64_t>(std::llround(duration), lease->to - ts));
    r.bytes = count_of(std::min(rng.lognormal(150e3, 1.8), 3e9));
    r.packets = count_of(static_cast<double>(r.bytes) / rng.uniform(700.0, 1400.0));
    records_.push_back(r);
  }
}

void NetworkGenerator::subscriber(std::uint32_t meter, const std::vector<Lease>& leases,
                                  std::span<const RigRun> runs, const NetworkWindow& w) {
  const MeterPlan& m = plan_.meters[meter];
  const NetKind kind = net_.kinds[meter];
  Rng rng(seed_, Domain::flows, meter);
  if (is_miner_kind(kind)) {
    const Endpoint dst = site_endpoint(m, kind);
    const double interval = rng.uniform(n_.pool_packet_interval_s.lo, n_.pool_packet_interval_s.hi);
    const double per_packet = rng.uniform(n_.pool_bytes_per_packet.lo, n_.pool_bytes_per_packet.hi);
    const double tunnel_per_packet = rng.uniform(600.0, 1200.0);
    for (const RigRun& run : runs) {
      const std::int64_t from = std::max(run.from, w.flows_from), to = std::min(run.to, w.period_to);
      if (from >= to) continue;
      connection(leases, from, to, dst, [&](Record& r) {
        const auto d = static_cast<double>(r.duration);
        if (kind == NetKind::vpn) {
          r.bytes =
              count_of(d / 3600.0 * rng.lognormal(n_.vpn_mb_per_hour.median, n_.vpn_mb_per_hour.sigma) * 1e6);
          r.packets = count_of(static_cast<double>(r.bytes) / tunnel_per_packet);
        } else {
          // Jobs from the pool and shares back: a small message each way every few seconds.
          r.packets = count_of(2.0 * d / interval * rng.uniform(0.9, 1.1));
          r.bytes = count_of(static_cast<double>(r.packets) * per_packet * rng.uniform(0.9, 1.1));
        }
      });
    }
  }
  if (kind == NetKind::home_keepalive) {
    const Endpoint dst{server(rng), kPushPorts[rng.next() % kPushPorts.size()]};
    const double interval = rng.uniform(n_.keepalive_interval_s.lo, n_.keepalive_interval_s.hi);
    const double per_packet = rng.uniform(60.0, 150.0);
    connection(leases, w.flows_from, w.period_to, dst, [&](Record& r) {
      r.packets = count_of(2.0 * static_cast<double>(r.duration) / interval * rng.uniform(0.8, 1.2));
      r.bytes = count_of(static_cast<double>(r.packets) * per_packet * rng.uniform(0.9, 1.1));
    });
  }
  if (kind == NetKind::bitcoin_node) {
    // Each peer slot holds a connection for hours to days, then the node finds another peer.
    const int peers = static_cast<int>(std::lround(rng.uniform(n_.bitcoin_peers.lo, n_.bitcoin_peers.hi)));
    const double per_packet = rng.uniform(500.0, 1400.0);
    for (int p = 0; p < peers; ++p) {
      std::int64_t t = w.flows_from;
      while (t < w.period_to) {
        const std::int64_t end = t + 600 + static_cast<std::int64_t>(rng.exponential(12 * 3600.0));
        connection(leases, t, std::min(end, w.period_to), {server(rng), kBitcoinPort}, [&](Record& r) {
          r.bytes = count_of(
              static_cast<double>(r.duration) / 3600.0 *
              rng.lognormal(n_.bitcoin_mb_per_peer_hour.median, n_.bitcoin_mb_per_peer_hour.sigma) * 1e6);
          r.packets = count_of(static_cast<double>(r.bytes) / per_packet);
        });
        t = end;
      }
    }
  }
  const bool browses = !is_miner_kind(kind) || m.cls == MeterClass::mining_home;
  if (browses) web(rng, leases, w, busy_class(m.cls));
}

std::uint64_t NetworkGenerator::write(std::string& out) {
  std::sort(records_.begin(), records_.end(), [](const Record& a, const Record& b) {
    if (a.ts != b.ts) return a.ts < b.ts;
    if (a.dst != b.dst) return a.dst < b.dst;
    if (a.port != b.port) return a.port < b.port;
    return a.duration < b.duration;
  });
  UtcFormatter ts;
  char line[128];
  for (const Record& r : records_) {
    char* p = ts.write(line, r.ts);
    *p++ = ',';
    p = write_ipv4(p, r.src);
    *p++ = ',';
    p = write_ipv4(p, r.dst);
    *p++ = ',';
    p = std::to_chars(p, p + 8, r.port).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 24, r.bytes).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 24, r.packets).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 24, r.duration).ptr;
    *p++ = '\n';
    out.append(line, p);
  }
  const std::uint64_t rows = records_.size();
  records_.clear();
  return rows;
}

NetworkUnitStats NetworkGenerator::generate(std::uint32_t unit, std::span<const RigRun> runs,
                                            std::string& leases, std::string& flows) {
  leases.clear();
  flows.clear();
  NetworkUnitStats stats;
  const NetworkWindow& w = windows_[plan_.transformers[unit].region];
  draw_unit_leases(config_, plan_, net_, seed_, unit, w.period_from, w.period_to, leases_);
  stats.leases = write_leases(plan_, leases_, leases);
  std::size_t r = 0;
  for (std::size_t s = 0; s < leases_.meters.size(); ++s) {
    const std::uint32_t meter = leases_.meters[s];
    while (r < runs.size() && runs[r].meter < meter) ++r;
    std::size_t end = r;
    while (end < runs.size() && runs[end].meter == meter) ++end;
    subscriber(meter, leases_.leases[s], runs.subspan(r, end - r), w);
    stats.flows += write(flows);
    r = end;
  }
  return stats;
}

}  // namespace minewatch::sim
