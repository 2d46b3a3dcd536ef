// evaluate_balance: labels from the truth, the true culprit as the largest source, and the baseline judged on
// the same flagged transformers.
#include <gtest/gtest.h>

#include "minewatch/eval/balance_eval.h"

namespace minewatch {
namespace {

TransformerScore scored(std::string id, double score, double raw, std::string culprit, std::string naive) {
  TransformerScore s;
  s.transformer_id = std::move(id);
  s.score = s.tap_score = score;
  s.raw_deficit_share = raw;
  s.balance_kwh = 1000;
  s.culprit = std::move(culprit);
  s.naive_suspect = std::move(naive);
  return s;
}

TransformerTruth truth(std::string id, double tap_kwh) {
  TransformerTruth t;
  t.transformer_id = std::move(id);
  t.tap_kwh = tap_kwh;
  t.tap_kwh_per_day = tap_kwh / 10;
  return t;
}

TEST(BalanceEval, CulpritIsTheLargestSourceAndTheBaselineIsJudgedAlike) {
  const std::vector<TransformerScore> scores = {
      scored("T1", 0.99, 0.20, "unmetered", "M1"),  // tapped: right
      scored("T2", 0.90, 0.10, "M5", "M5"),         // a thief: both right
      scored("T3", 0.70, 0.08, "unmetered", "M9"),  // a thief, named wrongly
      scored("T4", 0.10, 0.03, "", "M2"),           // clean, not flagged
  };
  const std::vector<TransformerTruth> transformers = {truth("T1", 500), truth("T2", 0), truth("T3", 0),
                                                      truth("T4", 0)};
  const std::vector<HiddenEnergyTruth> hidden = {{"M5", "T2", 80}, {"M6", "T2", 10}, {"M8", "T3", 60}};
  const BalanceEvalReport r = evaluate_balance(scores, transformers, hidden, true, BalanceEvalOptions{});
  EXPECT_EQ(r.transformers, 4u);
  EXPECT_EQ(r.flagged, 3u);
  EXPECT_EQ(r.detector_tapped.positives, 1u);
  EXPECT_DOUBLE_EQ(r.detector_tapped.auc, 1.0);
  EXPECT_EQ(r.detector_culprit.judged, 3u);
  EXPECT_EQ(r.detector_culprit.right, 2u);
  EXPECT_EQ(r.detector_culprit.unmetered_right, 1u);
  EXPECT_EQ(r.baseline_culprit.right, 1u);  // M5 on T2; the baseline never names a tap
  EXPECT_EQ(r.detector_any.positives, 3u);  // T1, T2, T3 hide >= 2% of a 1000 kWh feed
}

}  // namespace
}  // namespace minewatch
