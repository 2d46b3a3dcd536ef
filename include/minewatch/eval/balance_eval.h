// eval layer: measuring the transformer-balance detector (transformers.csv of `minewatch scan --balance`)
// against the simulator's truth: how well the score ranks tapped transformers (ROC AUC, average precision,
// precision@k) and how often the named culprit is the true one, beside a naive baseline in the same run.
// docs/balance.md defines each figure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "minewatch/eval/ranking.h"
#include "minewatch/io/balance_truth.h"

namespace minewatch {

// One row of transformers.csv, the columns evaluation uses.
struct TransformerScore {
  std::string transformer_id;
  double score = 0;
  double tap_score = 0;          // ranks the "tapped" label
  double raw_deficit_share = 0;  // the baseline's score
  double balance_kwh = 0;
  std::string culprit;                // blank when not flagged
  std::vector<std::string> suspects;  // meter ids, best first
  std::string naive_suspect;          // the baseline's culprit
};

// Reads transformers.csv. Throws InputError naming file, line and field.
std::vector<TransformerScore> load_transformer_scores(const std::string& path);

struct RankingFigures {
  std::size_t positives = 0;
  std::size_t negatives = 0;
  double auc = 0;
  double average_precision = 0;
  std::vector<PrecisionAtK> at_k;
};

// Of the flagged transformers whose truth names a culprit, how many had it ranked first.
struct CulpritFigures {
  std::size_t judged = 0;  // flagged transformers with a true culprit
  std::size_t right = 0;
  std::size_t meter_judged = 0;  // ... whose true culprit is a meter
  std::size_t meter_right = 0;
  std::size_t unmetered_judged = 0;  // ... whose true culprit is a tap before the meters
  std::size_t unmetered_right = 0;
};

struct BalanceEvalOptions {
  double threshold = 0.5;  // flagged: score at or above it
  std::vector<std::size_t> ks{5, 10, 20, 50};
  double any_share =
      0.02;  // "unaccounted energy" label: tap and hidden energy at least this share of the feed
};

struct BalanceEvalReport {
  std::size_t transformers = 0;  // in both transformers.csv and the truth
  std::size_t not_in_truth = 0;
  std::size_t flagged = 0;
  std::size_t flagged_tapped = 0;
  RankingFigures detector_tapped, baseline_tapped;  // label: a tap drew energy in the window; tap_score
  bool has_meter_truth = false;                     // truth.csv given: the labels below are filled
  RankingFigures detector_any, baseline_any;        // label: tap + hidden >= any_share of the feed; score
  CulpritFigures detector_culprit, baseline_culprit;
};

// The true culprit of a transformer is its largest source of unaccounted energy in the window: the tap
// ("unmetered") or the meter whose theft hid the most (hidden truth, when given).
BalanceEvalReport evaluate_balance(const std::vector<TransformerScore>& scores,
                                   const std::vector<TransformerTruth>& transformers,
                                   const std::vector<HiddenEnergyTruth>& hidden, bool has_meter_truth,
                                   const BalanceEvalOptions& options);

std::string format_balance_report(const BalanceEvalReport& report, const BalanceEvalOptions& options);
void write_balance_report_json(const std::string& path, const BalanceEvalReport& report,
                               const BalanceEvalOptions& options);

}  // namespace minewatch
