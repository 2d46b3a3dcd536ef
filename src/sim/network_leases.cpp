#include "minewatch/sim/network_leases.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

#include "minewatch/sim/rng.h"
#include "minewatch/sim/text_format.h"

namespace minewatch::sim {

void draw_unit_leases(const SimConfig& config, const GridPlan& plan, const NetworkPlan& net,
                      std::uint64_t seed, std::uint32_t unit, std::int64_t from, std::int64_t to,
                      UnitLeases& out) {
  out.meters.clear();
  out.leases.clear();
  const TransformerPlan& t = plan.transformers[unit];
  for (std::uint32_t m = t.first_meter; m < t.first_meter + t.meter_count; ++m)
    if (net.kinds[m] != NetKind::none) out.meters.push_back(m);
  if (out.meters.empty()) return;
  out.leases.resize(out.meters.size());
  const NetworkConfig& n = config.network;
  Ipv4Range range;
  parse_cidr(n.address_range, range);
  Rng rng(seed, Domain::leases, unit);
  std::vector<std::uint32_t> free;  // indices into the range
  for (std::uint32_t i = 0; i < net.pool_size[unit]; ++i) free.push_back(net.pool_first[unit] + i);
  auto take = [&] {
    const auto k = static_cast<std::size_t>(rng.integer(0, static_cast<int>(free.size()) - 1));
    const std::uint32_t index = free[k];
    free[k] = free.back();
    free.pop_back();
    return index;
  };
  auto duration = [&] {
    return std::max<std::int64_t>(60, std::llround(rng.uniform(n.lease_days.lo, n.lease_days.hi) * 86400.0));
  };
  // Renewals in time order (ties by subscriber), so the draws do not depend on anything but the unit.
  using Due = std::tuple<std::int64_t, std::size_t, std::uint32_t>;  // to, subscriber, address index
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due;
  for (std::size_t s = 0; s < out.meters.size(); ++s) {
    const std::uint32_t index = take();
    const std::int64_t d = duration();
    const std::int64_t begin = from - std::llround(rng.uniform() * static_cast<double>(d - 1));
    out.leases[s].push_back({pool_address(range, index), begin, begin + d});
    due.emplace(begin + d, s, index);
  }
  while (!due.empty()) {
    const auto [end, s, index] = due.top();
    due.pop();
    if (end >= to) continue;
    // Take the next address before giving the old one back: the subscriber gets another one.
    const std::uint32_t next = take();
    free.push_back(index);
    const std::int64_t d = duration();
    out.leases[s].push_back({pool_address(range, next), end, end + d});
    due.emplace(end + d, s, next);
  }
}

std::uint64_t write_leases(const GridPlan& plan, const UnitLeases& leases, std::string& out) {
  std::uint64_t rows = 0;
  UtcFormatter from_ts, to_ts;
  char line[96];
  for (std::size_t s = 0; s < leases.meters.size(); ++s) {
    const std::string id = subscriber_id(plan.meters[leases.meters[s]].subscriber);
    for (const Lease& l : leases.leases[s]) {
      char* p = line;
      p = std::copy(id.begin(), id.end(), p);
      *p++ = ',';
      p = write_ipv4(p, l.address);
      *p++ = ',';
      p = from_ts.write(p, l.from);
      *p++ = ',';
      p = to_ts.write(p, l.to);
      *p++ = '\n';
      out.append(line, p);
      ++rows;
    }
  }
  return rows;
}

const Lease* lease_at(const std::vector<Lease>& leases, std::int64_t t) {
  auto it = std::upper_bound(leases.begin(), leases.end(), t,
                             [](std::int64_t x, const Lease& l) { return x < l.from; });
  if (it == leases.begin()) return nullptr;
  --it;
  return t < it->to ? &*it : nullptr;
}

}  // namespace minewatch::sim
