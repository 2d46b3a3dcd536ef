#include "minewatch/learn/calibrated_training.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "learn_test_support.h"
#include "minewatch/learn/roc_auc.h"

namespace {

using namespace minewatch::learn;

TrainParams quick_params() {
  TrainParams p;
  p.rounds = 40;
  p.nthread = 1;
  return p;
}

TEST(CalibratedTraining, SeparableProblem) {
  const auto p = synthetic::separable_problem(1500, 21);
  const CalibratedModel m = train_calibrated_model(p.features, p.labels, quick_params(), 5, p.groups);
  EXPECT_GE(m.out_of_fold_auc, 0.99);
  const auto test = synthetic::separable_problem(1000, 22);
  EXPECT_GE(roc_auc(m.bundle.predict(test.features), test.labels), 0.99);
  const auto& t = m.bundle.training();
  EXPECT_EQ(t["rows"], 1500);
  const auto positives = static_cast<std::size_t>(std::accumulate(p.labels.begin(), p.labels.end(), 0.0f));
  EXPECT_EQ(t["positives"], positives);
  EXPECT_EQ(t["negatives"], 1500 - positives);
  EXPECT_EQ(t["folds"], 5);
  EXPECT_EQ(t["fold_by"], "group");
  EXPECT_DOUBLE_EQ(t["out_of_fold_auc"].get<double>(), m.out_of_fold_auc);
  EXPECT_EQ(t["params"]["rounds"], 40);
  for (float v : m.out_of_fold) EXPECT_FALSE(std::isnan(v));
}

TEST(CalibratedTraining, NoisyProblemIsCalibrated) {
  const auto p = synthetic::noisy_problem(6000, 23);
  TrainParams params = quick_params();
  params.max_depth = 3;
  const CalibratedModel m = train_calibrated_model(p.features, p.labels, params, 5, p.groups);
  std::vector<float> truth;  // the Bayes ranking: no model can do better on average
  for (std::size_t r = 0; r < p.features.rows(); ++r)
    truth.push_back(static_cast<float>(synthetic::true_probability(p.features.at(r, 0))));
  const double best = roc_auc(truth, p.labels);
  EXPECT_GT(m.out_of_fold_auc, best - 0.04);
  EXPECT_LT(m.out_of_fold_auc, best + 0.01);
  // Calibrated probabilities on fresh data: in each fifth of the predictions, the mean prediction is close
  // to the share of positives.
  const auto test = synthetic::noisy_problem(20000, 24);
  const auto prob = m.bundle.predict(test.features);
  std::vector<std::size_t> order(prob.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return prob[a] < prob[b]; });
  for (std::size_t bin = 0; bin < 5; ++bin) {
    double predicted = 0, observed = 0;
    const std::size_t from = bin * order.size() / 5, to = (bin + 1) * order.size() / 5;
    for (std::size_t i = from; i < to; ++i) {
      predicted += prob[order[i]];
      observed += test.labels[order[i]];
    }
    EXPECT_NEAR(predicted / static_cast<double>(to - from), observed / static_cast<double>(to - from), 0.04)
        << "bin " << bin;
  }
}

TEST(CalibratedTraining, GroupsStayInOneFold) {
  for (const char* g : {"SITE000001", "M0000002", "x"}) {
    const auto f = fold_of_group(g, 5);
    EXPECT_LT(f, 5u);
    EXPECT_EQ(f, fold_of_group(g, 5));
  }
  // Every row of one group shares its fold, so a model never sees a meter's site-mates when predicting it:
  // with rows duplicated within groups, out-of-fold predictions cannot memorise the duplicates.
  EXPECT_EQ(fold_of_group("SITE000001", 5), fold_of_group(std::string("SITE") + "000001", 5));
}

TEST(CalibratedTraining, TrainingTwiceIsDeterministicWithOneThread) {
  const auto p = synthetic::noisy_problem(800, 25);
  const auto first = train_calibrated_model(p.features, p.labels, quick_params(), 3, p.groups);
  const auto second = train_calibrated_model(p.features, p.labels, quick_params(), 3, p.groups);
  EXPECT_EQ(first.bundle.to_text(), second.bundle.to_text());
  EXPECT_EQ(first.out_of_fold, second.out_of_fold);
}

TEST(CalibratedTraining, RefusesWhatCannotBeTrained) {
  const auto p = synthetic::separable_problem(100, 26);
  EXPECT_THROW(train_calibrated_model(p.features, p.labels, quick_params(), 1), std::invalid_argument);
  const std::vector<float> all_negative(100, 0.0f);
  EXPECT_THROW(train_calibrated_model(p.features, all_negative, quick_params()), std::invalid_argument);
  const std::vector<std::string> one_group(100, "SITE1");
  EXPECT_THROW(train_calibrated_model(p.features, p.labels, quick_params(), 5, one_group),
               std::invalid_argument);
}

}  // namespace

namespace minewatch::learn {
namespace {

TEST(StratifiedGroupFolds, EveryFoldGetsItsShareOfPositiveGroups) {
  std::vector<float> labels;
  std::vector<std::string> groups;
  for (int g = 0; g < 103; ++g) {
    for (int copy = 0; copy < 2; ++copy) {  // two rows per group (a household injected twice)
      labels.push_back(g % 10 == 0 && copy == 1 ? 1.0f : 0.0f);
      groups.push_back("G" + std::to_string(g));
    }
  }
  const auto folds = stratified_group_folds(labels, groups, 5);
  std::vector<int> positive_groups(5, 0), rows(5, 0);
  for (std::size_t r = 0; r < folds.size(); ++r) {
    ASSERT_LT(folds[r], 5u);
    if (r % 2 == 1) {
      EXPECT_EQ(folds[r], folds[r - 1]);  // a group stays in one fold
    }
    rows[folds[r]] += 1;
    if (labels[r] == 1) positive_groups[folds[r]] += 1;
  }
  for (int f = 0; f < 5; ++f) {
    EXPECT_GE(positive_groups[f], 2);  // 11 positive groups over 5 folds: 2 or 3 each
    EXPECT_LE(positive_groups[f], 3);
    EXPECT_GE(rows[f], 40);
  }
  EXPECT_EQ(folds, stratified_group_folds(labels, groups, 5));
  EXPECT_THROW(stratified_group_folds(labels, groups, 1), std::invalid_argument);
}

TEST(Contributions, SumToTheMargin) {
  const auto p = synthetic::separable_problem(300, 5);
  TrainParams params;
  params.rounds = 30;
  params.nthread = 1;
  const BoostedClassifier model = BoostedClassifier::train(p.features, p.labels, params);
  const auto probabilities = model.predict_raw(p.features);
  const auto contributions = model.predict_contributions(p.features);
  ASSERT_EQ(contributions.size(), p.features.rows() * (p.features.cols() + 1));
  for (std::size_t r = 0; r < 10; ++r) {
    double margin = 0;
    for (std::size_t c = 0; c <= p.features.cols(); ++c) margin += contributions[r * 4 + c];
    EXPECT_NEAR(1 / (1 + std::exp(-margin)), probabilities[r], 1e-4);
  }
  // The noise column c explains less than a and b.
  double a = 0, c = 0;
  for (std::size_t r = 0; r < p.features.rows(); ++r)
    a += std::fabs(contributions[r * 4]), c += std::fabs(contributions[r * 4 + 2]);
  EXPECT_GT(a, 3 * c);
}

}  // namespace
}  // namespace minewatch::learn
