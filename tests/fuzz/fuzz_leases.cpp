// Fuzzes the two files that join network evidence to meters: the lease table (subscriber_id,ip,from,to)
// and NET.csv by subscriber. Bad files are InputErrors naming the file, never anything else; what loads is
// well formed (leases answer lookups, scores lie in [0,1]).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/net/lease_table.h"
#include "minewatch/net/net_file.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the reader, so one corpus covers both.
  const bool leases = (data[0] & 1) == 0;
  const std::string& path = minewatch::fuzz::write_scratch(leases ? "leases.csv" : "NET.csv",
                                                           minewatch::fuzz::as_text(data + 1, size - 1));
  try {
    if (leases) {
      const net::LeaseTable table = net::LeaseTable::load(path);
      (void)table.subscriber_at("100.64.0.7", 1.7e9);
      (void)table.subscriber_at("not an address", 0);
    } else {
      for (const auto& [id, e] : net::read_subscriber_evidence(path).by_subscriber)
        check(!id.empty() && e.net_score >= 0 && e.net_score <= 1, "a bad subscriber row loaded");
    }
  } catch (const InputError& e) {
    check(e.place().file == path, "the InputError does not name the file");
  }
  return 0;
}
