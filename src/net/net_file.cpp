// net layer: NET.csv by subscriber, checked field by field.
#include "minewatch/net/net_file.h"

#include "minewatch/core/error.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch::net {

SubscriberEvidenceFile read_subscriber_evidence(const std::string& path) {
  const std::string text = read_whole_file(path);
  LineSplitter lines(text);
  const CsvHeader header = read_csv_header(lines, path, true, "subscriber_id,address,...,net_score,reasons");
  if (header.find("subscriber_id") == SIZE_MAX)
    throw InputError({path, 1, "subscriber_id"},
                     "NET.csv is by address: run `minewatch net scan` with --leases to join addresses to "
                     "subscribers");
  const std::size_t subscriber = header.require("subscriber_id"), score = header.require("net_score"),
                    reasons = header.require("reasons"), pools = header.require("pools");
  SubscriberEvidenceFile file;
  for_each_csv_row(path, header, lines, [&](auto field, auto number, std::uint64_t line) {
    const std::string id(field(subscriber));
    if (id.empty()) {
      ++file.unleased_rows;
      return;
    }
    SubscriberEvidence e;
    e.net_score = number(score, "net_score", -1);
    if (e.net_score < 0 || e.net_score > 1)
      throw InputError({path, line, "net_score"}, "expected a score from 0 to 1", field(score));
    e.reasons = std::string(field(reasons));
    e.pools = std::string(field(pools));
    if (!file.by_subscriber.emplace(id, std::move(e)).second)
      throw InputError({path, line, "subscriber_id"}, "subscriber listed twice", id);
  });
  return file;
}

}  // namespace minewatch::net
