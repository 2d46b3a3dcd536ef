// eval layer: ranking metrics for a score per meter against a yes/no truth. Inspectors visit meters in score
// order with a budget, so these are the figures that matter (docs/evaluation.md defines each one). AUC and
// average precision follow sklearn's roc_auc_score and average_precision_score, so figures compare with
// published ones.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace minewatch {

struct ScoredLabel {
  double score = 0;  // never NaN (callers map "no score" to 0)
  bool positive = false;
};

// Mann-Whitney: the chance that a random positive scores above a random negative, ties counting half.
// NaN unless there are both positives and negatives.
double roc_auc(std::span<const ScoredLabel> items);

// sum over distinct score thresholds (highest first) of (R_n - R_{n-1}) * P_n, meters of equal score
// entering together. NaN without positives.
double average_precision(std::span<const ScoredLabel> items);

// The labels in ranking order: highest score first, ties kept in the items' order (callers keep that
// deterministic, e.g. sorted by meter id). The input of precision_at_k and mean_average_precision_at.
std::vector<bool> ranked_positives(std::span<const ScoredLabel> items);

// Precision among the first k of a ranking. `ranked_positive` holds the labels in ranking order, best first.
// With fewer than k meters nothing is invented: available is false and hits/precision are left at 0/NaN.
struct PrecisionAtK {
  std::size_t k = 0;
  bool available = false;
  std::size_t hits = 0;
  double precision = 0;
};
PrecisionAtK precision_at_k(const std::vector<bool>& ranked_positive, std::size_t k);

// MAP@N as in Zheng et al. 2018 (electricity-theft detection on SGCC data): the mean of P@k_i over the
// positives i in the first N, k_i being the rank of the i-th; 0 when none of the first N is positive.
// With fewer than N meters it runs over all of them.
double mean_average_precision_at(const std::vector<bool>& ranked_positive, std::size_t n);

}  // namespace minewatch
