#include "minewatch/eval/ranking.h"

#include <algorithm>
#include <cmath>

namespace minewatch {
namespace {

// The items sorted by score, highest first (ties in any order: every metric here groups them).
std::vector<ScoredLabel> by_score_descending(std::span<const ScoredLabel> items) {
  std::vector<ScoredLabel> sorted(items.begin(), items.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const ScoredLabel& a, const ScoredLabel& b) { return a.score > b.score; });
  return sorted;
}

}  // namespace

double roc_auc(std::span<const ScoredLabel> items) {
  const auto sorted = by_score_descending(items);
  double positives = 0;
  double negatives = 0;
  // Walking down the scores: the positives above a group beat its negatives; pairs inside a group tie.
  double wins = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    double group_pos = 0;
    double group_neg = 0;
    for (; j < sorted.size() && sorted[j].score == sorted[i].score; ++j)
      (sorted[j].positive ? group_pos : group_neg) += 1;
    wins += group_neg * positives + 0.5 * group_neg * group_pos;
    positives += group_pos;
    negatives += group_neg;
    i = j;
  }
  if (positives == 0 || negatives == 0) return NAN;
  return wins / (positives * negatives);
}

double average_precision(std::span<const ScoredLabel> items) {
  const auto sorted = by_score_descending(items);
  double total_positives = 0;
  for (const auto& item : sorted) total_positives += item.positive ? 1 : 0;
  if (total_positives == 0) return NAN;
  double ap = 0;
  double true_pos = 0;
  double seen = 0;
  double previous_recall = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    for (; j < sorted.size() && sorted[j].score == sorted[i].score; ++j) {
      true_pos += sorted[j].positive ? 1 : 0;
      seen += 1;
    }
    const double recall = true_pos / total_positives;
    ap += (recall - previous_recall) * (true_pos / seen);
    previous_recall = recall;
    i = j;
  }
  return ap;
}

PrecisionAtK precision_at_k(const std::vector<bool>& ranked_positive, std::size_t k) {
  PrecisionAtK out;
  out.k = k;
  if (k == 0 || ranked_positive.size() < k) {
    out.precision = NAN;
    return out;
  }
  out.available = true;
  out.hits = static_cast<std::size_t>(
      std::count(ranked_positive.begin(), ranked_positive.begin() + static_cast<std::ptrdiff_t>(k), true));
  out.precision = static_cast<double>(out.hits) / static_cast<double>(k);
  return out;
}

double mean_average_precision_at(const std::vector<bool>& ranked_positive, std::size_t n) {
  const std::size_t end = std::min(n, ranked_positive.size());
  double sum = 0;
  std::size_t hits = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (!ranked_positive[i]) continue;
    ++hits;
    sum += static_cast<double>(hits) / static_cast<double>(i + 1);
  }
  return hits == 0 ? 0.0 : sum / static_cast<double>(hits);
}

std::vector<bool> ranked_positives(std::span<const ScoredLabel> items) {
  std::vector<ScoredLabel> sorted(items.begin(), items.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ScoredLabel& a, const ScoredLabel& b) { return a.score > b.score; });
  std::vector<bool> ranked;
  ranked.reserve(sorted.size());
  for (const ScoredLabel& s : sorted) ranked.push_back(s.positive);
  return ranked;
}

}  // namespace minewatch
