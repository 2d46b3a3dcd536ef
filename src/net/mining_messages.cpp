// net layer: the method names of Stratum, eth-proxy, Monero-style Stratum and getblocktemplate, found in a
// stream without a JSON parser (messages are cut across segments, and we only need the method).
#include "minewatch/net/mining_messages.h"

#include <algorithm>
#include <cstring>

namespace minewatch::net {
namespace {

struct Known {
  std::string_view name;
  Method method;
};

constexpr Known kKnown[] = {
    {"mining.subscribe", Method::stratum_subscribe},
    {"mining.authorize", Method::stratum_authorize},
    {"mining.submit", Method::stratum_submit},
    {"mining.notify", Method::stratum_notify},
    {"mining.set_difficulty", Method::stratum_set_difficulty},
    {"mining.set_target", Method::stratum_set_difficulty},
    {"mining.extranonce.subscribe", Method::stratum_other},
    {"mining.get_transactions", Method::stratum_other},
    {"mining.set_extranonce", Method::stratum_other},
    {"mining.suggest_difficulty", Method::stratum_other},
    {"eth_submitLogin", Method::eth_submit_login},
    {"eth_getWork", Method::eth_get_work},
    {"eth_submitWork", Method::eth_submit_work},
    {"eth_submitHashrate", Method::eth_submit_hashrate},
    {"login", Method::xmr_login},
    {"job", Method::xmr_job},
    {"submit", Method::xmr_submit},
    {"getblocktemplate", Method::getblocktemplate},
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The method named at `at` (just past `"method"`), or nullopt-like false; `end` receives the position after
// the closing quote. Returns false when the value is incomplete (more bytes may complete it) or unknown.
enum class Parse { found, unknown, incomplete };

Parse parse_value(std::string_view text, std::size_t at, Method& method, std::size_t& end) {
  std::size_t i = at;
  while (i < text.size() && is_space(text[i])) ++i;
  if (i == text.size()) return Parse::incomplete;
  if (text[i] != ':') return Parse::unknown;
  ++i;
  while (i < text.size() && is_space(text[i])) ++i;
  if (i == text.size()) return Parse::incomplete;
  if (text[i] != '"') return Parse::unknown;
  const std::size_t close = text.find('"', i + 1);
  if (close == std::string_view::npos) return text.size() - i > 64 ? Parse::unknown : Parse::incomplete;
  const std::string_view name = text.substr(i + 1, close - i - 1);
  end = close + 1;
  for (const Known& k : kKnown)
    if (k.name == name) {
      method = k.method;
      return Parse::found;
    }
  return Parse::unknown;
}

}  // namespace

std::string_view method_name(Method m) {
  for (const Known& k : kKnown)
    if (k.method == m) return k.name;
  return "?";
}

bool sent_by_miner(Method m) {
  switch (m) {
    case Method::stratum_notify:
    case Method::stratum_set_difficulty:
    case Method::xmr_job:
    case Method::stratum_other:  // both directions use these
      return false;
    default:
      return true;
  }
}

std::uint32_t MessageCounts::miner_sent() const {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < kMethods; ++i)
    if (sent_by_miner(static_cast<Method>(i))) n += by_method[i];
  return n;
}

std::uint32_t MessageCounts::pool_sent() const {
  return by_method[static_cast<std::size_t>(Method::stratum_notify)] +
         by_method[static_cast<std::size_t>(Method::stratum_set_difficulty)] +
         by_method[static_cast<std::size_t>(Method::xmr_job)];
}

void MessageCounts::add(const MessageCounts& other) {
  for (std::size_t i = 0; i < kMethods; ++i) by_method[i] += other.by_method[i];
  job_fields = job_fields || other.job_fields;
}

std::string_view node_protocol_name(NodeProtocol p) {
  switch (p) {
    case NodeProtocol::bitcoin:
      return "Bitcoin P2P";
    case NodeProtocol::monero:
      return "Monero P2P (levin)";
    default:
      return "";
  }
}

NodeProtocol node_protocol_of(std::span<const std::uint8_t> head) {
  // Bitcoin: network magic (main, testnet3, signet, regtest), then a NUL-padded ASCII command of 12 bytes.
  static constexpr std::uint8_t kMagics[][4] = {
      {0xF9, 0xBE, 0xB4, 0xD9}, {0x0B, 0x11, 0x09, 0x07}, {0x0A, 0x03, 0xCF, 0x40}, {0xFA, 0xBF, 0xB5, 0xDA}};
  if (head.size() >= 16) {
    for (const auto& magic : kMagics) {
      if (std::memcmp(head.data(), magic, 4) != 0) continue;
      bool command = head[4] >= 'a' && head[4] <= 'z';
      for (std::size_t i = 5; i < 16 && command; ++i)
        command = head[i] == 0 || (head[i] >= 'a' && head[i] <= 'z' && head[i - 1] != 0);
      if (command) return NodeProtocol::bitcoin;
    }
  }
  // Monero (and other CryptoNote daemons): the levin signature 0x0101010101012101, little-endian.
  static constexpr std::uint8_t kLevin[8] = {0x01, 0x21, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01};
  if (head.size() >= 8 && std::memcmp(head.data(), kLevin, 8) == 0) return NodeProtocol::monero;
  return NodeProtocol::none;
}

void MessageScanner::feed(std::span<const std::uint8_t> bytes) {
  if (scanned_ >= kScanLimit || bytes.empty()) return;
  const std::size_t take = std::min(bytes.size(), kScanLimit - scanned_);
  scanned_ += take;
  const std::size_t carried = window_.size();
  window_.append(reinterpret_cast<const char*>(bytes.data()), take);
  const std::string_view text = window_;
  if (!counts_.job_fields)
    counts_.job_fields =
        text.find("\"job_id\"") != std::string_view::npos || text.find("\"blob\"") != std::string_view::npos;
  std::size_t keep_from = text.size() > kCarry ? text.size() - kCarry : 0;
  for (std::size_t at = text.find("\"method\""); at != std::string_view::npos;
       at = text.find("\"method\"", at + 1)) {
    Method method{};
    std::size_t end = 0;
    const Parse parse = parse_value(text, at + 8, method, end);
    if (parse == Parse::incomplete) {
      // The rest of this value comes with the next segment; a run of blanks longer than the carry is no
      // message, and dropping it keeps the window bounded.
      if (text.size() - at <= kCarry) keep_from = std::min(keep_from, at);
      break;
    }
    // A message wholly inside the carried tail was counted when it first arrived.
    if (parse == Parse::found && end > carried) ++counts_.by_method[static_cast<std::size_t>(method)];
  }
  window_.erase(0, keep_from);
}

}  // namespace minewatch::net
