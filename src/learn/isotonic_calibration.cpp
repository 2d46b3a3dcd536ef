#include "minewatch/learn/isotonic_calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace minewatch::learn {
namespace {

struct Block {
  double weight = 0;
  double score_sum = 0;     // weighted
  double positive_sum = 0;  // weighted
  double rate() const { return positive_sum / weight; }
  double centre() const { return score_sum / weight; }
  void absorb(const Block& other) {
    weight += other.weight;
    score_sum += other.score_sum;
    positive_sum += other.positive_sum;
  }
};

void check_points(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.empty() || x.size() != y.size())
    throw std::invalid_argument("x and y must have the same, non-zero number of points");
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::string at = " at " + std::to_string(i);
    if (!std::isfinite(x[i])) throw std::invalid_argument("x: not a finite number" + at);
    if (!std::isfinite(y[i]) || y[i] < 0 || y[i] > 1)
      throw std::invalid_argument("y: not within [0, 1]" + at);
    if (i > 0 && !(x[i] > x[i - 1])) throw std::invalid_argument("x: not strictly increasing" + at);
    if (i > 0 && y[i] < y[i - 1]) throw std::invalid_argument("y: decreasing" + at);
  }
}

}  // namespace

IsotonicCalibration::IsotonicCalibration(std::vector<double> x, std::vector<double> y)
    : x_(std::move(x)), y_(std::move(y)) {
  check_points(x_, y_);
}

IsotonicCalibration IsotonicCalibration::fit(std::span<const float> scores, std::span<const float> labels,
                                             std::span<const float> weights) {
  if (scores.size() != labels.size() || (!weights.empty() && weights.size() != scores.size()))
    throw std::invalid_argument("isotonic fit: scores, labels and weights differ in size");
  std::vector<std::size_t> order;
  order.reserve(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) throw std::invalid_argument("isotonic fit: a score is not finite");
    if (labels[i] != 0 && labels[i] != 1) throw std::invalid_argument("isotonic fit: a label is not 0 or 1");
    const float w = weights.empty() ? 1.0f : weights[i];
    if (!(w >= 0) || !std::isfinite(w)) throw std::invalid_argument("isotonic fit: a weight is negative");
    if (w > 0) order.push_back(i);  // a zero weight says nothing
  }
  if (order.empty()) throw std::invalid_argument("isotonic fit: no scored samples");
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });

  // Pool-adjacent-violators over blocks of equal scores (a score maps to one value): a stack of blocks
  // whose rates increase; a new block that does not exceed the top's rate merges with it, repeatedly.
  // Only strict violations pool, so data already in order keeps its own points ("perfect stays perfect").
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < order.size();) {
    Block b;
    const float s = scores[order[k]];
    for (; k < order.size() && scores[order[k]] == s; ++k) {
      const double w = weights.empty() ? 1.0 : weights[order[k]];
      b.weight += w;
      b.score_sum += w * s;
      b.positive_sum += w * labels[order[k]];
    }
    b.score_sum = b.weight * s;  // exact centre for a tie group, whatever the rounding of the sum
    while (!blocks.empty() && blocks.back().rate() > b.rate()) {
      b.absorb(blocks.back());
      blocks.pop_back();
    }
    blocks.push_back(b);
  }

  // Points at the block centres; inside a run of equal rates only the ends matter for interpolation.
  std::vector<double> x;
  std::vector<double> y;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const double rate = std::clamp(blocks[i].rate(), 0.0, 1.0);
    const bool interior = i > 0 && i + 1 < blocks.size() && blocks[i - 1].rate() == blocks[i].rate() &&
                          blocks[i + 1].rate() == blocks[i].rate();
    if (interior) continue;
    double centre = blocks[i].centre();
    // Rounding of weighted means could in principle tie two neighbouring centres; keep x strictly increasing.
    if (!x.empty() && !(centre > x.back())) centre = std::nextafter(x.back(), INFINITY);
    x.push_back(centre);
    y.push_back(rate);
  }
  return IsotonicCalibration(std::move(x), std::move(y));
}

double IsotonicCalibration::operator()(double score) const {
  if (std::isnan(score)) return score;
  if (score <= x_.front()) return y_.front();
  if (score >= x_.back()) return y_.back();
  const auto upper = static_cast<std::size_t>(std::upper_bound(x_.begin(), x_.end(), score) - x_.begin());
  const std::size_t lower = upper - 1;
  const double t = (score - x_[lower]) / (x_[upper] - x_[lower]);
  return y_[lower] + t * (y_[upper] - y_[lower]);
}

std::vector<float> IsotonicCalibration::apply(std::span<const float> scores) const {
  std::vector<float> out(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) out[i] = static_cast<float>((*this)(scores[i]));
  return out;
}

nlohmann::json IsotonicCalibration::to_json() const {
  return nlohmann::json{{"x", x_}, {"y", y_}};
}

IsotonicCalibration IsotonicCalibration::from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("not an object with arrays x and y");
  const auto numbers = [&](const char* name) {
    const auto it = j.find(name);
    if (it == j.end()) throw std::invalid_argument(std::string(name) + ": missing");
    if (!it->is_array()) throw std::invalid_argument(std::string(name) + ": not an array");
    std::vector<double> out;
    out.reserve(it->size());
    for (const auto& v : *it) {
      if (!v.is_number()) throw std::invalid_argument(std::string(name) + ": not all numbers");
      out.push_back(v.get<double>());
    }
    return out;
  };
  return IsotonicCalibration(numbers("x"), numbers("y"));
}

}  // namespace minewatch::learn
