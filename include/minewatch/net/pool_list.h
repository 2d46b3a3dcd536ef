// net layer: known mining-pool endpoints (data/net/pools.csv: host_or_ip,port,pool,source). A connection
// to one is evidence of mining even when its content is encrypted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch::net {

struct PoolEndpoint {
  std::string host;        // an address, a host name, or "*.example.org" for every name under example.org
  std::uint16_t port = 0;  // 0: any port
  std::string pool;        // the pool's name, for reasons
  std::string source;      // why the entry is there
};

class PoolList {
 public:
  // Reads the file; InputError naming file, line and field for a bad row.
  static PoolList load(const std::string& path);
  static PoolList from_entries(std::vector<PoolEndpoint> entries);

  // The entry matching the server address or a host name seen for it (SNI or DNS), and its port.
  const PoolEndpoint* match(std::string_view address, std::string_view host_name, std::uint16_t port) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<PoolEndpoint> entries_;
};

// data/net/pools.csv of the source tree.
std::string default_pool_list_path();

}  // namespace minewatch::net
