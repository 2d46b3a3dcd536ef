// net layer: the flow-record CSV, checked field by field and read in blocks: a day of a telecom's flow
// records is larger than the memory a scan should need, so only one block is held at a time.
#include "minewatch/net/flow_records.h"

#include <algorithm>
#include <memory>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/net/lease_table.h"

namespace minewatch::net {
namespace {

constexpr std::size_t kBlockBytes = 4u << 20;
constexpr double kMaxFlowSeconds = 366.0 * 86400.0;

struct Columns {
  std::size_t ts, src, dst, port, bytes, packets, duration;
  std::size_t count;
};

Columns find_columns(const CsvHeader& header) {
  return {header.require("ts"),       header.require("src_ip"), header.require("dst_ip"),
          header.require("dst_port"), header.require("bytes"),  header.require("packets"),
          header.find("duration_s"),  header.names.size()};
}

// One row into `f`; InputError naming file, line and field.
void parse_row(const std::string& path, std::uint64_t line, const std::vector<std::string_view>& fields,
               const Columns& c, const CsvHeader& header, TimestampParser& parser, Flow& f) {
  if (fields.size() < c.count) throw InputError({path, line, header.names[fields.size()]}, "missing field");
  const auto field = [&](std::size_t col) {
    return col == SIZE_MAX ? std::string_view{} : trim(fields[col]);
  };
  const auto number = [&](std::size_t col, const char* name, double blank) {
    const std::string_view t = field(col);
    if (t.empty()) return blank;
    double v = 0;
    if (!parse_csv_double(t, v)) throw InputError({path, line, name}, "not a number", t);
    if (v < 0) throw InputError({path, line, name}, "negative value", t);
    return v;
  };
  ParsedTimestamp when;
  if (!parser.parse(field(c.ts), when)) throw InputError({path, line, "ts"}, "not a timestamp", field(c.ts));
  if (when.kind != TimestampKind::utc)
    throw InputError({path, line, "ts"}, "needs an instant: add Z or an offset, or use epoch seconds",
                     field(c.ts));
  // In canonical form, as the lease table and the captures' flows write addresses.
  const auto address = [&](std::size_t col, const char* name) {
    std::string canonical = canonical_address(field(col));
    if (canonical.empty()) throw InputError({path, line, name}, "not an IP address", field(col));
    return canonical;
  };
  f.client = address(c.src, "src_ip");
  f.server = address(c.dst, "dst_ip");
  const double p = number(c.port, "dst_port", -1);
  if (p < 0 || p > 65535 || p != static_cast<double>(static_cast<std::uint16_t>(p)))
    throw InputError({path, line, "dst_port"}, "not a port number", field(c.port));
  f.server_port = static_cast<std::uint16_t>(p);
  // A counter: within 64 bits, beyond which the value is no count (and would not convert).
  const auto counter = [&](std::size_t col, const char* name) {
    const double v = number(col, name, 0);
    if (v >= 18446744073709551616.0)
      throw InputError({path, line, name}, "too large for a counter", field(col));
    return static_cast<std::uint64_t>(v);
  };
  f.bytes_up = counter(c.bytes, "bytes");
  f.packets_up = counter(c.packets, "packets");
  f.first_ts = static_cast<double>(when.seconds);
  // An exporter cuts a long flow at its active timeout (minutes to hours); a record of more than a year is no
  // flow, and its end would not fit a timestamp.
  const double duration = number(c.duration, "duration_s", 0);
  if (duration > kMaxFlowSeconds)
    throw InputError({path, line, "duration_s"}, "longer than a year", field(c.duration));
  f.last_ts = f.first_ts + duration;
}

}  // namespace

std::uint64_t for_each_flow_record(const std::string& path, const std::function<void(const Flow&)>& on_flow) {
  const std::unique_ptr<ByteSource> source = open_byte_source(path);
  std::string text;  // the unread rest of the file's bytes so far: whole lines, then a partial one
  std::vector<char> block(kBlockBytes);
  bool at_end = false;
  // Reads until `text` holds a newline (or the file ends); returns where the complete lines end.
  const auto fill = [&]() {
    std::size_t complete = text.rfind('\n');
    while (complete == std::string::npos && !at_end) {
      const std::size_t n = source->read(block.data(), block.size());
      if (n == 0) {
        at_end = true;
        break;
      }
      const std::size_t before = text.size();
      text.append(block.data(), n);
      const std::size_t found = std::string_view(text).substr(before).rfind('\n');
      if (found != std::string_view::npos) complete = before + found;
    }
    return complete == std::string::npos ? text.size() : complete + 1;
  };
  std::size_t complete = fill();
  LineSplitter header_lines(std::string_view(text).substr(0, complete));
  const CsvHeader header =
      read_csv_header(header_lines, path, true, "ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]");
  const Columns columns = find_columns(header);
  // read_csv_header consumed the first line; the rest is rows.
  std::size_t consumed = std::min(complete, text.find('\n') + 1);
  std::uint64_t line_no = 1, records = 0;
  TimestampParser parser;
  std::vector<std::string_view> fields;
  std::string unquoted;
  Flow f;
  while (true) {
    LineSplitter lines(std::string_view(text).substr(consumed, complete - consumed));
    while (next_csv_row(lines, path, line_no, fields, unquoted)) {
      parse_row(path, line_no, fields, columns, header, parser, f);
      on_flow(f);
      ++records;
    }
    text.erase(0, complete);
    consumed = 0;
    if (at_end && text.empty()) break;
    complete = fill();
    if (complete == 0) break;
  }
  return records;
}

std::vector<Flow> read_flow_records(const std::string& path) {
  std::vector<Flow> flows;
  for_each_flow_record(path, [&](const Flow& f) { flows.push_back(f); });
  return flows;
}

}  // namespace minewatch::net
