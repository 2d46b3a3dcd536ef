// `minewatch eval mining` end to end in process: a small simulated grid, the batch scan, the join to
// truth.csv, every figure, and the two output files. The figures depend on the detector, so this checks that
// they are sane and add up, not their values.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "minewatch/eval/mining_eval.h"
#include "minewatch/eval/mining_join.h"
#include "minewatch/eval/mining_report.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/io/truth_table.h"
#include "minewatch/pipeline/batch_scan.h"
#include "minewatch/sim/simulator.h"
#include "unit/sim/sim_test_support.h"

namespace minewatch {
namespace {

using sim::testing::SimDir;

class EvalSimulatedGrid : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new SimDir;
    sim::SimConfig config = sim::default_sim_config();
    config.classes.mining_home = 0.05;  // enough farms in 400 meters to rank
    sim::SimOptions options;
    options.out_dir = dir_->sub("grid");
    options.meters = 400;
    options.days = 21;
    options.seed = 5;
    options.threads = 2;
    sim::run_simulation(config, options);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static SimDir* dir_;
};

SimDir* EvalSimulatedGrid::dir_ = nullptr;

TEST_F(EvalSimulatedGrid, FiguresAreSaneAndAddUp) {
  const std::string grid = dir_->sub("grid");
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const MeterRegistry registry = MeterRegistry::load(grid + "/meters.csv", zones);
  BatchScanOptions options;
  options.readings_files = {grid + "/readings.csv"};
  options.registry = &registry;
  options.threads = 2;
  const BatchScanResult scan = run_batch_scan(options, zones);
  std::vector<MeterScanResult> silent;
  MiningScoringOptions scoring;
  scoring.registry = &registry;
  const auto rows = build_suspect_rows(scan, SuspectScoring{scoring}, silent);
  const TruthTable truth = TruthTable::load(grid + "/truth.csv");

  const JoinedMeters joined = join_with_truth(rows, truth, zones);
  EXPECT_EQ(joined.meters.size(), truth.size());
  EXPECT_EQ(joined.counts.scanned_not_in_truth, 0u);
  EXPECT_EQ(joined.counts.truth_not_in_scan, 0u);

  const MiningEvalReport r = evaluate_mining(joined.meters, MiningEvalOptions{});
  std::size_t truth_positives = 0;
  for (const auto& t : truth.rows()) truth_positives += t.is_mining() ? 1 : 0;
  ASSERT_GT(truth_positives, 3u);
  EXPECT_EQ(r.meters, 400u);
  EXPECT_EQ(r.positives, truth_positives);
  EXPECT_EQ(r.negatives, 400u - truth_positives);
  for (const RankingSummary* s : {&r.ours, &r.baseline}) {
    EXPECT_GE(s->auc, 0.0);
    EXPECT_LE(s->auc, 1.0);
    EXPECT_GT(s->average_precision, 0.0);
    EXPECT_LE(s->average_precision, 1.0);
    EXPECT_TRUE(s->precision_at[0].available);   // 50 of 400
    EXPECT_FALSE(s->precision_at[2].available);  // 500 of 400
  }
  // Flat farms rank well above chance.
  EXPECT_GT(r.ours.auc, 0.7);

  std::size_t in_bins = 0;
  for (const auto& b : r.calibration.bins) in_bins += b.count;
  EXPECT_EQ(in_bins, r.meters);
  EXPECT_GE(r.calibration.brier, 0.0);
  EXPECT_LE(r.calibration.brier, 1.0);
  std::size_t class_meters = 0;
  std::size_t class_positives = 0;
  std::size_t class_flagged = 0;
  for (const auto& c : r.classes) {
    class_meters += c.count;
    class_positives += c.positives;
    class_flagged += c.flagged;
  }
  EXPECT_EQ(class_meters, r.meters);
  EXPECT_EQ(class_positives, r.positives);
  EXPECT_EQ(class_flagged, r.ours.flagged);
  std::size_t disguised = 0;
  for (const auto& d : r.disguises) disguised += d.count;
  EXPECT_EQ(disguised, r.positives);

  // The files: every truth meter in scored_meters.csv, and the figures in eval_mining.json.
  MiningEvalContext context;
  context.readings = options.readings_files;
  context.meters = grid + "/meters.csv";
  context.truth = grid + "/truth.csv";
  context.join = joined.counts;
  const std::string text = format_mining_report(r, context);
  EXPECT_NE(text.find("ROC AUC"), std::string::npos);
  EXPECT_NE(text.find("n/a (400 meters)"), std::string::npos);
  write_mining_report_json(dir_->file("eval_mining.json"), r, context);
  write_scored_meters_csv(dir_->file("scored_meters.csv"), joined.meters);
  const auto table = sim::testing::read_table(dir_->file("scored_meters.csv"));
  EXPECT_EQ(table.rows.size(), 400u);
  EXPECT_EQ(table.header.front(), "meter_id");
  EXPECT_EQ(table.header.back(), "true_rig_count");
  std::size_t labelled = 0;
  for (const auto& row : table.rows) labelled += row[table.column("label")] == "1" ? 1 : 0;
  EXPECT_EQ(labelled, r.positives);
  const auto json = nlohmann::json::parse(read_whole_file(dir_->file("eval_mining.json")));
  EXPECT_EQ(json["counts"]["positives"].get<std::size_t>(), r.positives);
  EXPECT_DOUBLE_EQ(json["ranking"]["minewatch"]["roc_auc"].get<double>(), r.ours.auc);
  EXPECT_EQ(json["inputs"]["truth"].get<std::string>(), grid + "/truth.csv");
  EXPECT_TRUE(json["inputs"]["events"].is_null());
}

}  // namespace
}  // namespace minewatch
