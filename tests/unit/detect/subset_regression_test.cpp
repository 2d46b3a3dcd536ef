// Best-subset least squares with positive coefficients: the pair that explains y together beats a decoy that
// explains more alone, a term is added only for its gain, and no fit keeps a negative coefficient.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "detect/subset_regression.h"

namespace minewatch::detail {
namespace {

constexpr std::size_t kDays = 60;

std::vector<double> centred(std::vector<double> v) {
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  for (double& x : v) x -= mean;
  return v;
}

// A step up on `day`, with a small wobble of its own so that no two columns are collinear.
std::vector<double> step(std::size_t day, double height, double wobble_phase) {
  std::vector<double> v(kDays);
  for (std::size_t d = 0; d < kDays; ++d)
    v[d] = (d >= day ? height : 0.0) + 0.5 * std::sin(0.9 * static_cast<double>(d) + wobble_phase);
  return centred(v);
}

std::vector<const std::vector<double>*> pointers(const std::vector<std::vector<double>>& columns) {
  std::vector<const std::vector<double>*> out;
  for (const auto& c : columns) out.push_back(&c);
  return out;
}

TEST(BestPositiveSubset, APairThatExplainsTogetherBeatsADecoyThatExplainsMoreAlone) {
  // y rose twice (day 14 and day 42) by two thefts; the decoy grew in a staircase close to both steps.
  std::vector<std::vector<double>> columns = {step(14, 10, 0.0), step(42, 6, 1.0), {}};
  std::vector<double> decoy(kDays);
  for (std::size_t d = 0; d < kDays; ++d) decoy[d] = d >= 12 ? (d >= 40 ? 16.5 : 10.2) : 0.0;
  columns[2] = centred(decoy);
  std::vector<double> y(kDays);
  for (std::size_t d = 0; d < kDays; ++d) y[d] = columns[0][d] + columns[1][d];
  const SubsetFit fit = best_positive_subset(pointers(columns), y, 4, 0.05, 32);
  ASSERT_EQ(fit.terms, (std::vector<std::size_t>{0, 1}));
  EXPECT_NEAR(fit.coef[0], 1.0, 1e-6);
  EXPECT_NEAR(fit.coef[1], 1.0, 1e-6);

  // Alone, the decoy explains more than either true term: greedy forward selection would take it first.
  const auto alone = [&](const std::vector<double>& x) {
    double xy = 0, xx = 0, yy = 0;
    for (std::size_t d = 0; d < kDays; ++d) {
      xy += x[d] * y[d];
      xx += x[d] * x[d];
      yy += y[d] * y[d];
    }
    return xy * xy / xx / yy;
  };
  EXPECT_GT(alone(columns[2]), alone(columns[0]));
  EXPECT_GT(alone(columns[2]), alone(columns[1]));
}

TEST(BestPositiveSubset, ATermEntersOnlyForEnoughGain) {
  const std::vector<std::vector<double>> columns = {step(20, 10, 0.0), step(30, 1, 2.0)};
  std::vector<double> y(kDays);
  for (std::size_t d = 0; d < kDays; ++d) y[d] = columns[0][d] + 0.1 * columns[1][d];
  // The second term explains far less than 5% of y's variance: left out.
  EXPECT_EQ(best_positive_subset(pointers(columns), y, 4, 0.05, 32).terms, (std::vector<std::size_t>{0}));
  // With no minimum it enters.
  EXPECT_EQ(best_positive_subset(pointers(columns), y, 4, 0.0, 32).terms, (std::vector<std::size_t>{0, 1}));
  // Nothing explains a y that follows no column.
  std::vector<double> noise(kDays);
  for (std::size_t d = 0; d < kDays; ++d) noise[d] = std::sin(2.3 * static_cast<double>(d * d));
  EXPECT_TRUE(best_positive_subset(pointers(columns), centred(noise), 4, 0.5, 32).terms.empty());
}

TEST(BestPositiveSubset, NoFitKeepsANegativeCoefficient) {
  // y = 2 a - b: the exact fit needs a negative coefficient on b, so only {a} qualifies.
  const std::vector<std::vector<double>> columns = {step(20, 10, 0.0), step(35, 4, 1.5)};
  std::vector<double> y(kDays);
  for (std::size_t d = 0; d < kDays; ++d) y[d] = 2 * columns[0][d] - columns[1][d];
  const SubsetFit fit = best_positive_subset(pointers(columns), y, 4, 0.0, 32);
  ASSERT_EQ(fit.terms, (std::vector<std::size_t>{0}));
  EXPECT_GT(fit.coef[0], 0.0);
}

TEST(BestPositiveSubset, ThePoolKeepsTheColumnsThatExplainMostAlone) {
  // Of three columns only the pool of the best two is searched.
  const std::vector<std::vector<double>> columns = {step(10, 1, 0.0), step(20, 10, 1.0), step(40, 8, 2.0)};
  std::vector<double> y(kDays);
  for (std::size_t d = 0; d < kDays; ++d) y[d] = columns[0][d] + columns[1][d] + columns[2][d];
  const SubsetFit fit = best_positive_subset(pointers(columns), y, 4, 0.0, 2);
  EXPECT_EQ(fit.terms, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(best_positive_subset(pointers(columns), y, 4, 0.0, 3).terms, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(NormalEquations, SolvesAndGivesACollinearTermNothing) {
  // y = 2 a + 3 b over four days; c = a + b adds nothing once a and b are in.
  const std::vector<double> a = {1, -1, 2, -2}, b = {0.5, 1, -1, -0.5};
  std::vector<double> c(4), y(4);
  for (std::size_t d = 0; d < 4; ++d) c[d] = a[d] + b[d], y[d] = 2 * a[d] + 3 * b[d];
  const auto cross = [](const std::vector<double>& u, const std::vector<double>& v) {
    double s = 0;
    for (std::size_t d = 0; d < u.size(); ++d) s += u[d] * v[d];
    return s;
  };
  NormalEquations system;
  const auto set_up = [&](const std::vector<std::vector<double>>& terms) {
    system.reset(terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) {
      for (std::size_t j = 0; j < terms.size(); ++j) system.xx(i, j) = cross(terms[i], terms[j]);
      system.xy(i) = cross(terms[i], y);
    }
  };
  std::vector<double> coef;
  set_up({a, b});
  EXPECT_TRUE(system.solve(coef));
  ASSERT_EQ(coef.size(), 2u);
  EXPECT_NEAR(coef[0], 2.0, 1e-9);
  EXPECT_NEAR(coef[1], 3.0, 1e-9);

  set_up({a, b, c});  // the same object again, as the best subset uses it
  EXPECT_FALSE(system.solve(coef));
  ASSERT_EQ(coef.size(), 3u);
  EXPECT_NEAR(coef[0], 2.0, 1e-9);
  EXPECT_NEAR(coef[1], 3.0, 1e-9);
  EXPECT_EQ(coef[2], 0.0);
}

}  // namespace
}  // namespace minewatch::detail
