// detect layer (internal to transformer balance): choosing the few terms of a least-squares fit by best
// subset rather than one at a time. The split of a transformer's deficit (deficit_attribution.h) needs it:
// two thieves whose thefts began weeks apart explain a deficit that rose twice together, while a third meter
// that happened to grow in the same two steps explains more of it alone than either, and greedy forward
// selection takes that third meter and stops.
#pragma once

#include <cstddef>
#include <vector>

namespace minewatch::detail {

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
