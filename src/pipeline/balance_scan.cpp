#include "minewatch/pipeline/balance_scan.h"

#include <chrono>
#include <unordered_map>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/io/meter_registry.h"

namespace minewatch {
namespace {

// Each transformer named in the registry, in the zone of its first meter (the meters of one transformer share
// a place, hence a zone).
MeterRegistry transformer_registry(const MeterRegistry& registry) {
  std::vector<MeterInfo> transformers;
  std::unordered_map<std::string, std::size_t> seen;
  for (const MeterInfo& meter : registry.meters()) {
    if (meter.transformer_id.empty() || !seen.emplace(meter.transformer_id, transformers.size()).second)
      continue;
    MeterInfo t;
    t.id = meter.transformer_id;
    t.region = meter.region;
    t.zone = meter.zone;
    transformers.push_back(std::move(t));
  }
  return MeterRegistry::from_meters(std::move(transformers));
}

// The readings layout would take a meter_id column too; a balance file must say whose feed it measures.
void check_header(const std::string& path) {
  const std::string first = read_first_line(path);
  LineSplitter lines(first);
  const CsvHeader header = read_csv_header(lines, path, true, "transformer_id,ts,kwh");
  header.require("transformer_id");
}

}  // namespace

BalanceScanResult scan_balance_files(const std::vector<std::string>& paths, const MeterRegistry& registry,
                                     const BatchScanOptions& base, const ZoneTable& zones) {
  const auto started = std::chrono::steady_clock::now();
  for (const auto& path : paths) check_header(path);
  const MeterRegistry transformers = transformer_registry(registry);
  BatchScanOptions options = base;
  options.readings_files = paths;
  options.format = ReadingsFormat::long_csv;
  options.registry = &transformers;
  options.progress = nullptr;
  BatchScanResult scan = run_batch_scan(options, zones);

  BalanceScanResult out;
  out.files = std::move(scan.files);
  out.readings_accepted = scan.readings_accepted;
  for (auto r : scan.rejected) out.rows_rejected += r;
  out.transformers.reserve(scan.meters.size());
  for (MeterScanResult& t : scan.meters)
    out.transformers.push_back({std::move(t.id), t.zone, std::move(t.series)});
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace minewatch
