// eval layer: is a score a probability? Reliability bins (predicted against observed), Brier score and
// expected calibration error. mining_score claims to be "the probability that the meter feeds mining rigs";
// these figures check the claim (docs/evaluation.md).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "minewatch/eval/ranking.h"

namespace minewatch {

// One equal-width score bin [lower, upper); the last bin holds its upper edge (a score of 1).
struct ReliabilityBin {
  double lower = 0;
  double upper = 0;
  std::size_t count = 0;
  double mean_score = 0;     // NaN when empty
  double positive_rate = 0;  // observed share of positives; NaN when empty
};

struct Calibration {
  std::vector<ReliabilityBin> bins;
  double brier = 0;  // mean of (score - label)^2; NaN without items
  double ece = 0;    // sum over bins of count/N * |mean_score - positive_rate|; NaN without items
};

// Scores below 0 or above 1 fall into the first or last bin.
Calibration calibration(std::span<const ScoredLabel> items, std::size_t bins = 10);

}  // namespace minewatch
