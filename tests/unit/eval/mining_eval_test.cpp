// evaluate_mining on five meters worked through by hand: ranking metrics for minewatch and the baseline,
// estimates judged on detected positives only, per-class and per-disguise/behaviour tables.
#include "minewatch/eval/mining_eval.h"

#include <gtest/gtest.h>

#include <cmath>

#include "minewatch/detect/mining_score.h"
#include "minewatch/eval/utility_baseline.h"

namespace minewatch {
namespace {

EvalMeter meter(std::string id, bool positive, std::string cls, double score, double baseline) {
  EvalMeter m;
  m.id = std::move(id);
  m.positive = positive;
  m.meter_class = std::move(cls);
  m.scanned = true;
  m.score = score;
  m.baseline_score = baseline;
  m.baseline_flagged = baseline >= 0.5;
  return m;
}

// a, b mine; c, d, e do not. minewatch ranks a, c, e (tied: by id), b, d; the baseline a, d, b, c, e.
std::vector<EvalMeter> five_meters() {
  std::vector<EvalMeter> m;
  m.push_back(meter("a", true, "mining_home", 0.9, 0.95));
  m.back().disguise = "none";
  m.back().behaviour = {"start_step"};
  m.back().est_kw = 11;
  m.back().true_kw = 10;
  m.back().rig_count = 3;
  m.back().true_rig_count = 3;
  m.back().est_start = 100;
  m.back().true_start = 101;
  m.back().start_in_data = true;
  m.push_back(meter("b", true, "mining_garage", 0.4, 0.3));
  m.back().disguise = "split";
  m.back().behaviour = {"zz_new", "stop", "growth"};
  m.back().est_kw = 0;
  m.back().true_kw = 5;
  m.back().true_end = 200;
  m.back().end_in_data = true;
  m.push_back(meter("c", false, "household", 0.6, 0.2));
  m.push_back(meter("d", false, "household", 0.1, 0.92));
  m.push_back(meter("e", false, "cold_store", 0.6, 0.1));
  return m;
}

MiningEvalOptions options() {
  MiningEvalOptions o;
  o.threshold = 0.5;
  o.precision_ks = {2, 10};
  o.map_ns = {3};
  o.class_top_k = 2;
  return o;
}

TEST(EvalMining, CountsAndRankingOrder) {
  const auto meters = five_meters();
  const auto r = evaluate_mining(meters, options());
  EXPECT_EQ(r.meters, 5u);
  EXPECT_EQ(r.positives, 2u);
  EXPECT_EQ(r.negatives, 3u);
  EXPECT_EQ(ranking_order(meters, false), (std::vector<std::size_t>{0, 2, 4, 1, 3}));
  EXPECT_EQ(ranking_order(meters, true), (std::vector<std::size_t>{0, 3, 1, 2, 4}));
}

TEST(EvalMining, RankingMetricsForBothDetectors) {
  const auto r = evaluate_mining(five_meters(), options());
  // minewatch: a beats c, d, e; b beats d only. AP: a (R 1/2, P 1), then c+e, then b (R 1, P 2/4).
  EXPECT_DOUBLE_EQ(r.ours.auc, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(r.ours.average_precision, 0.5 + 0.5 * 0.5);
  ASSERT_EQ(r.ours.precision_at.size(), 2u);
  EXPECT_DOUBLE_EQ(r.ours.precision_at[0].precision, 0.5);
  EXPECT_FALSE(r.ours.precision_at[1].available);
  ASSERT_EQ(r.ours.map_at.size(), 1u);
  EXPECT_DOUBLE_EQ(r.ours.map_at[0].second, 1.0);
  EXPECT_EQ(r.ours.flagged, 3u);
  EXPECT_EQ(r.ours.flagged_positives, 1u);
  EXPECT_DOUBLE_EQ(r.ours.recall, 0.5);
  EXPECT_DOUBLE_EQ(r.ours.precision, 1.0 / 3.0);
  // Baseline: a beats all; b beats c and e. AP: a (R 1/2, P 1), d, then b (R 1, P 2/3).
  EXPECT_DOUBLE_EQ(r.baseline.auc, 5.0 / 6.0);
  EXPECT_DOUBLE_EQ(r.baseline.average_precision, 0.5 + 0.5 * 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.baseline.precision_at[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.baseline.map_at[0].second, (1.0 + 2.0 / 3.0) / 2.0);
  EXPECT_EQ(r.baseline.flagged, 2u);
  EXPECT_DOUBLE_EQ(r.baseline.precision, 0.5);
}

TEST(EvalMining, EstimatesOnlyForDetectedPositives) {
  const auto r = evaluate_mining(five_meters(), options());
  // Only a is a detected positive: 10 % off in kW (within), rigs exact, start one day off. b (missed) has
  // the only stop, so no end figures at all.
  EXPECT_EQ(r.kw.estimated, 1u);
  EXPECT_NEAR(r.kw.median_ape, 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(r.kw.share_within, 1.0);
  EXPECT_EQ(r.rigs.compared, 1u);
  EXPECT_DOUBLE_EQ(r.rigs.share_exact, 1.0);
  EXPECT_EQ(r.start.eligible, 1u);
  EXPECT_DOUBLE_EQ(r.start.median_abs_days, 1.0);
  EXPECT_DOUBLE_EQ(r.start.share_within, 1.0);
  EXPECT_EQ(r.end.eligible, 0u);
  EXPECT_TRUE(std::isnan(r.end.median_abs_days));
}

TEST(EvalMining, DetectedPositiveWithoutAStartEstimateIsCountedApart) {
  auto meters = five_meters();
  meters[0].est_start = kNoDay;
  const auto r = evaluate_mining(meters, options());
  EXPECT_EQ(r.start.eligible, 1u);
  EXPECT_EQ(r.start.estimated, 0u);
  EXPECT_EQ(r.start.no_estimate, 1u);
  EXPECT_TRUE(std::isnan(r.start.median_abs_days));
}

TEST(EvalMining, PerClassTable) {
  const auto r = evaluate_mining(five_meters(), options());
  ASSERT_EQ(r.classes.size(), 4u);
  // The documented order, not the order of appearance.
  EXPECT_EQ(r.classes[0].name, "household");
  EXPECT_EQ(r.classes[1].name, "cold_store");
  EXPECT_EQ(r.classes[2].name, "mining_home");
  EXPECT_EQ(r.classes[3].name, "mining_garage");
  const ClassRow& h = r.classes[0];
  EXPECT_EQ(h.count, 2u);
  EXPECT_EQ(h.positives, 0u);
  EXPECT_EQ(h.flagged, 1u);           // c
  EXPECT_EQ(h.baseline_flagged, 1u);  // d
  EXPECT_EQ(h.in_top, 1u);            // c in a, c
  EXPECT_EQ(h.baseline_in_top, 1u);   // d in a, d
  EXPECT_DOUBLE_EQ(h.mean_score, 0.35);
  const ClassRow& cold = r.classes[1];
  EXPECT_EQ(cold.flagged, 1u);
  EXPECT_EQ(cold.in_top, 0u);  // e ties c at 0.6 and loses on id
  EXPECT_EQ(r.classes[3].flagged, 0u);
  EXPECT_EQ(r.classes[3].positives, 1u);
}

TEST(EvalMining, PositivesByDisguiseAndBehaviour) {
  const auto r = evaluate_mining(five_meters(), options());
  ASSERT_EQ(r.disguises.size(), 2u);
  EXPECT_EQ(r.disguises[0].name, "none");
  EXPECT_EQ(r.disguises[0].count, 1u);
  EXPECT_DOUBLE_EQ(r.disguises[0].recall, 1.0);
  EXPECT_DOUBLE_EQ(r.disguises[0].recall_top_p, 1.0);  // a is in the first 2
  EXPECT_DOUBLE_EQ(r.disguises[0].baseline_recall, 1.0);
  EXPECT_NEAR(r.disguises[0].kw.median_ape, 0.1, 1e-12);
  EXPECT_EQ(r.disguises[1].name, "split");
  EXPECT_DOUBLE_EQ(r.disguises[1].recall, 0.0);
  EXPECT_DOUBLE_EQ(r.disguises[1].recall_top_p, 0.0);
  EXPECT_EQ(r.disguises[1].kw.estimated, 0u);
  EXPECT_TRUE(std::isnan(r.disguises[1].kw.median_ape));
  // Documented tags first in their order, unknown ones after.
  ASSERT_EQ(r.behaviours.size(), 4u);
  EXPECT_EQ(r.behaviours[0].name, "start_step");
  EXPECT_EQ(r.behaviours[1].name, "growth");
  EXPECT_EQ(r.behaviours[2].name, "stop");
  EXPECT_EQ(r.behaviours[3].name, "zz_new");
  EXPECT_DOUBLE_EQ(r.behaviours[0].recall, 1.0);
  EXPECT_DOUBLE_EQ(r.behaviours[2].recall, 0.0);
}

TEST(EvalMining, NoPositivesGivesNoRankingFigures) {
  std::vector<EvalMeter> meters{meter("a", false, "household", 0.2, 0.1)};
  const auto r = evaluate_mining(meters, options());
  EXPECT_TRUE(std::isnan(r.ours.auc));
  EXPECT_TRUE(std::isnan(r.ours.average_precision));
  EXPECT_TRUE(std::isnan(r.ours.recall));
  EXPECT_TRUE(r.disguises.empty());
}

TEST(EvalUtilityBaseline, FlagAndScore) {
  const auto verdict = [](float load_factor, float mean_kw) {
    MiningFeatures f;
    f.load_factor = load_factor;
    f.mean_kw = mean_kw;
    return utility_baseline(f);
  };
  EXPECT_TRUE(verdict(0.85f, 2.0f).flagged);
  EXPECT_NEAR(verdict(0.85f, 2.0f).score, 0.5 + 0.5 * 0.85, 1e-6);
  EXPECT_TRUE(verdict(0.8f, 1.0f).flagged);  // both limits inclusive
  EXPECT_NEAR(verdict(0.8f, 1.0f).score, 0.9, 1e-6);
  EXPECT_FALSE(verdict(0.9f, 0.5f).flagged);  // flat but small
  EXPECT_NEAR(verdict(0.9f, 0.5f).score, 0.5 * 0.9 * 0.5, 1e-6);
  EXPECT_FALSE(verdict(0.5f, 3.0f).flagged);  // big but not flat
  EXPECT_NEAR(verdict(0.5f, 3.0f).score, 0.25, 1e-6);
  EXPECT_FALSE(verdict(NAN, 3.0f).flagged);
  EXPECT_EQ(verdict(NAN, 3.0f).score, 0.0);
  EXPECT_EQ(verdict(0.9f, NAN).score, 0.0);
}

}  // namespace
}  // namespace minewatch
