#include "minewatch/apps/scan_setup.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>

#include "minewatch/apps/progress_bar.h"
#include "minewatch/core/error.h"

namespace minewatch {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

void add_scan_input_options(CLI::App& cmd, ScanInputArguments& args) {
  cmd.add_option("--readings,-r", args.readings,
                 "Readings file(s): long, sgcc or wide-interval CSV; plain, .gz or .zst")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_option("--meters,-m", args.meters, "Meter registry CSV (meter_id,region,...)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--events,-e", args.events, "Meter events CSV (meter_id,ts,code)")->check(CLI::ExistingFile);
  cmd.add_option("--weather,-w", args.weather, "Daily temperatures CSV (region,date,temp_c)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--model", args.model, "Mining model bundle (default: the shipped data/models/mining.json)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--theft-model", args.theft_model,
                 "Theft model bundle (default: the shipped data/models/theft.json)")
      ->check(CLI::ExistingFile);
  cmd.add_flag("--no-model", args.no_model,
               "Score with the explainable rules alone, without the learned models");
  cmd.add_option("--format", args.format, "Readings layout: auto, long, sgcc, wide-interval")
      ->capture_default_str();
  cmd.add_option("--config", args.config, "Settings file (TOML), see config/minewatch.toml")
      ->check(CLI::ExistingFile);
  cmd.add_option("--regions", args.regions,
                 "Region -> time zone table (default: the shipped data/regions.csv)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--default-tz", args.default_tz, "Time zone of meters the registry does not place")
      ->capture_default_str();
  cmd.add_option("--timestamps", args.timestamps, "Interval timestamps mark the interval's start or end")
      ->check(CLI::IsMember({"start", "end"}))
      ->capture_default_str();
  cmd.add_option("--threads,-j", args.threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd.add_flag("--skip-bad-rows", args.skip_bad_rows,
               "Skip bad rows and count them by reason instead of stopping");
}

ScanSetup::ScanSetup(const ScanInputArguments& args)
    : settings_(args.config.empty() ? Settings{} : load_settings(args.config)) {
  zones_.load_regions(args.regions.empty() ? shipped_data_path("regions.csv") : args.regions);
  options_.readings_files = args.readings;
  if (!parse_readings_format(args.format, options_.format))
    throw InputError({"--format", 0, ""}, "unknown format (auto, long, sgcc, wide-interval)", args.format);
  options_.threads = args.threads;
  options_.skip_bad_rows = args.skip_bad_rows;
  options_.engine.timestamps_mark_interval_end = args.timestamps == "end";
  options_.limits = settings_.limits;
  options_.default_zone = zones_.intern(args.default_tz, {"--default-tz", 0, ""});
  if (!args.meters.empty()) {
    registry_ = MeterRegistry::load(args.meters, zones_);
    options_.registry = &*registry_;
  }
  if (!args.events.empty()) events_ = MeterEvents::load(args.events, registry());
  if (!args.weather.empty()) weather_ = WeatherTable::load(args.weather);
  if (!args.no_model) {
    // A build without a trained model yet (the shipped files are made by scripts/train_mining_model.sh and
    // scripts/train_theft_model.sh) scores with the rule; a model asked for by name must load.
    const auto load = [](const std::string& asked, const char* shipped,
                         std::optional<learn::ModelBundle>& model, std::string& path) {
      path = asked.empty() ? shipped_data_path(shipped) : asked;
      if (!asked.empty() || std::filesystem::exists(path)) {
        model = learn::ModelBundle::load(path);
      } else {
        path.clear();
      }
    };
    load(args.model, "models/mining.json", model_, model_path_);
    load(args.theft_model, "models/theft.json", theft_model_, theft_model_path_);
    if (model_ && model_->target() != "mining")
      throw InputError({model_path_, 0, "target"}, "not a mining model", model_->target());
    if (theft_model_ && theft_model_->target() != "theft")
      throw InputError({theft_model_path_, 0, "target"}, "not a theft model", theft_model_->target());
  }
}

ScoredScan ScanSetup::run(const std::string& label) {
  ProgressBar progress(label);
  BatchScanOptions options = options_;
  if (progress.enabled())
    options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  ScoredScan out;
  const auto scan_started = std::chrono::steady_clock::now();
  out.scan = run_batch_scan(options, zones_);
  progress.finish();
  out.read_and_engine_s = seconds_since(scan_started);
  const auto scoring_started = std::chrono::steady_clock::now();
  MiningScoringOptions scoring;
  scoring.score = settings_.mining;
  scoring.profile = settings_.mining_profile;
  scoring.registry = registry();
  scoring.weather = weather();
  scoring.model = model();
  scoring.threads = options_.threads;
  SuspectScoring suspects{scoring, theft_model(), events(), &zones_};
  out.rows = build_suspect_rows(out.scan, suspects, out.silent, &out.model_input);
  out.scoring_s = seconds_since(scoring_started);
  return out;
}

}  // namespace minewatch
