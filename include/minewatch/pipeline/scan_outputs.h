// pipeline layer: the files a scan leaves for people: suspects.csv (one row per meter) and summary.json.
// Both are written atomically (io/atomic_file.h).
#pragma once

#include <string>
#include <vector>

#include "minewatch/detect/mining_score.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {

class MeterRegistry;
class MeterEvents;
struct MeterInfo;
struct MeterEventCounts;

struct SuspectRow {
  const MeterScanResult* scan = nullptr;
  MiningAssessment mining;
  const MeterInfo* info = nullptr;           // null without a registry
  const MeterEventCounts* events = nullptr;  // null without events
};

// Scores every meter of the scan, adds registry meters that sent no readings, and orders the rows by
// mining_score (highest first), then meter id.
std::vector<SuspectRow> build_suspect_rows(const BatchScanResult& scan, const MiningScoreConfig& config,
                                           const MeterRegistry* registry, const MeterEvents* events,
                                           std::vector<MeterScanResult>& silent_meters);

void write_suspects_csv(const std::string& path, const std::vector<SuspectRow>& rows, const ZoneTable& zones);

struct ScanTimings {
  double read_and_engine_s = 0;
  double scoring_s = 0;
  double write_s = 0;
  double total_s = 0;
};

struct SummaryInputs {
  std::vector<std::string> readings;
  std::string meters;
  std::string events;
};

void write_summary_json(const std::string& path, const BatchScanResult& scan,
                        const std::vector<SuspectRow>& rows, const SummaryInputs& inputs,
                        const ScanTimings& timings, float suspect_threshold, bool skip_bad_rows);

}  // namespace minewatch
