// learn layer: a trained model in one JSON file: the feature names it expects, the XGBoost booster, the
// isotonic calibration and free-form provenance (docs/learning.md, "The bundle file").
//
// Thread-safety: as BoostedClassifier's: one thread at a time per bundle, predict() included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "minewatch/learn/boosted_classifier.h"
#include "minewatch/learn/feature_matrix.h"
#include "minewatch/learn/isotonic_calibration.h"

namespace minewatch::learn {

class ModelBundle {
 public:
  static constexpr std::string_view kFormat = "minewatch-model/1";

  // `features` name the booster's columns in order. The booster is kept as its JSON and reloaded from it,
  // so a bundle in memory predicts exactly as the same bundle loaded from its file. Throws InputError (source
  // "<new model>") when the pieces do not make a valid bundle: an empty target, no features, a mismatch.
  ModelBundle(std::string target, std::vector<std::string> features, const BoostedClassifier& booster,
              IsotonicCalibration calibration, nlohmann::json training);

  // Reads and validates a bundle file. Throws InputError (file, field) on anything wrong: unreadable, not
  // JSON, wrong format, a missing or mistyped field, no features, a booster that is malformed or does not
  // match the features. Never hands XGBoost a tree it could crash on.
  static ModelBundle load(const std::string& path);
  // The same from text; `source` names it in errors.
  static ModelBundle parse(std::string_view text, const std::string& source);
  // The file's text (pretty-printed except the booster, which stays on one line).
  std::string to_text() const;

  // Calibrated probabilities for each row. Columns are matched by name (extra columns are ignored, order
  // does not matter); InputError naming the feature when the model needs a column the input lacks.
  std::vector<float> predict(const FeatureMatrix& features) const;
  // The booster's uncalibrated probabilities for the same rows.
  std::vector<float> predict_raw(const FeatureMatrix& features) const;

  // Each feature's contribution to each row's log-odds before calibration, features() order then the bias:
  // (features().size() + 1) values a row. Calibration is monotone, so the ranking of causes holds.
  std::vector<float> contributions(const FeatureMatrix& features) const;

  const std::string& target() const { return target_; }
  const std::vector<std::string>& features() const { return features_; }
  const IsotonicCalibration& calibration() const { return calibration_; }
  const nlohmann::json& training() const { return training_; }
  nlohmann::json& training() { return training_; }
  const BoostedClassifier& booster() const { return booster_; }

 private:
  ModelBundle(std::string target, std::vector<std::string> features, nlohmann::json booster_json,
              BoostedClassifier booster, IsotonicCalibration calibration, nlohmann::json training);

  std::string target_;
  std::vector<std::string> features_;
  nlohmann::json booster_json_;
  BoostedClassifier booster_;
  IsotonicCalibration calibration_;
  nlohmann::json training_;
};

}  // namespace minewatch::learn
