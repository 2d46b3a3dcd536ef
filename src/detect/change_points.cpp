#include "minewatch/detect/change_points.h"

#include <algorithm>

namespace minewatch {
namespace {

float median_of(std::vector<float> values) {
  if (values.empty()) return NAN;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const float upper = *middle;
  const float lower = *std::max_element(values.begin(), middle);
  return 0.5f * (lower + upper);
}

float median_range(const std::vector<float>& v, std::size_t first, std::size_t end) {
  return median_of(std::vector<float>(v.begin() + static_cast<std::ptrdiff_t>(first),
                                      v.begin() + static_cast<std::ptrdiff_t>(end)));
}

std::vector<float> median3(const std::vector<float>& v) {
  std::vector<float> out(v);
  for (std::size_t i = 1; i + 1 < v.size(); ++i) {
    out[i] = std::max(std::min(v[i - 1], v[i]), std::min(std::max(v[i - 1], v[i]), v[i + 1]));
  }
  return out;
}

// Prefix sums for the mean of any range in O(1).
struct PrefixSums {
  std::vector<double> sum;
  explicit PrefixSums(const std::vector<float>& v) : sum(v.size() + 1, 0.0) {
    for (std::size_t i = 0; i < v.size(); ++i) sum[i + 1] = sum[i] + v[i];
  }
  double mean(std::size_t first, std::size_t end) const {
    return (sum[end] - sum[first]) / static_cast<double>(end - first);
  }
};

}  // namespace

float median_present(std::span<const float> values) {
  std::vector<float> present;
  present.reserve(values.size());
  for (float v : values)
    if (!std::isnan(v)) present.push_back(v);
  return median_of(std::move(present));
}

std::vector<LevelSegment> find_level_segments(std::span<const float> values,
                                              const ChangePointConfig& config) {
  std::vector<std::size_t> index;  // positions of the present values
  std::vector<float> raw;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    index.push_back(i);
    raw.push_back(values[i]);
  }
  if (raw.empty()) return {};
  const std::size_t n = raw.size();
  const std::vector<float> filtered = median3(raw);

  std::vector<float> differences;
  for (std::size_t i = 1; i < n; ++i) differences.push_back(std::fabs(filtered[i] - filtered[i - 1]));
  // MAD of differences, scaled to a standard deviation of one day's value (differences have sqrt(2) of it).
  const float noise = differences.empty() ? 0.0f : 1.4826f * median_of(differences) / std::sqrt(2.0f);
  const double threshold = std::max(config.min_step_kw, config.noise_multiple * noise);

  const PrefixSums sums(filtered);
  const std::size_t m = std::max<std::size_t>(config.min_segment_days, 1);
  std::vector<std::size_t> cuts;  // positions that start a new segment
  std::vector<std::pair<std::size_t, std::size_t>> work{{0, n}};
  while (!work.empty() && cuts.size() + 1 < config.max_segments) {
    const auto [first, end] = work.back();
    work.pop_back();
    if (end - first < 2 * m) continue;
    // The split that removes the most squared error: n1 n2 / n (mean1 - mean2)^2.
    double best_gain = -1;
    std::size_t best = 0;
    for (std::size_t t = first + m; t + m <= end; ++t) {
      const double d = sums.mean(first, t) - sums.mean(t, end);
      const double gain = static_cast<double>(t - first) * static_cast<double>(end - t) * d * d;
      if (gain > best_gain) {
        best_gain = gain;
        best = t;
      }
    }
    if (best_gain < 0 || std::fabs(sums.mean(first, best) - sums.mean(best, end)) < threshold) continue;
    cuts.push_back(best);
    work.emplace_back(first, best);
    work.emplace_back(best, end);
  }
  std::sort(cuts.begin(), cuts.end());

  // Build segments on medians of the raw values, then merge neighbours whose levels are within the threshold
  // (binary segmentation can cut a ramp into steps that are each too small).
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  std::size_t start = 0;
  for (std::size_t cut : cuts) {
    ranges.emplace_back(start, cut);
    start = cut;
  }
  ranges.emplace_back(start, n);
  bool merged = true;
  while (merged && ranges.size() > 1) {
    merged = false;
    for (std::size_t i = 0; i + 1 < ranges.size(); ++i) {
      const float a = median_range(raw, ranges[i].first, ranges[i].second);
      const float b = median_range(raw, ranges[i + 1].first, ranges[i + 1].second);
      if (std::fabs(a - b) < threshold) {
        ranges[i].second = ranges[i + 1].second;
        ranges.erase(ranges.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        merged = true;
        break;
      }
    }
  }

  std::vector<LevelSegment> segments;
  for (const auto& [first, end] : ranges) {
    LevelSegment s;
    s.first = index[first];
    s.last = index[end - 1];
    s.level = median_range(raw, first, end);
    if (first > 0) {
      // 3 days each side: the day of the switch-on itself may be partly lifted and falls to either side.
      const std::size_t k = std::min<std::size_t>(3, std::min(first, end - first));
      s.jump = median_range(raw, first, first + k) - median_range(raw, first - k, first);
    }
    segments.push_back(s);
  }
  return segments;
}

}  // namespace minewatch
