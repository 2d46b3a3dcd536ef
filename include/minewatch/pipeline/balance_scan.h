// pipeline layer: reading transformer balance files (transformer_id,ts,kwh) into one day series per
// transformer. The balance meter is read as a "meter" of the same batch scan and engine as customer meters,
// so its days are local days closed by the same rule (late and duplicate readings, complete days), in the
// zone of the transformer's customer meters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/detect/daily_series.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {

class MeterRegistry;

struct TransformerSeries {
  std::string transformer_id;
  ZoneId zone = 0;
  DailySeries series;  // kWh per local day, NaN for days with fewer than 90% of their readings
};

struct BalanceScanResult {
  std::vector<TransformerSeries> transformers;  // in no particular order
  std::vector<FileScanInfo> files;
  std::uint64_t readings_accepted = 0;
  std::uint64_t rows_rejected = 0;
  double seconds = 0;
};

// Reads the balance files. `base` supplies the threads, the bad-row rule, the timestamp convention and the
// value limits of the customer scan. A transformer is known when a meter of `registry` names it; the balance
// readings of any other transformer are bad rows (unknown_meter), like readings of an unregistered meter.
// Throws InputError naming file, line and field for bad input (a missing transformer_id column included).
BalanceScanResult scan_balance_files(const std::vector<std::string>& paths, const MeterRegistry& registry,
                                     const BatchScanOptions& base, const ZoneTable& zones);

}  // namespace minewatch
