// Fuzzes the flow-record CSV (ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]): a bad file is an
// InputError naming the file, never anything else; every flow read has canonical addresses and lasts from
// zero to a year.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/net/flow_records.h"
#include "minewatch/net/lease_table.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = minewatch::fuzz::write_scratch("flows.csv", minewatch::fuzz::as_text(data, size));
  try {
    net::for_each_flow_record(path, [](const net::Flow& f) {
      check(!f.client.empty() && net::canonical_address(f.client) == f.client,
            "a client address not canonical");
      check(!f.server.empty() && net::canonical_address(f.server) == f.server,
            "a server address not canonical");
      check(f.last_ts >= f.first_ts, "a flow that ends before it starts");
      check(f.last_ts - f.first_ts <= 366.0 * 86400.0, "a flow of more than a year");
    });
  } catch (const InputError& e) {
    check(e.place().file == path, "the InputError does not name the file");
  }
  return 0;
}
