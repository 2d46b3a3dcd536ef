// net layer: flow tracking and in-order TCP payload delivery. Out-of-order segments are not buffered (that
// would mean keeping payload): a gap is skipped and scanning resumes at the next segment, which costs at most
// the message cut by the gap.
#include "minewatch/net/flow_table.h"

#include <algorithm>
#include <cstring>
#include <tuple>

#include "minewatch/net/names.h"

namespace minewatch::net {
namespace {

bool any_sent_by_miner(const MessageCounts& c) {
  return c.miner_sent() > 0;
}

bool end_before(const Address& a, std::uint16_t a_port, const Address& b, std::uint16_t b_port) {
  return std::tie(a.size, a.bytes, a_port) < std::tie(b.size, b.bytes, b_port);
}

std::uint64_t word_at(const Address& a, std::size_t at) {
  std::uint64_t w = 0;
  std::memcpy(&w, a.bytes.data() + at, sizeof w);
  return w;
}

}  // namespace

std::size_t FlowTable::KeyHash::operator()(const Key& k) const {
  // Multiply-xorshift over the key's words: cheap, and every input bit reaches the high bits of the result.
  const std::uint64_t ports = std::uint64_t{k.lo_port} << 24 | std::uint64_t{k.hi_port} << 8 | k.proto;
  std::uint64_t h = ports ^ 0x9E3779B97F4A7C15ULL;
  for (const std::uint64_t w :
       {word_at(k.lo, 0), word_at(k.lo, 8), word_at(k.hi, 0), word_at(k.hi, 8), std::uint64_t{k.lo.size}}) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  }
  return static_cast<std::size_t>(h);
}

void FlowTable::add(const Packet& packet) {
  if (packet.proto == kUdp && packet.sport == 53)
    for (auto& [address, name] : dns_answers(packet.payload)) names_.try_emplace(address, name);
  // One lookup for either direction; which end sent this packet is told by the flow's first sender.
  const bool src_lo = !end_before(packet.dst, packet.dport, packet.src, packet.sport);
  const Key key = src_lo ? Key{packet.src, packet.dst, packet.sport, packet.dport, packet.proto}
                         : Key{packet.dst, packet.src, packet.dport, packet.sport, packet.proto};
  auto it = flows_.find(key);
  bool from_a = true;
  if (it != flows_.end()) {
    from_a = it->second.a == packet.src && it->second.a_port == packet.sport;
  } else {
    State state;
    state.a = packet.src;
    state.b = packet.dst;
    state.a_port = packet.sport;
    state.b_port = packet.dport;
    state.proto = packet.proto;
    state.first_ts = state.last_ts = packet.ts;
    state.ndpi = std::make_unique<NdpiFlow>();
    it = flows_.emplace(key, std::move(state)).first;
  }
  State& flow = it->second;
  flow.max_gap_s = std::max(flow.max_gap_s, packet.ts - flow.last_ts);
  flow.last_ts = std::max(flow.last_ts, packet.ts);
  Direction& dir = from_a ? flow.from_a : flow.from_b;
  ++dir.packets;
  dir.bytes += packet.payload.size();
  if (packet.proto == kTcp && (packet.tcp_flags & (kTcpSyn | kTcpAck)) == kTcpSyn) dir.syn_only = true;
  if (packet.proto == kTcp) add_payload(flow, dir, packet);
  if (!flow.ndpi->done()) flow.ndpi->add(ndpi_, packet.ip, packet.ts);
  // A closing connection has nothing more to show nDPI: free its state now rather than at the end of the
  // capture (a capture of many short connections would otherwise hold one per connection).
  if (packet.proto == kTcp && (packet.tcp_flags & (kTcpFin | kTcpRst))) flow.ndpi->finish(ndpi_);
}

