// net layer: the flow-record CSV, checked field by field.
#include "minewatch/net/flow_records.h"

#include <arpa/inet.h>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::net {
namespace {

bool is_address(std::string_view text) {
  const std::string s(text);
  unsigned char buffer[16];
  return inet_pton(AF_INET, s.c_str(), buffer) == 1 || inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

}  // namespace

std::vector<Flow> read_flow_records(const std::string& path) {
  const std::string text = read_whole_file(path);
  LineSplitter lines(text);
  const CsvHeader header =
      read_csv_header(lines, path, true, "ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]");
  const std::size_t ts = header.require("ts"), src = header.require("src_ip"), dst = header.require("dst_ip"),
                    port = header.require("dst_port"), bytes = header.require("bytes"),
                    packets = header.require("packets"), duration = header.find("duration_s");
  std::vector<Flow> flows;
  TimestampParser parser;
  for_each_csv_row(path, header, lines, [&](auto field, auto number, std::uint64_t line) {
    Flow f;
    ParsedTimestamp when;
    if (!parser.parse(field(ts), when)) throw InputError({path, line, "ts"}, "not a timestamp", field(ts));
    if (when.kind != TimestampKind::utc)
      throw InputError({path, line, "ts"}, "needs an instant: add Z or an offset, or use epoch seconds",
                       field(ts));
    const auto address = [&](std::size_t col, const char* name) {
      if (!is_address(field(col))) throw InputError({path, line, name}, "not an IP address", field(col));
      return std::string(field(col));
    };
    f.client = address(src, "src_ip");
    f.server = address(dst, "dst_ip");
    const double p = number(port, "dst_port", -1);
    if (p < 0 || p > 65535 || p != static_cast<double>(static_cast<std::uint16_t>(p)))
      throw InputError({path, line, "dst_port"}, "not a port number", field(port));
    f.server_port = static_cast<std::uint16_t>(p);
    f.bytes_up = static_cast<std::uint64_t>(number(bytes, "bytes", 0));
    f.packets_up = static_cast<std::uint64_t>(number(packets, "packets", 0));
    f.first_ts = static_cast<double>(when.seconds);
    f.last_ts = f.first_ts + number(duration, "duration_s", 0);
    flows.push_back(std::move(f));
  });
  return flows;
}

}  // namespace minewatch::net
