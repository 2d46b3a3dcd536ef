// `minewatch scan`: readings (+ registry, events) in, suspects.csv and summary.json out.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/scan_balance.h"
#include "minewatch/apps/scan_cases_step.h"
#include "minewatch/apps/scan_setup.h"
#include "minewatch/apps/settings_file.h"
#include "minewatch/net/net_file.h"
#include "minewatch/pipeline/network_join.h"
#include "minewatch/pipeline/scan_outputs.h"

namespace minewatch {
namespace {

struct ScanArguments {
  ScanInputArguments inputs;
  std::string out;
  std::string features_out;
  std::vector<std::string> balance;  // transformer balance files: transformers.csv
  std::string net;                   // NET.csv by subscriber: network evidence fused into mining
  CaseStepArguments cases;
  bool quiet = false;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void print_terminal_summary(const BatchScanResult& scan, const std::vector<SuspectRow>& rows, float threshold,
                            const ScanTimings& timings, const std::string& out) {
  std::uint64_t rejected = 0;
  for (auto r : scan.rejected) rejected += r;
  std::size_t suspects = 0;
  for (const auto& row : rows) suspects += row.mining.score >= threshold ? 1 : 0;
  fmt::print(
      "minewatch scan: {} meters, {} readings accepted, {} rejected, {} meter-days, in {:.2f} s ({:.1f} M "
      "readings/s, {} threads)\n",
      rows.size(), scan.readings_accepted, rejected, scan.days_closed, timings.total_s,
      timings.read_and_engine_s > 0
          ? static_cast<double>(scan.readings_accepted) / timings.read_and_engine_s / 1e6
          : 0.0,
      scan.threads);
  fmt::print("suspected mining: {} meters (mining_score >= {:.2f})\n", suspects, threshold);
  const std::size_t shown = std::min<std::size_t>(10, suspects);
  if (shown > 0) {
    fmt::print("\n  {:<16} {:>6} {:>8}  {}\n", "meter_id", "score", "est kW", "reason");
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& row = rows[i];
      fmt::print("  {:<16} {:>6.3f} {:>8.1f}  {}\n", row.scan->id, row.mining.score, row.mining.estimated_kw,
                 row.mining.reason);
    }
    fmt::print("\n");
  }
  // Theft and tampering: the strongest few, most likely first (suspects.csv has every meter's score).
  std::vector<const SuspectRow*> thefts, tampered;
  for (const auto& row : rows) {
    if (row.theft.score >= threshold) thefts.push_back(&row);
    if (row.tamper.score >= threshold) tampered.push_back(&row);
  }
  const auto print_top = [](const char* what, std::vector<const SuspectRow*>& list, auto score, auto reason) {
    std::stable_sort(list.begin(), list.end(),
                     [&](const SuspectRow* a, const SuspectRow* b) { return score(*a) > score(*b); });
    fmt::print("suspected {}: {} meters\n", what, list.size());
    for (std::size_t i = 0; i < std::min<std::size_t>(3, list.size()); ++i)
      fmt::print("  {:<16} {:>6.3f}  {}\n", list[i]->scan->id, score(*list[i]), reason(*list[i]));
  };
  print_top(
      "theft", thefts, [](const SuspectRow& r) { return r.theft.score; },
      [](const SuspectRow& r) { return r.theft.reason; });
  print_top(
      "tampering", tampered, [](const SuspectRow& r) { return r.tamper.score; },
      [](const SuspectRow& r) { return r.tamper.reasons; });
  fmt::print("wrote {}/suspects.csv and {}/summary.json\n", out, out);
}

int run_scan(const ScanArguments& args) {
  const auto started = std::chrono::steady_clock::now();
  ScanSetup setup(args.inputs);
  CaseInputs case_inputs = open_case_inputs(args.cases, setup);
  // Read before the scan, so a bad file stops it before anything is written.
  std::optional<net::SubscriberEvidenceFile> network;
  if (!args.net.empty()) network = net::read_subscriber_evidence(args.net);
  ScoredScan scored = setup.run("scan");
  std::optional<NetworkJoinCounts> joined;
  if (network) joined = join_network_evidence(scored.rows, *network, setup.settings().network);
  const BatchScanResult& scan = scored.scan;
  const auto& rows = scored.rows;
  ScanTimings timings;
  timings.read_and_engine_s = scored.read_and_engine_s;
  timings.scoring_s = scored.scoring_s;
  std::optional<BalanceStep> balance;
  if (!args.balance.empty()) balance = run_balance_step(args.balance, setup, scan);

  std::filesystem::create_directories(args.out);
  const auto write_started = std::chrono::steady_clock::now();
  write_suspects_csv(args.out + "/suspects.csv", rows, setup.zones());
  if (!args.features_out.empty()) write_model_features_csv(args.features_out, rows, scored.model_input);
  if (balance) write_transformers_csv(args.out + "/transformers.csv", balance->rows);
  CaseStepArguments case_args = args.cases;
  case_args.threshold = setup.settings().mining.suspect_threshold;
  const auto cases_started = std::chrono::steady_clock::now();
  const CaseStep cases =
      run_case_step(case_args, case_inputs, scored, balance ? &*balance : nullptr, args.out);
  timings.cases_s = seconds_since(cases_started);
  timings.write_s = seconds_since(write_started);
  timings.total_s = seconds_since(started);
  SummaryInputs inputs{
      args.inputs.readings, args.inputs.meters,       args.inputs.events, args.inputs.weather,
      setup.model_path(),   setup.theft_model_path(), cases.policy_path,  args.net};
  const float threshold = setup.settings().mining.suspect_threshold;
  write_summary_json(args.out + "/summary.json", scan, rows, inputs, timings, threshold,
                     args.inputs.skip_bad_rows);
  if (!args.quiet) print_terminal_summary(scan, rows, threshold, timings, args.out);
  if (!args.quiet && balance) print_balance_summary(*balance, args.out);
  if (!args.quiet && joined)
    fmt::print(
        "network evidence ({}): {} subscribers, {} of them with meters here; {} meters seen, {} with mining "
        "traffic evidence (net_score > 0){}\n",
        args.net, joined->subscribers, joined->subscribers_matched, joined->meters_seen,
        joined->meters_with_evidence,
        network->unleased_rows > 0
            ? fmt::format("; {} addresses without a lease skipped", network->unleased_rows)
            : "");
  if (!args.quiet) print_case_summary(cases, args.out);
  return 0;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScanArguments>();
  CLI::App* cmd =
      app.add_subcommand("scan", "Score every meter of smart-meter readings for mining, theft and tampering");
  add_scan_input_options(*cmd, args->inputs);
  cmd->add_option("--out,-o", args->out, "Output directory")->required();
  cmd->add_option("--features-out", args->features_out,
                  "Also write every meter's model features here (the input of `minewatch train mining`)");
  cmd->add_option("--balance,-b", args->balance,
                  "Transformer balance readings (transformer_id,ts,kwh; plain, .gz or .zst): writes "
                  "transformers.csv (docs/balance.md)")
      ->check(CLI::ExistingFile)
      ->needs(cmd->get_option("--meters"));
  cmd->add_option(
         "--net", args->net,
         "Network evidence by subscriber (NET.csv of `minewatch net scan --leases`): fused with each "
         "meter's mining probability through meters.csv's subscriber_id (docs/network.md)")
      ->check(CLI::ExistingFile)
      ->needs(cmd->get_option("--meters"));
  add_case_step_options(*cmd, args->cases);
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  cmd->callback([args, &exit_code] { exit_code = run_scan(*args); });
}

}  // namespace minewatch
