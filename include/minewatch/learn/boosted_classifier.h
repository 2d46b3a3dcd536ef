// learn layer: a binary gradient-boosted tree classifier (XGBoost, Chen & Guestrin 2016) behind a small RAII
// wrapper over its C API, so nothing above this layer sees a handle or an error code.
//
// Thread-safety: one BoostedClassifier may be used by one thread at a time (XGBoost keeps per-booster
// prediction buffers and caches); distinct objects may be used from different threads at once. const
// methods are not safe to call concurrently on the same object. Copy (via to_json/from_json) to predict
// from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "minewatch/learn/feature_matrix.h"

namespace minewatch::learn {

struct TrainParams {
  int rounds = 300;
  int max_depth = 5;
  double eta = 0.08;
  double subsample = 0.9;
  double colsample_bytree = 0.9;
  double min_child_weight = 2;
  double lambda = 1;
  std::uint64_t seed = 0;
  int nthread = 0;  // 0 = all cores; 1 makes training bit-for-bit reproducible
  double scale_pos_weight = 1;
  std::string tree_method = "hist";
};

// The parameters as a JSON object (for a bundle's provenance).
nlohmann::json to_json(const TrainParams& params);
// The XGBoost library in use, e.g. "1.7.4".
std::string xgboost_version();

class BoostedClassifier {
 public:
  // Trains with objective binary:logistic on rows of `features` with 0/1 `labels`. Missing values (NaN)
  // take the learned default branch. std::invalid_argument on bad sizes or labels; std::runtime_error
  // (with XGBoost's message) if XGBoost fails.
  static BoostedClassifier train(const FeatureMatrix& features, std::span<const float> labels,
                                 const TrainParams& params);
  // A model saved by to_json_text(). std::runtime_error with XGBoost's message if it does not load. XGBoost
  // checks the JSON's shape, not its trees: a bundle validates them first (model_bundle.cpp).
  static BoostedClassifier from_json_text(std::string_view json, int nthread = 0);

  // Move-only (it owns an XGBoost booster); a moved-from object may only be assigned or destroyed.
  BoostedClassifier(BoostedClassifier&&) noexcept;
  BoostedClassifier& operator=(BoostedClassifier&&) noexcept;
  ~BoostedClassifier();

  // P(label = 1) for each row, uncalibrated. features.cols() must equal feature_count().
  std::vector<float> predict_raw(const FeatureMatrix& features) const;
  // Each feature's contribution to each row's log-odds (SHAP values, Lundberg et al. 2020, exact for trees),
  // row after row: feature_count() values and then the bias, which together sum to the row's margin.
  std::vector<float> predict_contributions(const FeatureMatrix& features) const;
  // XGBoost's JSON model ({"learner": ..., "version": ...}); the same model gives the same bytes.
  std::string to_json_text() const;
  std::size_t feature_count() const;
  int rounds() const;

 private:
  struct Handle;
  explicit BoostedClassifier(std::unique_ptr<Handle> handle);
  // XGBoost prediction of `type` (0 probability, 2 contributions), `per_row` values a row.
  std::vector<float> predict(const FeatureMatrix& features, int type, std::size_t per_row) const;
  std::unique_ptr<Handle> handle_;
};

}  // namespace minewatch::learn
