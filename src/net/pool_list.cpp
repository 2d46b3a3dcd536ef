// net layer: the pool endpoint file and host-name matching (exact, or a "*." suffix).
#include "minewatch/net/pool_list.h"

#include <algorithm>
#include <cctype>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::net {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool host_matches(std::string_view pattern, std::string_view name) {
  if (name.empty()) return false;
  if (pattern.starts_with("*.")) {
    const std::string_view base = pattern.substr(2);
    return name == base ||
           (name.size() > base.size() && name.ends_with(base) && name[name.size() - base.size() - 1] == '.');
  }
  return pattern == name;
}

}  // namespace

PoolList PoolList::load(const std::string& path) {
  const std::string text = read_whole_file(path);
  LineSplitter lines(text);
  const CsvHeader header = read_csv_header(lines, path, true, "host_or_ip,port,pool,source");
  const std::size_t host = header.require("host_or_ip"), port = header.require("port"),
                    pool = header.require("pool"), source = header.require("source");
  std::vector<PoolEndpoint> entries;
  for_each_csv_row(path, header, lines, [&](auto field, auto number, std::uint64_t line) {
    PoolEndpoint e;
    e.host = lower(field(host));
    if (e.host.empty()) throw InputError({path, line, "host_or_ip"}, "empty host");
    const double p = number(port, "port", 0);
    if (p > 65535 || p != static_cast<double>(static_cast<std::uint16_t>(p)))
      throw InputError({path, line, "port"}, "not a port number", field(port));
    e.port = static_cast<std::uint16_t>(p);
    e.pool = std::string(field(pool));
    e.source = std::string(field(source));
    if (e.source.empty()) throw InputError({path, line, "source"}, "every entry needs its source");
    entries.push_back(std::move(e));
  });
  return from_entries(std::move(entries));
}

PoolList PoolList::from_entries(std::vector<PoolEndpoint> entries) {
  PoolList list;
  list.entries_ = std::move(entries);
  return list;
}

const PoolEndpoint* PoolList::match(std::string_view address, std::string_view host_name,
                                    std::uint16_t port) const {
  const std::string name = lower(host_name);
  for (const PoolEndpoint& e : entries_) {
    if (e.port != 0 && e.port != port) continue;
    if (e.host == address || host_matches(e.host, name)) return &e;
  }
  return nullptr;
}

std::string default_pool_list_path() {
  return std::string(MINEWATCH_DATA_DIR) + "/net/pools.csv";
}

}  // namespace minewatch::net
