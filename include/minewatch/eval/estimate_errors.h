// eval layer: how far a detector's estimates (rig power, switch-on and switch-off day) are from the truth,
// summarised by medians and "within tolerance" shares that survive the odd wild estimate.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace minewatch {

// The median; the mean of the middle two for an even count; NaN when empty.
double median(std::vector<double> values);

// An estimated power and the true one. estimated NaN: no estimate.
struct KwPair {
  double estimated = NAN;
  double truth = NAN;
};

inline constexpr double kKwTolerance = 0.10;  // "within 10 %" of the true power

struct KwErrorSummary {
  std::size_t estimated = 0;    // pairs with an estimate and a positive true power
  std::size_t no_estimate = 0;  // pairs without an estimate
  double median_ape = NAN;      // median of |estimated - truth| / truth, a fraction (0.1 = 10 %)
  double share_within = NAN;    // share of the estimated with |estimated - truth| <= kKwTolerance * truth
};

KwErrorSummary summarize_kw_errors(std::span<const KwPair> pairs);

// An estimated local day and the true one (days since 1970-01-01). estimated kNoDay: no estimate.
struct DayPair {
  std::int64_t estimated = INT64_MIN;
  std::int64_t truth = 0;
};

inline constexpr std::int64_t kDayTolerance = 2;  // "within ±2 days"

struct DayErrorSummary {
  std::size_t eligible = 0;     // all pairs
  std::size_t estimated = 0;    // pairs with an estimate
  std::size_t no_estimate = 0;  // eligible - estimated
  double median_abs_days = NAN;
  double share_within = NAN;  // share of the estimated with |estimated - truth| <= kDayTolerance
};

DayErrorSummary summarize_day_errors(std::span<const DayPair> pairs);

}  // namespace minewatch
