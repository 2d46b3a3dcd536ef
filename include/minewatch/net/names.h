// net layer: the host names a capture reveals without decrypting anything: DNS answers (name -> addresses)
// and the server name a TLS client sends in its ClientHello (SNI).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace minewatch::net {

// The (address, name) pairs of the A and AAAA records of a DNS response (UDP payload). Each address is paired
// with the question's name too, so a CNAME chain still maps the address to the name the client asked for.
// Empty for a query, a malformed message or one without such records.
std::vector<std::pair<std::string, std::string>> dns_answers(std::span<const std::uint8_t> message);

// The server name of a TLS ClientHello starting at the first byte of `payload`; empty when it is not one.
std::string tls_server_name(std::span<const std::uint8_t> payload);

}  // namespace minewatch::net
