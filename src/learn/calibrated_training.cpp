#include "minewatch/learn/calibrated_training.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "minewatch/core/meter_ids.h"
#include "minewatch/learn/roc_auc.h"

namespace minewatch::learn {

std::uint32_t fold_of_group(std::string_view group, std::uint32_t folds) {
  return static_cast<std::uint32_t>(stable_id_hash(group) % folds);
}

CalibratedModel train_calibrated_model(const FeatureMatrix& features, std::span<const float> labels,
                                       const TrainParams& params, std::uint32_t folds,
                                       std::span<const std::string> groups, const std::string& target) {
  const std::size_t n = features.rows();
  if (labels.size() != n) throw std::invalid_argument("train: labels and rows differ in number");
  if (!groups.empty() && groups.size() != n)
    throw std::invalid_argument("train: groups and rows differ in number");
  if (folds < 2)
    throw std::invalid_argument("train: at least 2 folds are needed for out-of-fold predictions");
  std::size_t positives = 0;
  for (float label : labels) {
    if (label != 0 && label != 1) throw std::invalid_argument("train: a label is not 0 or 1");
    positives += label == 1 ? 1 : 0;
  }
  if (positives == 0 || positives == n)
    throw std::invalid_argument("train: both classes are needed (positives and negatives)");

  std::vector<std::uint32_t> fold(n);
  for (std::size_t r = 0; r < n; ++r)
    fold[r] = fold_of_group(groups.empty() ? std::to_string(r) : groups[r], folds);

  // Each fold is predicted by a booster that never saw it, nor any other row of the same groups: these
  // predictions are honest, unlike a model's scores on its own training rows, so the calibration fits them.
  std::vector<float> out_of_fold(n, NAN);
  std::uint32_t folds_used = 0;
  for (std::uint32_t f = 0; f < folds; ++f) {
    std::vector<std::size_t> train_rows;
    std::vector<std::size_t> test_rows;
    for (std::size_t r = 0; r < n; ++r) (fold[r] == f ? test_rows : train_rows).push_back(r);
    if (test_rows.empty()) continue;
    if (train_rows.empty())
      throw std::invalid_argument(
          "train: every group falls in one fold; out-of-fold predictions need more groups");
    std::vector<float> train_labels;
    train_labels.reserve(train_rows.size());
    for (std::size_t r : train_rows) train_labels.push_back(labels[r]);
    const BoostedClassifier model =
        BoostedClassifier::train(features.select_rows(train_rows), train_labels, params);
    const std::vector<float> predicted = model.predict_raw(features.select_rows(test_rows));
    for (std::size_t i = 0; i < test_rows.size(); ++i) out_of_fold[test_rows[i]] = predicted[i];
    ++folds_used;
  }

  const double auc = roc_auc(out_of_fold, labels);
  IsotonicCalibration calibration = IsotonicCalibration::fit(out_of_fold, labels);
  const BoostedClassifier final_model = BoostedClassifier::train(features, labels, params);

  nlohmann::json training{{"rows", n},
                          {"positives", positives},
                          {"negatives", n - positives},
                          {"folds", folds},
                          {"folds_with_rows", folds_used},
                          {"fold_by", groups.empty() ? "row" : "group"},
                          {"out_of_fold_auc", std::isnan(auc) ? nlohmann::json() : nlohmann::json(auc)},
                          {"params", to_json(params)},
                          {"xgboost", xgboost_version()}};
  return CalibratedModel{
      ModelBundle(target, features.columns(), final_model, std::move(calibration), std::move(training)),
      std::move(out_of_fold), auc};
}

}  // namespace minewatch::learn
