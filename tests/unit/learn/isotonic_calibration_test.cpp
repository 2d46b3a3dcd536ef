#include "minewatch/learn/isotonic_calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

using minewatch::learn::IsotonicCalibration;

TEST(IsotonicCalibration, HandCheckedPoolAdjacentViolators) {
  // Labels by score 1..5: 0 1 0 1 1. The pair (2: 1, 3: 0) violates order and pools to rate 0.5 at the
  // centre 2.5; the rest is already in order and keeps its own points.
  const std::vector<float> scores{1, 2, 3, 4, 5};
  const std::vector<float> labels{0, 1, 0, 1, 1};
  const auto c = IsotonicCalibration::fit(scores, labels);
  EXPECT_EQ(c.x(), (std::vector<double>{1, 2.5, 4, 5}));
  EXPECT_EQ(c.y(), (std::vector<double>{0, 0.5, 1, 1}));
  EXPECT_DOUBLE_EQ(c(0.0), 0.0);        // clamped below
  EXPECT_DOUBLE_EQ(c(2.0), 1.0 / 3.0);  // a third of the way from (1, 0) to (2.5, 0.5)
  EXPECT_DOUBLE_EQ(c(3.25), 0.75);
  EXPECT_DOUBLE_EQ(c(9.0), 1.0);  // clamped above
}

TEST(IsotonicCalibration, WeightsAndTiesPool) {
  // Score 1 twice (labels 1, 0): one point with rate 0.5. Score 2 weighs 3 with label 0: violates, pools
  // with it to (1*1 + 1*1 + 3*2) / 5 = 1.6 at rate 1/5; score 3 (label 1) stays.
  const std::vector<float> scores{1, 1, 2, 3};
  const std::vector<float> labels{1, 0, 0, 1};
  const std::vector<float> weights{1, 1, 3, 1};
  const auto c = IsotonicCalibration::fit(scores, labels, weights);
  ASSERT_EQ(c.x().size(), 2u);
  EXPECT_DOUBLE_EQ(c.x()[0], 1.6);
  EXPECT_DOUBLE_EQ(c.y()[0], 0.2);
  EXPECT_DOUBLE_EQ(c.x()[1], 3.0);
  EXPECT_DOUBLE_EQ(c.y()[1], 1.0);
}

TEST(IsotonicCalibration, PerfectDataStaysPerfect) {
  const std::vector<float> scores{0.1f, 0.2f, 0.3f, 0.7f, 0.8f, 0.9f};
  const std::vector<float> labels{0, 0, 0, 1, 1, 1};
  const auto c = IsotonicCalibration::fit(scores, labels);
  for (std::size_t i = 0; i < scores.size(); ++i) EXPECT_DOUBLE_EQ(c(scores[i]), labels[i]) << scores[i];
  // Only the ends of the two constant runs are kept.
  EXPECT_EQ(c.x().size(), 4u);
}

TEST(IsotonicCalibration, OutputIsMonotoneAndMatchesRatesOnNoisyData) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0, 1);
  std::vector<float> scores, labels;
  for (int i = 0; i < 5000; ++i) {
    const float s = u(rng);
    scores.push_back(s);
    labels.push_back(u(rng) < s * s ? 1.0f : 0.0f);  // true probability s^2: a miscalibrated score
  }
  const auto c = IsotonicCalibration::fit(scores, labels);
  double previous = -1;
  for (double s = -0.5; s <= 1.5; s += 0.001) {
    const double p = c(s);
    EXPECT_GE(p, previous) << s;
    EXPECT_GE(p, 0.0);
    EXPECT_LE(p, 1.0);
    previous = p;
  }
  EXPECT_NEAR(c(0.5), 0.25, 0.08);
  EXPECT_NEAR(c(0.9), 0.81, 0.08);
}

TEST(IsotonicCalibration, JsonRoundTripAndValidation) {
  const auto c =
      IsotonicCalibration::fit(std::vector<float>{1, 2, 3, 4, 5}, std::vector<float>{0, 1, 0, 1, 1});
  const auto back = IsotonicCalibration::from_json(c.to_json());
  EXPECT_EQ(back.x(), c.x());
  EXPECT_EQ(back.y(), c.y());

  using nlohmann::json;
  EXPECT_THROW(IsotonicCalibration::from_json(json::array()), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {1, 2}}}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {1, 2}}, {"y", {0.1}}}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {2, 1}}, {"y", {0.1, 0.2}}}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {1, 2}}, {"y", {0.5, 0.2}}}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {1, 2}}, {"y", {0.5, 1.5}}}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", {1, "2"}}, {"y", {0.1, 0.2}}}),
               std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::from_json(json{{"x", json::array()}, {"y", json::array()}}),
               std::invalid_argument);
}

TEST(IsotonicCalibration, RefusesBadInput) {
  EXPECT_THROW(IsotonicCalibration::fit(std::vector<float>{}, std::vector<float>{}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::fit(std::vector<float>{1}, std::vector<float>{2}), std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::fit(std::vector<float>{NAN}, std::vector<float>{1}),
               std::invalid_argument);
  EXPECT_THROW(IsotonicCalibration::fit(std::vector<float>{1, 2}, std::vector<float>{1}),
               std::invalid_argument);
  EXPECT_TRUE(std::isnan(IsotonicCalibration()(NAN)));
}
