// detect layer (internal to transformer balance): choosing the few terms of a least-squares fit by best
// subset rather than one at a time. The split of a transformer's deficit (deficit_attribution.h) needs it:
// two thieves whose thefts began weeks apart explain a deficit that rose twice together, while a third meter
// that happened to grow in the same two steps explains more of it alone than either, and greedy forward
// selection takes that third meter and stops.
#pragma once

#include <cstddef>
#include <vector>

namespace minewatch::detail {

// Least squares from cross products: the normal equations of k terms, solved by Gaussian elimination with
// partial pivoting. One object solves many small systems in a row without allocating after the first (the
// best subset fits tens of thousands for each transformer).
class NormalEquations {
 public:
  // Starts a system of k terms, every cross product 0: set them before solving.
  void reset(std::size_t k);
  double& xx(std::size_t i, std::size_t j) { return a_[i * (k_ + 1) + j]; }  // term i with term j
  double& xy(std::size_t i) { return a_[i * (k_ + 1) + k_]; }                // term i with y
  // The coefficients, one per term. A term that is (nearly) a combination of the others, its pivot within
  // 1e-9 of its own sum of squares, gets 0 and makes the result false. Overwrites the cross products.
  bool solve(std::vector<double>& coef);

 private:
  std::size_t k_ = 0;
  std::vector<double> a_;  // k x (k + 1), row-major: each term's row, then its cross product with y
  std::vector<double> tolerance_;
  std::vector<std::size_t> pivot_row_;  // per term: the row it was eliminated with (SIZE_MAX: none)
  std::vector<char> row_taken_;
};

struct SubsetFit {
  std::vector<std::size_t> terms;  // indices into the columns, in increasing order
  std::vector<double> coef;        // one per term, all positive
  double explained = 0;            // the sum of squares of y the fit explains
};

// Among the `pool_size` columns that explain most of y on their own, the subset of at most `max_terms`
// columns whose least-squares fit has only positive coefficients and explains most of y. A subset one term
// larger is taken only when it explains at least `min_gain` (a share of y's sum of squares) more than the
// best smaller one. y and the columns are centred (the intercept is implied), all of one length.
SubsetFit best_positive_subset(const std::vector<const std::vector<double>*>& columns,
                               const std::vector<double>& y, std::size_t max_terms, double min_gain,
                               std::size_t pool_size);

}  // namespace minewatch::detail
