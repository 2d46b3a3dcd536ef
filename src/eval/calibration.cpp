#include "minewatch/eval/calibration.h"

#include <algorithm>
#include <cmath>

namespace minewatch {

Calibration calibration(std::span<const ScoredLabel> items, std::size_t bins) {
  Calibration out;
  bins = std::max<std::size_t>(bins, 1);
  const double width = 1.0 / static_cast<double>(bins);
  out.bins.resize(bins);
  std::vector<double> score_sum(bins, 0.0);
  std::vector<double> positive_sum(bins, 0.0);
  double squared_error = 0;
  for (const auto& item : items) {
    const double y = item.positive ? 1.0 : 0.0;
    squared_error += (item.score - y) * (item.score - y);
    // floor(score * bins), computed on the clamped score so that 1.0 lands in the last bin, not past it.
    const double clamped = std::clamp(item.score, 0.0, 1.0);
    const auto bin = std::min(bins - 1, static_cast<std::size_t>(clamped * static_cast<double>(bins)));
    ++out.bins[bin].count;
    score_sum[bin] += item.score;
    positive_sum[bin] += y;
  }
  const double n = static_cast<double>(items.size());
  double ece = 0;
  for (std::size_t b = 0; b < bins; ++b) {
    ReliabilityBin& bin = out.bins[b];
    bin.lower = static_cast<double>(b) * width;
    bin.upper = b + 1 == bins ? 1.0 : static_cast<double>(b + 1) * width;
    if (bin.count == 0) {
      bin.mean_score = NAN;
      bin.positive_rate = NAN;
      continue;
    }
    const double count = static_cast<double>(bin.count);
    bin.mean_score = score_sum[b] / count;
    bin.positive_rate = positive_sum[b] / count;
    ece += count / n * std::abs(bin.mean_score - bin.positive_rate);
  }
  out.brier = items.empty() ? NAN : squared_error / n;
  out.ece = items.empty() ? NAN : ece;
  return out;
}

}  // namespace minewatch
