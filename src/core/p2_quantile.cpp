#include "minewatch/core/p2_quantile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace minewatch {

P2Quantile::P2Quantile(float p) : p_(p) {}

void P2Quantile::add(float x) {
  if (count_ < 5) {
    heights_[count_++] = x;
    if (count_ == 5) {
      std::sort(heights_.begin(), heights_.end());
      for (int i = 0; i < 5; ++i) positions_[static_cast<std::size_t>(i)] = i;
      desired_ = {0.0f, 2.0f * p_, 4.0f * p_, 2.0f + 2.0f * p_, 4.0f};
    }
    return;
  }
  ++count_;
  std::size_t cell = 0;
  if (x < heights_[0]) {
    heights_[0] = x;
    cell = 0;
  } else if (x >= heights_[4]) {
    heights_[4] = std::max(heights_[4], x);
    cell = 3;
  } else {
    while (cell < 3 && x >= heights_[cell + 1]) ++cell;
  }
  for (std::size_t i = cell + 1; i < 5; ++i) ++positions_[i];
  const float n = static_cast<float>(count_ - 1);
  desired_ = {0.0f, n * p_ / 2.0f, n * p_, n * (1.0f + p_) / 2.0f, n};

  for (std::size_t i = 1; i <= 3; ++i) {
    const float d = desired_[i] - static_cast<float>(positions_[i]);
    const std::int32_t gap_up = positions_[i + 1] - positions_[i];
    const std::int32_t gap_down = positions_[i - 1] - positions_[i];
    if ((d >= 1.0f && gap_up > 1) || (d <= -1.0f && gap_down < -1)) {
      const std::int32_t step = d >= 0 ? 1 : -1;
      const float s = static_cast<float>(step);
      const float n_prev = static_cast<float>(positions_[i - 1]);
      const float n_here = static_cast<float>(positions_[i]);
      const float n_next = static_cast<float>(positions_[i + 1]);
      // Piecewise-parabolic prediction; fall back to linear when it leaves the neighbours' range.
      const float parabolic =
          heights_[i] + s / (n_next - n_prev) *
                            ((n_here - n_prev + s) * (heights_[i + 1] - heights_[i]) / (n_next - n_here) +
                             (n_next - n_here - s) * (heights_[i] - heights_[i - 1]) / (n_here - n_prev));
      if (heights_[i - 1] < parabolic && parabolic < heights_[i + 1]) {
        heights_[i] = parabolic;
      } else {
        const std::size_t j = step > 0 ? i + 1 : i - 1;
        heights_[i] += s * (heights_[j] - heights_[i]) / (static_cast<float>(positions_[j]) - n_here);
      }
      positions_[i] += step;
    }
  }
}

float P2Quantile::value() const {
  if (count_ == 0) return std::numeric_limits<float>::quiet_NaN();
  if (count_ < 5) {
    std::array<float, 5> sorted = heights_;
    std::sort(sorted.begin(), sorted.begin() + count_);
    const auto index = static_cast<std::size_t>(std::lround(p_ * static_cast<float>(count_ - 1)));
    return sorted[index];
  }
  return heights_[2];
}

}  // namespace minewatch
