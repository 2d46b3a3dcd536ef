// core layer: one quantile of a stream in O(1) memory, by the P-square algorithm (Jain & Chlamtac,
// "The P2 algorithm for dynamic calculation of quantiles and histograms without storing observations",
// CACM 28(10), 1985). Floats keep it at 44 bytes; estimates are approximate by design.
#pragma once

#include <array>
#include <cstdint>

namespace minewatch {

class P2Quantile {
 public:
  explicit P2Quantile(float p = 0.5f);

  void add(float x);
  // The estimate (exact while fewer than five values were seen); NaN when empty.
  float value() const;
  std::uint32_t count() const { return count_; }

 private:
  float p_;
  std::uint32_t count_ = 0;
  std::array<float, 5> heights_{};
  std::array<std::int32_t, 5> positions_{};
  std::array<float, 5> desired_{};
};

}  // namespace minewatch
