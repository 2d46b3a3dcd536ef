// report layer: the figures per region of a scan's farms (docs/report.md, decision 0011). The detector's
// probabilities are calibrated, so a region's expected number of farms is the sum of its sites'
// probabilities, and its spread is that of a Poisson-binomial count.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "minewatch/report/scan_files.h"

namespace minewatch::report {

// A point estimate with its 95% interval.
struct Interval {
  double value = 0;
  double low = 0;
  double high = 0;
};

struct RegionStats {
  std::string region;           // ISO 3166-2:RU code, or "ALL" for the total row
  std::int64_t farms = 0;       // sites with probability >= 0.5
  Interval expected_farms;      // sum of p, +- 1.96 sqrt(sum p(1-p)), low clipped at 0
  std::int64_t registered = 0;  // of `farms`, by registered = yes | no | partial
  std::int64_t unregistered = 0;
  std::int64_t partial = 0;
  double total_kw = 0;                         // sum of mining_kw over `farms`
  std::optional<Interval> median_kw;           // bootstrap percentile interval; none without farms
  std::int64_t new_farms = 0;                  // of `farms`, started inside the period
  std::optional<std::int64_t> previous_farms;  // with a previous scan
  std::optional<Interval> growth_pct;          // farms vs previous_farms, percent; none when undefined
  std::int64_t rank_by_new = 0;                // 1 = most new farms; 0 for "ALL"
};

inline constexpr double kFarmThreshold = 0.5;
inline constexpr int kBootstrapResamples = 1000;
inline constexpr std::uint64_t kBootstrapSeed = 20241101;  // fixed: the same inputs give the same bytes

// Sum of p with the normal approximation of the Poisson-binomial count.
Interval expected_count(std::span<const double> probabilities);

// The median with a 95% percentile-bootstrap interval of `resamples` resamples. The generator is our own
// (splitmix64), so the result is the same on every platform and standard library. Empty input: none.
std::optional<Interval> bootstrap_median(std::span<const double> values, std::uint64_t seed,
                                         int resamples = kBootstrapResamples);

// Growth in percent from the previous to the current count of farms, with a 95% interval by the delta
// method on the log ratio: the relative standard error of each count is that of its expected count,
// sqrt(sum p(1-p)) / sum p, taken from the sites' probabilities. None when there were no previous farms; a
// drop to zero has no spread (low = high = -100).
std::optional<Interval> growth_percent(std::int64_t previous_farms, std::span<const double> previous_p,
                                       std::int64_t current_farms, std::span<const double> current_p);

// One row per region of `current` (and of `previous`, when given), ranked by new farms (ties: more farms
// first, then code), then the total row "ALL".
std::vector<RegionStats> regional_stats(std::span<const FarmRow> current,
                                        const std::vector<FarmRow>* previous);

}  // namespace minewatch::report
