// learn layer: training a calibrated model: out-of-fold predictions by group-kept folds, isotonic
// calibration fitted on them, the final booster on all rows, and a bundle recording how it was made.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/learn/boosted_classifier.h"
#include "minewatch/learn/feature_matrix.h"
#include "minewatch/learn/model_bundle.h"

namespace minewatch::learn {

// The fold (0 .. folds-1) of a group: a stable hash of its id, so that every row of a group (the meters of
// one site or household) lands in the same fold, on every run and platform.
std::uint32_t fold_of_group(std::string_view group, std::uint32_t folds);

struct CalibratedModel {
  ModelBundle bundle;
  std::vector<float> out_of_fold;  // each row's raw prediction by the model that did not see its fold
  double out_of_fold_auc = 0;      // NaN when one class is absent
};

// k-fold out-of-fold predictions -> IsotonicCalibration on them -> the final booster on every row -> a
// bundle for `target`. `groups` (one id per row) keeps a group in one fold; empty: each row is its own
// group. training() records rows, positives, negatives, folds, out_of_fold_auc and params.
// std::invalid_argument on bad sizes, labels, folds < 2, or a single class.
CalibratedModel train_calibrated_model(const FeatureMatrix& features, std::span<const float> labels,
                                       const TrainParams& params, std::uint32_t folds = 5,
                                       std::span<const std::string> groups = {},
                                       const std::string& target = "mining");

// Stratified folds by group: a group is positive when any of its rows is; the groups of each class, ordered
// by a stable hash of their id, are dealt to the folds in turn, so every fold holds the same share of
// positive groups (±1) and every row of a group lands in the same fold. One fold number per row.
std::vector<std::uint32_t> stratified_group_folds(std::span<const float> labels,
                                                  std::span<const std::string> groups, std::uint32_t folds);

// As train_calibrated_model, on folds given per row (0 .. folds-1), e.g. by stratified_group_folds.
// `fold_by` is recorded in the bundle's provenance.
CalibratedModel train_calibrated_model_on_folds(const FeatureMatrix& features, std::span<const float> labels,
                                                const TrainParams& params,
                                                std::span<const std::uint32_t> fold_of_row,
                                                const std::string& target, const std::string& fold_by);

}  // namespace minewatch::learn
