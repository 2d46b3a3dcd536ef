// `minewatch scan`: readings (+ registry, events) in, suspects.csv and summary.json out.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/progress_bar.h"
#include "minewatch/apps/settings_file.h"
#include "minewatch/core/error.h"
#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/pipeline/batch_scan.h"
#include "minewatch/pipeline/scan_outputs.h"

namespace minewatch {
namespace {

struct ScanArguments {
  std::vector<std::string> readings;
  std::string meters;
  std::string events;
  std::string out;
  std::string format = "auto";
  std::string config;
  std::string regions;
  std::string default_tz = "UTC";
  std::string timestamps = "start";
  unsigned threads = 0;
  bool skip_bad_rows = false;
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
  fmt::print("wrote {}/suspects.csv and {}/summary.json\n", out, out);
}

int run_scan(const ScanArguments& args) {
  const auto started = std::chrono::steady_clock::now();
  Settings settings = args.config.empty() ? Settings{} : load_settings(args.config);

  ZoneTable zones;
  zones.load_regions(args.regions.empty() ? shipped_data_path("regions.csv") : args.regions);

  BatchScanOptions options;
  options.readings_files = args.readings;
  if (!parse_readings_format(args.format, options.format))
    throw InputError({"--format", 0, ""}, "unknown format (auto, long, sgcc, wide-interval)", args.format);
  options.threads = args.threads;
  options.skip_bad_rows = args.skip_bad_rows;
  options.engine.timestamps_mark_interval_end = args.timestamps == "end";
  options.limits = settings.limits;
  options.default_zone = zones.intern(args.default_tz, {"--default-tz", 0, ""});

  std::optional<MeterRegistry> registry;
  if (!args.meters.empty()) {
    registry = MeterRegistry::load(args.meters, zones);
    options.registry = &*registry;
  }
  std::optional<MeterEvents> events;
  if (!args.events.empty()) events = MeterEvents::load(args.events, registry ? &*registry : nullptr);

  ProgressBar progress("scan");
  if (progress.enabled())
    options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };

  ScanTimings timings;
  const auto scan_started = std::chrono::steady_clock::now();
  const BatchScanResult scan = run_batch_scan(options, zones);
  progress.finish();
  timings.read_and_engine_s = seconds_since(scan_started);

  const auto scoring_started = std::chrono::steady_clock::now();
  std::vector<MeterScanResult> silent;
  const auto rows = build_suspect_rows(scan, settings.mining, registry ? &*registry : nullptr,
                                       events ? &*events : nullptr, silent);
  timings.scoring_s = seconds_since(scoring_started);

  std::filesystem::create_directories(args.out);
  const auto write_started = std::chrono::steady_clock::now();
  write_suspects_csv(args.out + "/suspects.csv", rows, zones);
  timings.write_s = seconds_since(write_started);
  timings.total_s = seconds_since(started);
  SummaryInputs inputs{args.readings, args.meters, args.events};
  write_summary_json(args.out + "/summary.json", scan, rows, inputs, timings,
                     settings.mining.suspect_threshold, args.skip_bad_rows);
  if (!args.quiet) print_terminal_summary(scan, rows, settings.mining.suspect_threshold, timings, args.out);
  return 0;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScanArguments>();
  CLI::App* cmd = app.add_subcommand("scan", "Score every meter of smart-meter readings for mining");
  cmd->add_option("--readings,-r", args->readings,
                  "Readings file(s): long, sgcc or wide-interval CSV; plain, .gz or .zst")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--meters,-m", args->meters, "Meter registry CSV (meter_id,region,...)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--events,-e", args->events, "Meter events CSV (meter_id,ts,code)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out,-o", args->out, "Output directory")->required();
  cmd->add_option("--format", args->format, "Readings layout: auto, long, sgcc, wide-interval")
      ->capture_default_str();
  cmd->add_option("--config", args->config, "Settings file (TOML), see config/minewatch.toml")
      ->check(CLI::ExistingFile);
  cmd->add_option("--regions", args->regions,
                  "Region -> time zone table (default: the shipped data/regions.csv)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--default-tz", args->default_tz, "Time zone of meters the registry does not place")
      ->capture_default_str();
  cmd->add_option("--timestamps", args->timestamps, "Interval timestamps mark the interval's start or end")
      ->check(CLI::IsMember({"start", "end"}))
      ->capture_default_str();
  cmd->add_option("--threads,-j", args->threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd->add_flag("--skip-bad-rows", args->skip_bad_rows,
                "Skip bad rows and count them by reason instead of stopping");
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  cmd->callback([args, &exit_code] { exit_code = run_scan(*args); });
}

}  // namespace minewatch
