// net layer: recognising mining protocols by their messages in one direction of a TCP stream. The stream is
// scanned as it arrives and only a short tail is carried between segments, so no payload is kept.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace minewatch::net {

// The JSON-RPC methods of the mining protocols (docs/network.md lists them with their protocols).
enum class Method : std::uint8_t {
  stratum_subscribe,
  stratum_authorize,
  stratum_submit,
  stratum_notify,
  stratum_set_difficulty,  // also mining.set_target
  stratum_other,           // mining.extranonce.subscribe, mining.get_transactions, ...
  eth_submit_login,
  eth_get_work,
  eth_submit_work,
  eth_submit_hashrate,
  xmr_login,
  xmr_job,
  xmr_submit,
  getblocktemplate,
  count
};

inline constexpr std::size_t kMethods = static_cast<std::size_t>(Method::count);

std::string_view method_name(Method m);
// True for the methods a miner sends (the others a pool sends): they tell the client from the server.
bool sent_by_miner(Method m);

struct MessageCounts {
  std::array<std::uint32_t, kMethods> by_method{};
  bool job_fields = false;  // "job_id" or "blob" seen: Monero-style login/job/submit are mining, not any RPC

  std::uint32_t operator[](Method m) const { return by_method[static_cast<std::size_t>(m)]; }
  std::uint32_t miner_sent() const;
  std::uint32_t pool_sent() const;
  void add(const MessageCounts& other);
};

// Blockchain node traffic (not mining): recognised by the first bytes of a message.
enum class NodeProtocol : std::uint8_t { none, bitcoin, monero };
std::string_view node_protocol_name(NodeProtocol p);
NodeProtocol node_protocol_of(std::span<const std::uint8_t> head);

// Scans one direction of a stream for `"method" : "<name>"`. Bytes beyond kScanLimit are not scanned: a bulk
// transfer is not mining, and the bound keeps the cost of a large capture linear in its mining flows.
class MessageScanner {
 public:
  static constexpr std::size_t kScanLimit = 8u << 20;
  static constexpr std::size_t kCarry = 192;  // longer than `"method" : "mining.extranonce.subscribe"`

  void feed(std::span<const std::uint8_t> bytes);
  const MessageCounts& counts() const { return counts_; }

 private:
  MessageCounts counts_;
  std::string window_;  // the carried tail, then the new bytes
  std::size_t scanned_ = 0;
};

}  // namespace minewatch::net
