// Ranking metrics on small cases computed by hand: AUC with ties, average precision as sklearn defines it,
// precision@k and MAP@N.
#include "minewatch/eval/ranking.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace minewatch {
namespace {

std::vector<ScoredLabel> items(const std::vector<double>& scores, const std::vector<bool>& labels) {
  std::vector<ScoredLabel> out;
  for (std::size_t i = 0; i < scores.size(); ++i) out.push_back({scores[i], labels[i]});
  return out;
}

TEST(EvalRanking, RankedPositivesHighestFirstTiesInInputOrder) {
  const std::vector<ScoredLabel> items = {{0.2, false}, {0.9, true}, {0.5, true}, {0.5, false}, {0.9, false}};
  EXPECT_EQ(ranked_positives(items), (std::vector<bool>{true, false, true, false, false}));
  EXPECT_TRUE(ranked_positives(std::vector<ScoredLabel>{}).empty());
}

TEST(EvalRanking, AucOfAPerfectAndAnInvertedRanking) {
  EXPECT_DOUBLE_EQ(roc_auc(items({0.9, 0.8, 0.2, 0.1}, {true, true, false, false})), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc(items({0.1, 0.2, 0.8, 0.9}, {true, true, false, false})), 0.0);
}

TEST(EvalRanking, AucCountsTiesHalf) {
  // Positives 0.8, 0.5; negatives 0.5, 0.3, 0.1. Pairs: 0.8 beats all three (3); 0.5 ties 0.5 (0.5) and beats
  // 0.3 and 0.1 (2). 5.5 of 6.
  EXPECT_DOUBLE_EQ(roc_auc(items({0.8, 0.5, 0.5, 0.3, 0.1}, {true, true, false, false, false})), 5.5 / 6.0);
  // Everything tied: a coin toss.
  EXPECT_DOUBLE_EQ(roc_auc(items({0.4, 0.4, 0.4}, {true, false, false})), 0.5);
}

TEST(EvalRanking, AucNeedsBothClasses) {
  EXPECT_TRUE(std::isnan(roc_auc(items({0.4, 0.3}, {true, true}))));
  EXPECT_TRUE(std::isnan(roc_auc(items({0.4, 0.3}, {false, false}))));
  EXPECT_TRUE(std::isnan(roc_auc({})));
}

TEST(EvalRanking, AveragePrecisionByHand) {
  // sklearn's example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] -> 0.8333...
  EXPECT_NEAR(average_precision(items({0.1, 0.4, 0.35, 0.8}, {false, false, true, true})),
              0.5 + 0.5 * 2.0 / 3.0, 1e-12);
  // Ranking + - + - -: thresholds give (R, P) = (1/2, 1), (1/2, 1/2), (1, 2/3), ...: AP = 1/2 + 1/2 * 2/3.
  EXPECT_NEAR(average_precision(items({5, 4, 3, 2, 1}, {true, false, true, false, false})), 0.5 + 1.0 / 3.0,
              1e-12);
}

TEST(EvalRanking, AveragePrecisionGroupsTies) {
  // Two meters tied at the top, one positive: the group enters at once with precision 1/2, recall 1/2;
  // then the second positive alone at 0.5: recall 1, precision 2/3. AP = 1/2 * 1/2 + 1/2 * 2/3.
  EXPECT_NEAR(average_precision(items({0.9, 0.9, 0.5, 0.1}, {true, false, true, false})), 0.25 + 1.0 / 3.0,
              1e-12);
  // All tied: the share of positives.
  EXPECT_NEAR(average_precision(items({1, 1, 1, 1}, {true, false, false, false})), 0.25, 1e-12);
  EXPECT_TRUE(std::isnan(average_precision(items({1, 0}, {false, false}))));
}

TEST(EvalRanking, PrecisionAtKSaysWhenThereAreTooFewMeters) {
  const std::vector<bool> ranked{true, false, true, true, false};
  const auto p2 = precision_at_k(ranked, 2);
  EXPECT_TRUE(p2.available);
  EXPECT_EQ(p2.hits, 1u);
  EXPECT_DOUBLE_EQ(p2.precision, 0.5);
  const auto p5 = precision_at_k(ranked, 5);
  EXPECT_TRUE(p5.available);
  EXPECT_DOUBLE_EQ(p5.precision, 0.6);
  const auto p50 = precision_at_k(ranked, 50);
  EXPECT_FALSE(p50.available);
  EXPECT_EQ(p50.k, 50u);
  EXPECT_EQ(p50.hits, 0u);
  EXPECT_TRUE(std::isnan(p50.precision));
}

TEST(EvalRanking, MeanAveragePrecisionAtN) {
  // Positives at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3.
  const std::vector<bool> ranked{true, false, true, true, false};
  EXPECT_NEAR(mean_average_precision_at(ranked, 5), (1.0 + 2.0 / 3.0 + 0.75) / 3.0, 1e-12);
  // Only the first two count: (1/1) / 1.
  EXPECT_DOUBLE_EQ(mean_average_precision_at(ranked, 2), 1.0);
  EXPECT_DOUBLE_EQ(mean_average_precision_at({false, false, true}, 2), 0.0);
  // N beyond the list runs over all of it.
  EXPECT_NEAR(mean_average_precision_at(ranked, 100), (1.0 + 2.0 / 3.0 + 0.75) / 3.0, 1e-12);
}

}  // namespace
}  // namespace minewatch
