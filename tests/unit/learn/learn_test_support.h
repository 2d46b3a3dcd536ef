// Synthetic classification problems for the learn tests: fixed seeds, so every run sees the same data.
#pragma once

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "minewatch/learn/feature_matrix.h"

namespace minewatch::learn::synthetic {

struct Problem {
  FeatureMatrix features;
  std::vector<float> labels;
  std::vector<std::string> groups;
};

// label = (a + b > 1), exactly; c is noise and missing (NaN) in a fifth of the rows.
inline Problem separable_problem(std::size_t rows, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Problem p{FeatureMatrix({"a", "b", "c"}), {}, {}};
  for (std::size_t r = 0; r < rows; ++r) {
    const float a = u(rng), b = u(rng), c = u(rng);
    const float row[] = {a, b, r % 5 == 0 ? NAN : c};
    p.features.add_row(row);
    p.labels.push_back(a + b > 1.0f ? 1.0f : 0.0f);
    p.groups.push_back("G" + std::to_string(r / 3));  // three rows per group, like meters of one site
  }
  return p;
}

// P(label = 1) = true_probability(a) = 1 / (1 + exp(-4 (a - 0.5))); the column noise carries nothing.
inline double true_probability(float a) {
  return 1.0 / (1.0 + std::exp(-4.0 * (static_cast<double>(a) - 0.5)));
}

inline Problem noisy_problem(std::size_t rows, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Problem p{FeatureMatrix({"a", "noise"}), {}, {}};
  for (std::size_t r = 0; r < rows; ++r) {
    const float a = u(rng), noise = u(rng);
    const float row[] = {a, noise};
    p.features.add_row(row);
    p.labels.push_back(u(rng) < true_probability(a) ? 1.0f : 0.0f);
    p.groups.push_back("G" + std::to_string(r / 2));
  }
  return p;
}

}  // namespace minewatch::learn::synthetic
