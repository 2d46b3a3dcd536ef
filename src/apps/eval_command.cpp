// `minewatch eval mining`: runs the scan `minewatch scan` runs, joins every meter's result to the ground
// truth (truth.csv) and reports how good the ranking, the probabilities and the estimates are, beside the
// utility baseline (docs/evaluation.md). `eval theft` will join it.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <filesystem>
#include <memory>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/scan_setup.h"
#include "minewatch/eval/mining_eval.h"
#include "minewatch/eval/mining_join.h"
#include "minewatch/eval/mining_report.h"
#include "minewatch/io/truth_table.h"

namespace minewatch {
namespace {

struct EvalMiningArguments {
  ScanInputArguments inputs;
  std::string truth;
  std::string out;
  double threshold = NAN;  // NaN: the settings' suspect_threshold, as `minewatch scan` flags
};

void warn_unknown_meters(const JoinCounts& counts, const std::string& truth_path) {
  if (counts.scanned_not_in_truth == 0) return;
  std::string examples;
  for (const auto& id : counts.not_in_truth_examples) examples += (examples.empty() ? "" : ", ") + id;
  fmt::print(stderr, "minewatch eval: warning: {} scanned meters are not in {} and are ignored (e.g. {})\n",
             counts.scanned_not_in_truth, truth_path, examples);
}

int run_eval_mining(const EvalMiningArguments& args) {
  ScanSetup setup(args.inputs);
  // The truth is read before the scan so that a bad file stops the run at once.
  const TruthTable truth = TruthTable::load(args.truth);
  const ScoredScan scored = setup.run("eval");
  const JoinedMeters joined = join_with_truth(scored.rows, truth, setup.zones());
  warn_unknown_meters(joined.counts, args.truth);

  MiningEvalOptions options;
  options.threshold = std::isnan(args.threshold) ? setup.settings().mining.suspect_threshold : args.threshold;
  const MiningEvalReport report = evaluate_mining(joined.meters, options);

  MiningEvalContext context;
  context.readings = args.inputs.readings;
  context.meters = args.inputs.meters;
  context.events = args.inputs.events;
  context.truth = args.truth;
  context.config = args.inputs.config;
  context.readings_accepted = scored.scan.readings_accepted;
  for (auto r : scored.scan.rejected) context.rows_rejected += r;
  context.join = joined.counts;
  fmt::print("{}", format_mining_report(report, context));

  if (!args.out.empty()) {
    std::filesystem::create_directories(args.out);
    write_mining_report_json(args.out + "/eval_mining.json", report, context);
    write_scored_meters_csv(args.out + "/scored_meters.csv", joined.meters);
    fmt::print("\nwrote {}/eval_mining.json and {}/scored_meters.csv\n", args.out, args.out);
  }
  return 0;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  CLI::App* eval = app.add_subcommand("eval", "Measure a detector against ground truth (truth.csv)");
  eval->require_subcommand(1);

  auto args = std::make_shared<EvalMiningArguments>();
  CLI::App* mining = eval->add_subcommand(
      "mining", "Scan the readings as `minewatch scan` does and score the mining detector against truth.csv");
  add_scan_input_options(*mining, args->inputs);
  mining->get_option("--meters")->required();
  mining->add_option("--truth,-t", args->truth, "Ground truth CSV (truth.csv of `minewatch simulate`)")
      ->required()
      ->check(CLI::ExistingFile);
  mining->add_option("--out,-o", args->out, "Also write eval_mining.json and scored_meters.csv here");
  mining
      ->add_option("--threshold", args->threshold,
                   "Score at or above which a meter counts as flagged (default: [mining] suspect_threshold, "
                   "0.5)")
      ->check(CLI::Range(0.0, 1.0));
  mining->callback([args, &exit_code] { exit_code = run_eval_mining(*args); });
  add_eval_balance_command(*eval, exit_code);
  add_eval_tamper_command(*eval, exit_code);
}

}  // namespace minewatch
