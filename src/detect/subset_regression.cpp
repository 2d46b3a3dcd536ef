// detect layer: best-subset least squares with positive coefficients (subset_regression.h).
#include "subset_regression.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace minewatch::detail {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// The pool's cross products, so that each subset's fit is a small solve of its normal equations.
struct Gram {
  std::size_t size = 0;
  std::vector<double> xx;  // size x size
  std::vector<double> xy;  // size
};

// The normal equations of the subset `idx`, solved from the pool's cross products. Returns the explained
// sum of squares, or -1 when the subset is (nearly) collinear or a coefficient is not positive.
double fit_subset(const Gram& g, const std::vector<std::size_t>& idx, NormalEquations& system,
                  std::vector<double>& coef) {
  const std::size_t k = idx.size();
  system.reset(k);
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) system.xx(r, c) = g.xx[idx[r] * g.size + idx[c]];
    system.xy(r) = g.xy[idx[r]];
  }
  // A term that is (nearly) a combination of the others adds nothing: the subset is not worth fitting.
  if (!system.solve(coef)) return -1.0;
  double explained = 0;
  for (std::size_t r = 0; r < k; ++r) {
    if (!(coef[r] > 0)) return -1.0;
    explained += coef[r] * g.xy[idx[r]];
  }
  return explained;
}

// Steps `idx` (increasing indices below n) to the next combination of its size; false after the last.
bool next_combination(std::vector<std::size_t>& idx, std::size_t n) {
  const std::size_t k = idx.size();
  std::size_t i = k;
  while (i > 0 && idx[i - 1] == n - k + i - 1) --i;
  if (i == 0) return false;
  ++idx[i - 1];
  for (std::size_t j = i; j < k; ++j) idx[j] = idx[j - 1] + 1;
  return true;
}

}  // namespace

void NormalEquations::reset(std::size_t k) {
  k_ = k;
  a_.assign(k * (k + 1), 0.0);
}

bool NormalEquations::solve(std::vector<double>& coef) {
  const std::size_t k = k_, w = k + 1;
  double* a = a_.data();
  // Relative to each term's own sum of squares, so that kWh and shares are judged alike.
  tolerance_.resize(k);
  for (std::size_t c = 0; c < k; ++c) tolerance_[c] = 1e-9 * std::fabs(a[c * w + c]);
  pivot_row_.assign(k, SIZE_MAX);
  row_taken_.assign(k, 0);
  bool full_rank = true;
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t best = SIZE_MAX;
    double best_abs = tolerance_[col];
    for (std::size_t r = 0; r < k; ++r) {
      if (!row_taken_[r] && std::fabs(a[r * w + col]) > best_abs) {
        best_abs = std::fabs(a[r * w + col]);
        best = r;
      }
    }
    if (best == SIZE_MAX) {
      full_rank = false;  // no row left to pivot on: the term's coefficient stays 0
      continue;
    }
    pivot_row_[col] = best;
    row_taken_[best] = 1;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == best) continue;
      const double f = a[r * w + col] / a[best * w + col];
      for (std::size_t c = col; c < w; ++c) a[r * w + c] -= f * a[best * w + c];
    }
  }
  coef.assign(k, 0.0);
  for (std::size_t col = 0; col < k; ++col)
    if (pivot_row_[col] != SIZE_MAX) coef[col] = a[pivot_row_[col] * w + k] / a[pivot_row_[col] * w + col];
  return full_rank;
}

SubsetFit best_positive_subset(const std::vector<const std::vector<double>*>& columns,
                               const std::vector<double>& y, std::size_t max_terms, double min_gain,
                               std::size_t pool_size) {
  SubsetFit best;
  const double total = dot(y, y);
  if (total <= 0) return best;
  // The pool: the columns that explain most of y alone (a column y does not follow positively cannot).
  std::vector<std::pair<double, std::size_t>> alone;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double xy = dot(*columns[c], y), xx = dot(*columns[c], *columns[c]);
    if (xy > 0 && xx > 0) alone.emplace_back(xy * xy / xx, c);
  }
  std::sort(alone.begin(), alone.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (alone.size() > pool_size) alone.resize(pool_size);
  std::vector<std::size_t> pool;
  for (const auto& [gain, c] : alone) pool.push_back(c);
  std::sort(pool.begin(), pool.end());

  Gram g;
  g.size = pool.size();
  g.xx.resize(g.size * g.size);
  g.xy.resize(g.size);
  for (std::size_t a = 0; a < g.size; ++a) {
    for (std::size_t b = a; b < g.size; ++b)
      g.xx[a * g.size + b] = g.xx[b * g.size + a] = dot(*columns[pool[a]], *columns[pool[b]]);
    g.xy[a] = dot(*columns[pool[a]], y);
  }

  NormalEquations system;
  std::vector<double> coef;
  for (std::size_t k = 1; k <= max_terms && k <= g.size; ++k) {
    std::vector<std::size_t> idx(k);
    for (std::size_t i = 0; i < k; ++i) idx[i] = i;
    SubsetFit of_size;
    of_size.explained = -1;
    do {
      const double explained = fit_subset(g, idx, system, coef);
      if (explained > of_size.explained) {
        of_size.explained = explained;
        of_size.terms = idx;
        of_size.coef = coef;
      }
    } while (next_combination(idx, g.size));
    if (of_size.explained - best.explained < min_gain * total) break;
    best = std::move(of_size);
  }
  for (std::size_t& t : best.terms) t = pool[t];
  return best;
}

}  // namespace minewatch::detail