void FlowTable::add_payload(State& flow, Direction& dir, const Packet& packet) {
  std::span<const std::uint8_t> data = packet.payload;
  const std::uint32_t syn = (packet.tcp_flags & kTcpSyn) ? 1 : 0;
  if (!dir.started) {
    dir.started = true;
    dir.next_seq = packet.seq + syn;
  }
  if (data.empty()) {
    if (syn) dir.next_seq = packet.seq + 1;
    return;
  }
  // Signed distance handles sequence-number wrap-around.
  const auto offset = static_cast<std::int32_t>(packet.seq - dir.next_seq);
  if (offset < 0) {
    const auto seen = static_cast<std::size_t>(-static_cast<std::int64_t>(offset));
    if (seen >= data.size()) return;  // a retransmission of bytes already scanned
    data = data.subspan(seen);
  }
  dir.next_seq = packet.seq + static_cast<std::uint32_t>(packet.payload.size());
  if (!dir.head_checked) {
    dir.head_checked = true;
    if (flow.node == NodeProtocol::none) flow.node = node_protocol_of(data);
    if (flow.sni.empty()) flow.sni = tls_server_name(data);
  } else if (flow.node == NodeProtocol::none) {
    // Node messages often start a segment; a capture that starts mid-connection still shows them.
    flow.node = node_protocol_of(data);
  }
  dir.scanner.feed(data);
}

std::vector<Flow> FlowTable::finish() {
  // The flows in the order of (first sender, its port, the other end, its port, protocol) as text, the order
  // the table had when it was a map keyed by address text: the output stays what it was.
  struct Named {
    std::string a, b;
    State* state;
  };
  std::vector<Named> named;
  named.reserve(flows_.size());
  for (auto& [key, s] : flows_) named.push_back({s.a.text(), s.b.text(), &s});
  std::sort(named.begin(), named.end(), [](const Named& x, const Named& y) {
    return std::tie(x.a, x.state->a_port, x.b, x.state->b_port, x.state->proto) <
           std::tie(y.a, y.state->a_port, y.b, y.state->b_port, y.state->proto);
  });
  std::vector<Flow> out;
  out.reserve(flows_.size());
  for (Named& n : named) {
    State& s = *n.state;
    // Who is the client: the side that sent a bare SYN; else the side speaking as a miner (or spoken to as
    // one); else the higher port (servers listen on low, clients dial from ephemeral ports).
    bool a_is_client = s.a_port > s.b_port;
    const MessageCounts &ma = s.from_a.scanner.counts(), &mb = s.from_b.scanner.counts();
    if (s.from_a.syn_only != s.from_b.syn_only)
      a_is_client = s.from_a.syn_only;
    else if (any_sent_by_miner(ma) != any_sent_by_miner(mb))
      a_is_client = any_sent_by_miner(ma);
    else if ((ma.pool_sent() > 0) != (mb.pool_sent() > 0))
      a_is_client = mb.pool_sent() > 0;
    Flow f;
    const Direction& up = a_is_client ? s.from_a : s.from_b;
    const Direction& down = a_is_client ? s.from_b : s.from_a;
    f.client = a_is_client ? n.a : n.b;
    f.server = a_is_client ? n.b : n.a;
    f.server_port = a_is_client ? s.b_port : s.a_port;
    f.proto = s.proto;
    f.first_ts = s.first_ts;
    f.last_ts = s.last_ts;
    f.bytes_up = up.bytes;
    f.bytes_down = down.bytes;
    f.packets_up = up.packets;
    f.packets_down = down.packets;
    f.max_gap_s = s.max_gap_s;
    f.has_payload = s.proto == kTcp;
    f.messages = ma;
    f.messages.add(mb);
    f.node = s.node;
    f.server_name = s.sni;
    s.ndpi->finish(ndpi_);
    f.ndpi_protocol = s.ndpi->verdict().protocol;
    f.ndpi_mining = s.ndpi->verdict().mining;
    if (f.server_name.empty())
      if (const auto name = names_.find(f.server); name != names_.end()) f.server_name = name->second;
    out.push_back(std::move(f));
  }
  flows_.clear();
  names_.clear();
  return out;
}

}  // namespace minewatch::net
