// net layer: the lease file, checked row by row and per address for overlaps.
#include "minewatch/net/lease_table.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::net {

std::string canonical_address(std::string_view text) {
  const std::string s(text);
  unsigned char buffer[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, s.c_str(), buffer) == 1) return inet_ntop(AF_INET, buffer, out, sizeof out);
  if (inet_pton(AF_INET6, s.c_str(), buffer) == 1) return inet_ntop(AF_INET6, buffer, out, sizeof out);
  return {};
}

LeaseTable LeaseTable::load(const std::string& path) {
  const std::string text = read_whole_file(path);
  LineSplitter lines(text);
  const CsvHeader header = read_csv_header(lines, path, true, "subscriber_id,ip,from,to");
  const std::size_t subscriber = header.require("subscriber_id"), ip = header.require("ip"),
                    from = header.require("from"), to = header.require("to");
  struct Row {
    std::string address;
    Lease lease;
    std::uint64_t line;
  };
  std::vector<Row> rows;
  TimestampParser parser;
  for_each_csv_row(path, header, lines, [&](auto field, auto, std::uint64_t line) {
    Row r;
    r.line = line;
    r.lease.subscriber_id = std::string(field(subscriber));
    if (r.lease.subscriber_id.empty()) throw InputError({path, line, "subscriber_id"}, "empty subscriber");
    r.address = canonical_address(field(ip));
    if (r.address.empty()) throw InputError({path, line, "ip"}, "not an IP address", field(ip));
    const auto instant = [&](std::size_t col, const char* name) {
      ParsedTimestamp when;
      if (!parser.parse(field(col), when))
        throw InputError({path, line, name}, "not a timestamp", field(col));
      if (when.kind != TimestampKind::utc)
        throw InputError({path, line, name}, "needs an instant: add Z or an offset, or use epoch seconds",
                         field(col));
      return static_cast<double>(when.seconds);
    };
    r.lease.from = instant(from, "from");
    r.lease.to = field(to).empty() ? std::numeric_limits<double>::infinity() : instant(to, "to");
    if (!(r.lease.to > r.lease.from)) throw InputError({path, line, "to"}, "not after `from`", field(to));
    rows.push_back(std::move(r));
  });
  // Per address in time order; an overlap means two subscribers at once, which the join cannot decide.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.address != b.address ? a.address < b.address : a.lease.from < b.lease.from;
  });
  LeaseTable table;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].address == rows[i - 1].address && rows[i].lease.from < rows[i - 1].lease.to)
      throw InputError({path, rows[i].line, "from"},
                       fmt::format("overlaps the lease of {} on line {} for the same address",
                                   rows[i - 1].lease.subscriber_id, rows[i - 1].line),
                       rows[i].address);
    table.by_address_[rows[i].address].push_back(std::move(rows[i].lease));
  }
  table.leases_ = rows.size();
  return table;
}

const std::string* LeaseTable::subscriber_at(std::string_view address, double ts) const {
  auto found = by_address_.find(std::string(address));
  if (found == by_address_.end()) {
    const std::string canonical = canonical_address(address);
    if (canonical.empty() || canonical == address) return nullptr;
    found = by_address_.find(canonical);
    if (found == by_address_.end()) return nullptr;
  }
  const std::vector<Lease>& leases = found->second;
  // The last lease that began at or before ts; it holds ts when ts is before its end.
  auto after =
      std::upper_bound(leases.begin(), leases.end(), ts, [](double t, const Lease& l) { return t < l.from; });
  if (after == leases.begin()) return nullptr;
  const Lease& lease = *(after - 1);
  return ts < lease.to ? &lease.subscriber_id : nullptr;
}

}  // namespace minewatch::net
