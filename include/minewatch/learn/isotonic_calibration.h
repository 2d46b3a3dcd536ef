// learn layer: isotonic calibration of classifier scores (Zadrozny & Elkan 2002): a monotone map from a raw
// score to the share of positives among samples with that score, fitted by pool-adjacent-violators.
#pragma once

#include <span>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace minewatch::learn {

class IsotonicCalibration {
 public:
  // Fits on (raw score, 0/1 label) pairs, optionally weighted (weights empty = all 1). Equal scores are
  // pooled first; then adjacent blocks are pooled while a block's positive rate exceeds the next one's.
  // Each block is a point (weighted mean score, weighted positive rate); interior points of runs with the
  // same rate are dropped, which leaves the function unchanged. std::invalid_argument on mismatched sizes,
  // no pairs, a label other than 0/1, a non-finite score or a negative weight.
  static IsotonicCalibration fit(std::span<const float> scores, std::span<const float> labels,
                                 std::span<const float> weights = {});

  // The identity on [0, 1]: an uncalibrated model.
  IsotonicCalibration() : x_{0.0, 1.0}, y_{0.0, 1.0} {}
  // From points: x strictly increasing, y non-decreasing within [0, 1], both finite, same non-zero size.
  // std::invalid_argument otherwise.
  IsotonicCalibration(std::vector<double> x, std::vector<double> y);

  // Linear interpolation between the points, clamped to the first and last y outside them. NaN stays NaN.
  double operator()(double score) const;
  std::vector<float> apply(std::span<const float> scores) const;

  const std::vector<double>& x() const { return x_; }
  const std::vector<double>& y() const { return y_; }

  // {"x": [...], "y": [...]}.
  nlohmann::json to_json() const;
  // std::invalid_argument naming the problem ("x: not strictly increasing at 3") on a bad object.
  static IsotonicCalibration from_json(const nlohmann::json& j);

 private:
  std::vector<double> x_;
  std::vector<double> y_;
};

}  // namespace minewatch::learn
