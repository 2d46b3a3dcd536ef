// pipeline layer: the transformer balance of a scan. Joins each transformer's balance series to the day
// series of its customer meters (from the registry's transformer_id), runs the balance detector
// (detect/transformer_balance.h) on every transformer with a balance meter, and writes transformers.csv.
#pragma once

#include <string>
#include <vector>

#include "minewatch/detect/transformer_balance.h"
#include "minewatch/pipeline/balance_scan.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {

class MeterRegistry;
class WeatherTable;

struct TransformerRow {
  std::string transformer_id;
  std::string region;                  // of its meters (the first one's)
  std::vector<std::string> meter_ids;  // its registered meters, indexed like the analysis' meters
  BalanceAnalysis analysis;
  std::string culprit;  // flagged only: the culprit meter's id, or "unmetered" (no meter's drop explains it)
  std::string reason;
};

// One row per transformer of `balance`, most suspicious first (score, then id). Meters of the registry with
// no readings in `meters` count as silent (0 kWh).
std::vector<TransformerRow> build_transformer_rows(const BalanceScanResult& balance,
                                                   const std::vector<MeterScanResult>& meters,
                                                   const MeterRegistry& registry, const BalanceConfig& config,
                                                   const WeatherTable* weather = nullptr);

// Writes transformers.csv atomically (docs/formats.md lists the columns).
void write_transformers_csv(const std::string& path, const std::vector<TransformerRow>& rows);

}  // namespace minewatch
