// P2Quantile: streaming quantiles within a stated tolerance on known distributions.
#include "minewatch/core/p2_quantile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace minewatch {
namespace {

// A fixed-seed uniform generator on [0, 1) that is the same on every platform (std:: distributions are not).
class Uniform {
 public:
  explicit Uniform(std::uint64_t seed) : state_(seed) {}
  double next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) * (1.0 / 9007199254740992.0);
  }

 private:
  std::uint64_t state_;
};

constexpr int kSamples = 20000;

TEST(P2Quantile, EmptyIsNaN) {
  P2Quantile q;
  EXPECT_TRUE(std::isnan(q.value()));
  EXPECT_EQ(q.count(), 0u);
}

TEST(P2Quantile, ExactWithFewerThanFiveValues) {
  P2Quantile median(0.5f);
  median.add(3.0f);
  EXPECT_EQ(median.value(), 3.0f);
  median.add(1.0f);
  median.add(2.0f);
  EXPECT_EQ(median.value(), 2.0f);
  EXPECT_EQ(median.count(), 3u);
  P2Quantile low(0.0f);
  P2Quantile high(1.0f);
  for (float x : {4.0f, -1.0f, 7.0f, 2.0f}) {
    low.add(x);
    high.add(x);
  }
  EXPECT_EQ(low.value(), -1.0f);
  EXPECT_EQ(high.value(), 7.0f);
}

TEST(P2Quantile, ConstantStreamIsExact) {
  P2Quantile q(0.05f);
  for (int i = 0; i < 1000; ++i) q.add(5.0f);
  EXPECT_EQ(q.value(), 5.0f);
  EXPECT_EQ(q.count(), 1000u);
}

// Uniform on [0,1): the p-quantile is p. Tolerance 0.02 (2% of the range).
TEST(P2Quantile, UniformWithinTwoPercentOfTheRange) {
  for (float p : {0.05f, 0.25f, 0.5f, 0.75f, 0.95f}) {
    P2Quantile q(p);
    Uniform u(42);
    for (int i = 0; i < kSamples; ++i) q.add(static_cast<float>(u.next()));
    EXPECT_NEAR(q.value(), p, 0.02f) << "p=" << p;
  }
}

// Standard normal (Box-Muller): median 0, 5% -1.645, 95% +1.645. Tolerance 0.1 (a tenth of a sigma).
TEST(P2Quantile, NormalWithinATenthOfASigma) {
  const std::pair<float, float> cases[] = {{0.05f, -1.6449f}, {0.5f, 0.0f}, {0.95f, 1.6449f}};
  for (const auto& [p, expected] : cases) {
    P2Quantile q(p);
    Uniform u(7);
    for (int i = 0; i < kSamples; ++i) {
      const double r = std::sqrt(-2.0 * std::log(1.0 - u.next()));
      q.add(static_cast<float>(r * std::cos(2.0 * std::numbers::pi * u.next())));
    }
    EXPECT_NEAR(q.value(), expected, 0.1f) << "p=" << p;
  }
}

// Exponential with mean 1: the p-quantile is -ln(1-p). Tolerance 5% of the true value.
TEST(P2Quantile, SkewedExponentialWithinFivePercent) {
  for (float p : {0.5f, 0.95f}) {
    P2Quantile q(p);
    Uniform u(2024);
    for (int i = 0; i < kSamples; ++i) q.add(static_cast<float>(-std::log(1.0 - u.next())));
    const float expected = -std::log(1.0f - p);
    EXPECT_NEAR(q.value(), expected, 0.05f * expected) << "p=" << p;
  }
}

// Sorted input is the classic hard case for P2; the markers must still track the quantile (within 2%).
TEST(P2Quantile, SortedStreamsWithinTwoPercent) {
  P2Quantile up(0.5f);
  P2Quantile down(0.5f);
  P2Quantile up95(0.95f);
  for (int i = 1; i <= 10000; ++i) {
    up.add(static_cast<float>(i));
    up95.add(static_cast<float>(i));
    down.add(static_cast<float>(10001 - i));
  }
  EXPECT_NEAR(up.value(), 5000.0f, 200.0f);
  EXPECT_NEAR(down.value(), 5000.0f, 200.0f);
  EXPECT_NEAR(up95.value(), 9500.0f, 200.0f);
}

// A flat block with a few spikes (a miner's hours): the 5th percentile stays on the block.
TEST(P2Quantile, BaseOfAFlatLoadWithSpikes) {
  P2Quantile base(0.05f);
  Uniform u(3);
  for (int i = 0; i < 24 * 60; ++i) {
    const double noise = (u.next() - 0.5) * 0.1;
    base.add(static_cast<float>(i % 24 == 19 ? 9.0 : 5.0 + noise));
  }
  EXPECT_NEAR(base.value(), 4.96f, 0.05f);
}

}  // namespace
}  // namespace minewatch
