// eval layer: scoring the mining detector against ground truth. One EvalMeter per truth meter (the detector's
// output joined to its truth row, eval/mining_join.h); evaluate_mining turns them into every figure of
// docs/evaluation.md, for minewatch and for the utility baseline side by side.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/eval/calibration.h"
#include "minewatch/eval/estimate_errors.h"
#include "minewatch/eval/ranking.h"

namespace minewatch {

struct EvalMeter {
  std::string id;
  bool positive = false;  // truth: rigs on this meter ran in the window
  std::string meter_class;
  std::string disguise;
  std::vector<std::string> behaviour;
  bool scanned = false;  // the scan had a row for this meter (absent meters score 0)
  double score = 0;
  double baseline_score = 0;
  bool baseline_flagged = false;
  double est_kw = NAN;  // NaN: no estimate
  double true_kw = NAN;
  std::int64_t est_start = INT64_MIN;  // kNoDay: none
  std::int64_t true_start = INT64_MIN;
  std::int64_t est_end = INT64_MIN;
  std::int64_t true_end = INT64_MIN;
  bool start_in_data = false;  // the true start falls after the meter's first day of readings
  bool end_in_data = false;    // the true stop falls inside the meter's readings
  int rig_count = 0;           // 0: no estimate
  int true_rig_count = 0;      // 0: unknown
};

struct MiningEvalOptions {
  double threshold = 0.5;  // score >= threshold: flagged
  std::vector<std::size_t> precision_ks{50, 100, 500};
  std::vector<std::size_t> map_ns{100, 200};
  std::size_t class_top_k = 100;  // "in the top 100" of the per-class table
};

struct RankingSummary {
  double auc = NAN;
  double average_precision = NAN;
  std::vector<PrecisionAtK> precision_at;
  std::vector<std::pair<std::size_t, double>> map_at;  // (N, MAP@N)
  std::size_t flagged = 0;
  std::size_t flagged_positives = 0;
  double recall = NAN;     // flagged positives / positives
  double precision = NAN;  // flagged positives / flagged
};

struct RigSummary {
  std::size_t compared = 0;  // detected positives with an estimated and a true rig count
  std::size_t exact = 0;
  double share_exact = NAN;
};

struct ClassRow {
  std::string name;
  std::size_t count = 0;
  std::size_t positives = 0;
  std::size_t flagged = 0;
  std::size_t baseline_flagged = 0;
  std::size_t in_top = 0;
  std::size_t baseline_in_top = 0;
  double mean_score = NAN;
};

// Positives sharing a disguise or a behaviour tag.
struct PositiveGroupRow {
  std::string name;
  std::size_t count = 0;
  double recall = NAN;           // flagged at the threshold
  double recall_top_p = NAN;     // in the first P of the ranking, P = number of positives
  double baseline_recall = NAN;  // flagged by the baseline
  KwErrorSummary kw;             // over the flagged
};

struct MiningEvalReport {
  double threshold = 0.5;
  std::size_t meters = 0;
  std::size_t positives = 0;
  std::size_t negatives = 0;
  std::size_t class_top_k = 100;
  RankingSummary ours;
  RankingSummary baseline;
  Calibration calibration;
  KwErrorSummary kw;  // positives flagged at the threshold
  RigSummary rigs;
  DayErrorSummary start;  // detected positives whose true start lies inside their data
  DayErrorSummary end;    // detected positives whose true stop lies inside their data
  std::vector<ClassRow> classes;
  std::vector<PositiveGroupRow> disguises;
  std::vector<PositiveGroupRow> behaviours;
};

MiningEvalReport evaluate_mining(const std::vector<EvalMeter>& meters, const MiningEvalOptions& options);

// Indices of `meters` in ranking order: score (or the baseline's) highest first, then meter id, as
// suspects.csv is ordered.
std::vector<std::size_t> ranking_order(const std::vector<EvalMeter>& meters, bool baseline);

}  // namespace minewatch
