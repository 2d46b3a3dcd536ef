// `minewatch eval balance`: scores transformers.csv of `minewatch scan --balance` against the simulator's
// truth_transformers.csv (and truth.csv for thefts on meters); docs/balance.md defines the figures.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

#include "minewatch/apps/commands.h"
#include "minewatch/eval/balance_eval.h"
#include "minewatch/io/balance_truth.h"

namespace minewatch {
namespace {

struct EvalBalanceArguments {
  std::string transformers;
  std::string truth_transformers;
  std::string truth;
  std::string out;
  BalanceEvalOptions options;
};

int run_eval_balance(const EvalBalanceArguments& args) {
  const auto scores = load_transformer_scores(args.transformers);
  const auto transformers = load_transformer_truth(args.truth_transformers);
  const bool meter_truth = !args.truth.empty();
  const auto hidden = meter_truth ? load_hidden_energy_truth(args.truth) : std::vector<HiddenEnergyTruth>{};
  const BalanceEvalReport report = evaluate_balance(scores, transformers, hidden, meter_truth, args.options);
  fmt::print("{}", format_balance_report(report, args.options));
  if (!args.out.empty()) {
    std::filesystem::create_directories(args.out);
    write_balance_report_json(args.out + "/eval_balance.json", report, args.options);
    fmt::print("\nwrote {}/eval_balance.json\n", args.out);
  }
  return 0;
}

}  // namespace

void add_eval_balance_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<EvalBalanceArguments>();
  CLI::App* cmd = eval.add_subcommand(
      "balance", "Score transformers.csv (scan --balance) against truth_transformers.csv and truth.csv");
  cmd->add_option("--transformers", args->transformers, "transformers.csv of `minewatch scan --balance`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--truth-transformers", args->truth_transformers,
                  "truth_transformers.csv of `minewatch simulate` (taps before the meters)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--truth,-t", args->truth,
                  "truth.csv of `minewatch simulate` (thefts on meters: hidden_kwh)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out,-o", args->out, "Also write eval_balance.json here");
  cmd->add_option("--threshold", args->options.threshold, "Score at or above which a transformer is flagged")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->callback([args, &exit_code] { exit_code = run_eval_balance(*args); });
}

}  // namespace minewatch
