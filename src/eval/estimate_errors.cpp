#include "minewatch/eval/estimate_errors.h"

#include <algorithm>
#include <cstdlib>

#include "minewatch/detect/mining_score.h"

namespace minewatch {

static_assert(INT64_MIN == kNoDay, "DayPair's default must mean the detector's 'no day'");

double median(std::vector<double> values) {
  if (values.empty()) return NAN;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

KwErrorSummary summarize_kw_errors(std::span<const KwPair> pairs) {
  KwErrorSummary out;
  std::vector<double> errors;
  std::size_t within = 0;
  for (const auto& p : pairs) {
    if (!(p.truth > 0)) continue;  // no true power to compare with: not a kW case at all
    if (std::isnan(p.estimated)) {
      ++out.no_estimate;
      continue;
    }
    const double ape = std::abs(p.estimated - p.truth) / p.truth;
    errors.push_back(ape);
    // The slack keeps an estimate exactly at the edge (a float 1.1 against 1.0) inside, as written.
    within += ape <= kKwTolerance + 1e-6 ? 1 : 0;
  }
  out.estimated = errors.size();
  if (!errors.empty()) out.share_within = static_cast<double>(within) / static_cast<double>(errors.size());
  out.median_ape = median(std::move(errors));
  return out;
}

DayErrorSummary summarize_day_errors(std::span<const DayPair> pairs) {
  DayErrorSummary out;
  out.eligible = pairs.size();
  std::vector<double> errors;
  std::size_t within = 0;
  for (const auto& p : pairs) {
    if (p.estimated == kNoDay) continue;
    const std::int64_t days = p.estimated > p.truth ? p.estimated - p.truth : p.truth - p.estimated;
    errors.push_back(static_cast<double>(days));
    within += days <= kDayTolerance ? 1 : 0;
  }
  out.estimated = errors.size();
  out.no_estimate = out.eligible - out.estimated;
  if (!errors.empty()) out.share_within = static_cast<double>(within) / static_cast<double>(errors.size());
  out.median_abs_days = median(std::move(errors));
  return out;
}

}  // namespace minewatch
