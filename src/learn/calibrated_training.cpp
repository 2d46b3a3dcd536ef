#include "minewatch/learn/calibrated_training.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "minewatch/core/meter_ids.h"
#include "minewatch/learn/roc_auc.h"

namespace minewatch::learn {

std::uint32_t fold_of_group(std::string_view group, std::uint32_t folds) {
  return static_cast<std::uint32_t>(stable_id_hash(group) % folds);
}

namespace {

void check_training_input(const FeatureMatrix& features, std::span<const float> labels,
                          std::size_t& positives) {
  const std::size_t n = features.rows();
  if (labels.size() != n) throw std::invalid_argument("train: labels and rows differ in number");
  positives = 0;
  for (float label : labels) {
    if (label != 0 && label != 1) throw std::invalid_argument("train: a label is not 0 or 1");
    positives += label == 1 ? 1 : 0;
  }
  if (positives == 0 || positives == n)
    throw std::invalid_argument("train: both classes are needed (positives and negatives)");
}

}  // namespace

std::vector<std::uint32_t> stratified_group_folds(std::span<const float> labels,
                                                  std::span<const std::string> groups, std::uint32_t folds) {
  if (groups.size() != labels.size())
    throw std::invalid_argument("folds: groups and labels differ in number");
  if (folds < 2) throw std::invalid_argument("folds: at least 2 are needed");
  std::map<std::string_view, bool> positive;  // ordered, so the result does not depend on the row order
  for (std::size_t r = 0; r < groups.size(); ++r) positive[groups[r]] |= labels[r] == 1;
  std::vector<std::pair<std::uint64_t, std::string_view>> by_class[2];
  for (const auto& [group, is_positive] : positive)
    by_class[is_positive ? 1 : 0].emplace_back(stable_id_hash(group), group);
  std::map<std::string_view, std::uint32_t> fold_of;
  for (auto& members : by_class) {
    std::sort(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size(); ++i)
      fold_of[members[i].second] = static_cast<std::uint32_t>(i % folds);
  }
  std::vector<std::uint32_t> fold(groups.size());
  for (std::size_t r = 0; r < groups.size(); ++r) fold[r] = fold_of[groups[r]];
  return fold;
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
  std::vector<std::uint32_t> fold(n);
  for (std::size_t r = 0; r < n; ++r)
    fold[r] = fold_of_group(groups.empty() ? std::to_string(r) : groups[r], folds);
  return train_calibrated_model_on_folds(features, labels, params, fold, target,
                                         groups.empty() ? "row" : "group");
}

CalibratedModel train_calibrated_model_on_folds(const FeatureMatrix& features, std::span<const float> labels,
                                                const TrainParams& params,
                                                std::span<const std::uint32_t> fold,
                                                const std::string& target, const std::string& fold_by) {
  const std::size_t n = features.rows();
  std::size_t positives = 0;
  check_training_input(features, labels, positives);
  if (fold.size() != n) throw std::invalid_argument("train: folds and rows differ in number");
  const std::uint32_t folds = n == 0 ? 0 : *std::max_element(fold.begin(), fold.end()) + 1;
  if (folds < 2)
    throw std::invalid_argument("train: at least 2 folds are needed for out-of-fold predictions");

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
                          {"fold_by", fold_by},
                          {"out_of_fold_auc", std::isnan(auc) ? nlohmann::json() : nlohmann::json(auc)},
                          {"params", to_json(params)},
                          {"xgboost", xgboost_version()}};
  return CalibratedModel{
      ModelBundle(target, features.columns(), final_model, std::move(calibration), std::move(training)),
      std::move(out_of_fold), auc};
}

}  // namespace minewatch::learn
