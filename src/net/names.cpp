// net layer: DNS answers and TLS SNI, parsed with every length checked against the bytes present.
#include "minewatch/net/names.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace minewatch::net {
namespace {

using Bytes = std::span<const std::uint8_t>;

std::size_t be16(Bytes b, std::size_t at) {
  return static_cast<std::size_t>(b[at] << 8 | b[at + 1]);
}

// Reads a (possibly compressed) domain name at `at`; `next` receives the position after it in the record.
bool read_name(Bytes msg, std::size_t at, std::string& name, std::size_t& next) {
  name.clear();
  bool jumped = false;
  for (int steps = 0; steps < 128; ++steps) {
    if (at >= msg.size()) return false;
    const std::uint8_t len = msg[at];
    if (len == 0) {
      if (!jumped) next = at + 1;
      return true;
    }
    if ((len & 0xC0) == 0xC0) {
      if (at + 1 >= msg.size()) return false;
      if (!jumped) next = at + 2;
      jumped = true;
      at = (static_cast<std::size_t>(len & 0x3F) << 8) | msg[at + 1];
      continue;
    }
    if (len > 63 || at + 1 + len > msg.size()) return false;
    if (!name.empty()) name += '.';
    for (std::size_t i = at + 1; i <= at + len; ++i)
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(msg[i])));
    if (name.size() > 255) return false;
    at += 1 + len;
  }
  return false;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> dns_answers(Bytes msg) {
  std::vector<std::pair<std::string, std::string>> out;
  if (msg.size() < 12 || (msg[2] & 0x80) == 0) return out;  // not a response
  const std::size_t questions = be16(msg, 4), answers = be16(msg, 6);
  std::size_t at = 12;
  std::string question, name;
  for (std::size_t q = 0; q < questions; ++q) {
    if (!read_name(msg, at, q == 0 ? question : name, at) || at + 4 > msg.size()) return {};
    at += 4;
  }
  for (std::size_t a = 0; a < answers; ++a) {
    if (!read_name(msg, at, name, at) || at + 10 > msg.size()) return out;
    const std::size_t type = be16(msg, at), length = be16(msg, at + 8);
    at += 10;
    if (at + length > msg.size()) return out;
    const int family = type == 1 && length == 4 ? AF_INET : type == 28 && length == 16 ? AF_INET6 : 0;
    if (family != 0) {
      char text[INET6_ADDRSTRLEN] = {};
      inet_ntop(family, msg.data() + at, text, sizeof text);
      out.emplace_back(text, name);
      if (!question.empty() && question != name) out.emplace_back(text, question);
    }
    at += length;
  }
  return out;
}

std::string tls_server_name(Bytes p) {
  // Record header (type 22 handshake, version 3.x), handshake header (type 1 ClientHello).
  if (p.size() < 43 || p[0] != 0x16 || p[1] != 0x03 || p[5] != 0x01) return {};
  std::size_t at = 5 + 4 + 2 + 32;  // handshake header, client version, random
  if (at >= p.size()) return {};
  at += 1 + p[at];  // session id
  if (at + 2 > p.size()) return {};
  at += 2 + be16(p, at);  // cipher suites
  if (at + 1 > p.size()) return {};
  at += 1 + p[at];  // compression methods
  if (at + 2 > p.size()) return {};
  const std::size_t end = std::min(p.size(), at + 2 + be16(p, at));
  at += 2;
  while (at + 4 <= end) {
    const std::size_t type = be16(p, at), length = be16(p, at + 2);
    at += 4;
    if (at + length > end) return {};
    // server_name: list length (2), name type (1, 0 = host name), name length (2), name.
    if (type == 0 && length >= 5 && p[at + 2] == 0) {
      const std::size_t name_length = be16(p, at + 3);
      if (5 + name_length > length) return {};
      std::string name;
      for (std::size_t i = at + 5; i < at + 5 + name_length; ++i)
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(p[i])));
      return name;
    }
    at += length;
  }
  return {};
}

}  // namespace minewatch::net
