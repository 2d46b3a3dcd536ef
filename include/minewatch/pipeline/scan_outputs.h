// pipeline layer: the files a scan leaves for people: suspects.csv (one row per meter) and summary.json.
// Both are written atomically (io/atomic_file.h).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "minewatch/detect/mining_score.h"
#include "minewatch/detect/tamper_score.h"
#include "minewatch/pipeline/batch_scan.h"
#include "minewatch/pipeline/mining_scoring.h"
#include "minewatch/pipeline/theft_scoring.h"

namespace minewatch {

class MeterRegistry;
class MeterEvents;
struct MeterInfo;
struct MeterEventCounts;

// The network's evidence on a meter's subscriber (pipeline/network_join.h); score -1 when not seen.
struct NetworkFinding {
  double net_score = -1;
  double mining_with_net = NAN;  // the mining probability fused with it; NaN without network evidence
  std::string reason;
};

struct SuspectRow {
  const MeterScanResult* scan = nullptr;
  MiningAssessment mining;
  MiningProfile profile;
  MiningContext context;
  TheftAssessment theft;
  TamperAssessment tamper;
  NetworkFinding network;
  std::size_t model_row = 0;                 // the meter's row in the model input
  const MeterInfo* info = nullptr;           // null without a registry
  const MeterEventCounts* events = nullptr;  // null without events
};

// What the scan's rows are scored with, beside the mining options.
struct SuspectScoring {
  MiningScoringOptions mining;
  const learn::ModelBundle* theft_model = nullptr;  // null: the theft rule
  const MeterEvents* events = nullptr;  // null: no events file (tamper evidence from physics only)
  const ZoneTable* zones = nullptr;     // dates events in each meter's local time; null: no events
};

// Scores every meter of the scan for mining (mining_scoring.h), theft (theft_scoring.h) and tampering (the
// events and physics with the theft signal, pipeline/tamper_scan.h), adds registry meters that sent no
// readings, and orders the rows by mining_score (highest first), then meter id. The mining model input of
// every meter is left in model_input when given.
std::vector<SuspectRow> build_suspect_rows(const BatchScanResult& scan, const SuspectScoring& scoring,
                                           std::vector<MeterScanResult>& silent_meters,
                                           learn::FeatureMatrix* model_input = nullptr);

// features.csv: meter_id and the model's features, one row per meter in the rows' order (the training input
// of `minewatch train mining`).
void write_model_features_csv(const std::string& path, const std::vector<SuspectRow>& rows,
                              const learn::FeatureMatrix& model_input);

void write_suspects_csv(const std::string& path, const std::vector<SuspectRow>& rows, const ZoneTable& zones);

struct ScanTimings {
  double read_and_engine_s = 0;
  double scoring_s = 0;
  double write_s = 0;
  double cases_s = 0;  // violations, cases and their files (and the store), part of write_s
  double total_s = 0;
};

struct SummaryInputs {
  std::vector<std::string> readings;
  std::string meters;
  std::string events;
  std::string weather;
  std::string model;        // empty: scored by the rule alone
  std::string theft_model;  // the same for theft
  std::string policy;       // the policy file the cases were judged by
  std::string net;          // NET.csv by subscriber; empty without network evidence
};

void write_summary_json(const std::string& path, const BatchScanResult& scan,
                        const std::vector<SuspectRow>& rows, const SummaryInputs& inputs,
                        const ScanTimings& timings, float suspect_threshold, bool skip_bad_rows);

}  // namespace minewatch
