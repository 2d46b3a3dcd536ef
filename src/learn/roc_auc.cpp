#include "minewatch/learn/roc_auc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace minewatch::learn {

double roc_auc(std::span<const float> scores, std::span<const float> labels) {
  if (scores.size() != labels.size())
    throw std::invalid_argument("roc_auc: scores and labels differ in size");
  for (float s : scores)
    if (std::isnan(s)) throw std::invalid_argument("roc_auc: a score is NaN");  // would break the sort
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  // Sum of the positives' ranks (1-based, ties sharing their mean rank): the Mann-Whitney U statistic.
  double positive_rank_sum = 0;
  double positives = 0;
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    double tied_positives = 0;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) tied_positives += labels[order[j++]];
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    positive_rank_sum += tied_positives * mean_rank;
    positives += tied_positives;
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return std::nan("");
  return (positive_rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

}  // namespace minewatch::learn
