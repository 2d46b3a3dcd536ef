// net layer: the lease table (subscriber_id,ip,from,to): which subscriber held an address at an instant. It
// turns verdicts about addresses into verdicts about subscribers, whom meters.csv links to meters. Addresses
// are dynamic and reused, so the join is by time: the lease in force when a flow began.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minewatch::net {

struct Lease {
  std::string subscriber_id;
  double from = 0;  // UTC seconds, inclusive
  double to = 0;    // exclusive; +infinity when the lease is still held (an empty `to`)
};

class LeaseTable {
 public:
  // Reads the file: from/to ISO instants (Z or an offset) or epoch seconds, `to` empty for a lease still
  // held. InputError naming file, line and field for a bad row, and for two leases of one address that
  // overlap (the line of the earlier one in the message).
  static LeaseTable load(const std::string& path);

  // The subscriber holding `address` at `ts`, or nullptr.
  const std::string* subscriber_at(std::string_view address, double ts) const;
  std::size_t size() const { return leases_; }

 private:
  std::unordered_map<std::string, std::vector<Lease>> by_address_;  // each sorted by `from`, disjoint
  std::size_t leases_ = 0;
};

// The address in its canonical text form (inet_ntop of inet_pton), so "2001:DB8::1" and "2001:db8:0::1"
// meet; empty when it is not an address.
std::string canonical_address(std::string_view text);

}  // namespace minewatch::net
