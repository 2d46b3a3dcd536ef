#include "minewatch/learn/boosted_classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "learn_test_support.h"
#include "minewatch/learn/roc_auc.h"

namespace {

using namespace minewatch::learn;

TrainParams quick_params() {
  TrainParams p;
  p.rounds = 60;
  p.nthread = 1;
  return p;
}

TEST(BoostedClassifier, SeparableProblemRanksAlmostPerfectly) {
  const auto train = synthetic::separable_problem(2000, 1);
  const auto test = synthetic::separable_problem(1000, 2);
  const BoostedClassifier model = BoostedClassifier::train(train.features, train.labels, quick_params());
  EXPECT_EQ(model.feature_count(), 3u);
  EXPECT_EQ(model.rounds(), 60);
  const auto p = model.predict_raw(test.features);
  ASSERT_EQ(p.size(), test.labels.size());
  for (float v : p) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
  EXPECT_GE(roc_auc(p, test.labels), 0.99);
}

TEST(BoostedClassifier, NoisyProblemLearnsTheSignalNotTheNoise) {
  const auto train = synthetic::noisy_problem(4000, 3);
  const auto test = synthetic::noisy_problem(4000, 4);
  const BoostedClassifier model = BoostedClassifier::train(train.features, train.labels, quick_params());
  const auto p = model.predict_raw(test.features);
  std::vector<float> truth;
  for (std::size_t r = 0; r < test.features.rows(); ++r)
    truth.push_back(static_cast<float>(synthetic::true_probability(test.features.at(r, 0))));
  const double best = roc_auc(truth, test.labels);  // the Bayes ranking
  const double auc = roc_auc(p, test.labels);
  EXPECT_GT(auc, 0.6);
  EXPECT_LE(auc, best + 0.01);
  EXPECT_GT(auc, best - 0.05);
}

TEST(BoostedClassifier, MissingValuesAreAccepted) {
  auto train = synthetic::separable_problem(500, 5);
  FeatureMatrix all_missing({"a", "b", "c"});
  all_missing.add_row(std::vector<float>{NAN, NAN, NAN});
  const BoostedClassifier model = BoostedClassifier::train(train.features, train.labels, quick_params());
  const auto p = model.predict_raw(all_missing);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(std::isfinite(p[0]));
}

TEST(BoostedClassifier, TrainingTwiceWithOneThreadGivesTheSameBytes) {
  const auto train = synthetic::separable_problem(800, 6);
  const std::string first =
      BoostedClassifier::train(train.features, train.labels, quick_params()).to_json_text();
  const std::string second =
      BoostedClassifier::train(train.features, train.labels, quick_params()).to_json_text();
  EXPECT_EQ(first, second);
  TrainParams other_seed = quick_params();
  other_seed.seed = 7;  // subsampling differs, so does the model
  EXPECT_NE(first, BoostedClassifier::train(train.features, train.labels, other_seed).to_json_text());
}

TEST(BoostedClassifier, JsonRoundTripPredictsTheSame) {
  const auto train = synthetic::separable_problem(500, 8);
  const BoostedClassifier model = BoostedClassifier::train(train.features, train.labels, quick_params());
  const BoostedClassifier back = BoostedClassifier::from_json_text(model.to_json_text(), 1);
  EXPECT_EQ(model.predict_raw(train.features), back.predict_raw(train.features));
}

TEST(BoostedClassifier, RefusesBadInputWithXGBoostsMessage) {
  const auto train = synthetic::separable_problem(100, 9);
  EXPECT_THROW(BoostedClassifier::train(train.features, std::vector<float>{1, 0}, quick_params()),
               std::invalid_argument);
  std::vector<float> bad = train.labels;
  bad[3] = 2;
  EXPECT_THROW(BoostedClassifier::train(train.features, bad, quick_params()), std::invalid_argument);
  TrainParams bad_method = quick_params();
  bad_method.tree_method = "no_such_method";
  try {
    BoostedClassifier::train(train.features, train.labels, bad_method);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("xgboost: "), std::string::npos) << e.what();
  }
  try {
    BoostedClassifier::from_json_text("{\"learner\": 3}");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("XGBoosterLoadModelFromBuffer"), std::string::npos) << e.what();
  }
  const BoostedClassifier model = BoostedClassifier::train(train.features, train.labels, quick_params());
  EXPECT_THROW((void)model.predict_raw(FeatureMatrix({"a"}, {1})), std::invalid_argument);
}

}  // namespace
