// `minewatch simulate`: a synthetic grid with ground truth, in the project's own formats (docs/simulator.md).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/progress_bar.h"
#include "minewatch/core/error.h"
#include "minewatch/sim/simulator.h"

namespace minewatch {
namespace {

struct SimulateArguments {
  std::uint32_t meters = 2000;
  int days = 60;
  std::string start = "2025-01-01";
  std::uint64_t seed = 1;
  std::string interval = "30m";
  std::string out;
  std::string compress = "none";
  int zstd_level = 3;
  std::string config;
  unsigned threads = 0;
  bool electrical = false;
  bool quiet = false;
};

void print_report(const sim::SimReport& r, const sim::SimOptions& o) {
  std::uint32_t miners = 0;
  for (std::size_t c = 0; c < sim::kMeterClassCount; ++c)
    if (sim::is_mining(static_cast<sim::MeterClass>(c))) miners += r.class_counts[c];
  fmt::print("minewatch simulate: {} meters on {} transformers, {} days from {}, seed {}\n", r.meters,
             r.transformers, o.days, o.start, o.seed);
  fmt::print("  {} mining meters at {} sites ({} registered), {} thefts, {} taps before the meter\n", miners,
             r.mining_sites, r.registered_sites, r.thefts, r.taps);
  fmt::print("  wrote {} readings ({} missing by design), {} events to {}\n", r.readings, r.missing_readings,
             r.events, o.out_dir);
  if (r.covered_subscribers > 0)
    fmt::print("  network: {} of {} subscribers covered, {} leases, {} flow records\n", r.covered_subscribers,
               r.meters, r.leases, r.flow_records);
  if (r.channel_meters > 0) {
    const auto& k = r.electrical_kinds;
    fmt::print(
        "  electrical channels on {} single-phase meters; thieves: {} bypass, {} register, {} reversed_ct, "
        "{} with sound physics\n",
        r.channel_meters, k[static_cast<std::size_t>(sim::ElectricalKind::bypass)],
        k[static_cast<std::size_t>(sim::ElectricalKind::register_tampered)],
        k[static_cast<std::size_t>(sim::ElectricalKind::reversed_ct)],
        k[static_cast<std::size_t>(sim::ElectricalKind::none)]);
  }
  const double mb = static_cast<double>(r.readings_bytes) / 1e6;
  fmt::print("speed: {:.2f} M readings/s, {:.1f} MB/s of CSV, {:.2f} s, {} threads ({:.1f} MB on disk)\n",
             r.seconds > 0 ? static_cast<double>(r.readings) / r.seconds / 1e6 : 0.0,
             r.seconds > 0 ? mb / r.seconds : 0.0, r.seconds, r.threads,
             static_cast<double>(r.file_bytes) / 1e6);
}

int run_simulate(const SimulateArguments& args) {
  sim::SimConfig config = args.config.empty() ? sim::default_sim_config() : sim::load_sim_config(args.config);
  if (args.electrical) config.electrical.enabled = true;
  sim::SimOptions options;
  options.out_dir = args.out;
  options.meters = args.meters;
  options.days = args.days;
  options.start = args.start;
  options.seed = args.seed;
  if (!sim::parse_interval(args.interval, options.interval_s))
    throw InputError({"--interval", 0, ""}, "expected e.g. 15m, 30m, 60m or 1h (dividing a day)",
                     args.interval);
  options.zstd = args.compress == "zst";
  options.zstd_level = args.zstd_level;
  options.threads = args.threads;
  ProgressBar progress("simulate");
  if (progress.enabled() && !args.quiet)
    options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  const sim::SimReport report = sim::run_simulation(config, options);
  progress.finish();
  if (!args.quiet) print_report(report, options);
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SimulateArguments>();
  CLI::App* cmd =
      app.add_subcommand("simulate", "Write a synthetic grid with ground truth (mining, theft, taps)");
  cmd->add_option("--meters,-n", args->meters, "Number of meters")->capture_default_str();
  cmd->add_option("--days,-d", args->days, "Number of local days")->capture_default_str();
  cmd->add_option("--start", args->start, "First local day, YYYY-MM-DD")->capture_default_str();
  cmd->add_option("--seed,-s", args->seed, "Random seed: the same seed gives the same bytes")
      ->capture_default_str();
  cmd->add_option("--interval", args->interval, "Reading interval: 15m, 30m or 60m")->capture_default_str();
  cmd->add_option("--out,-o", args->out, "Output directory")->required();
  cmd->add_option("--compress", args->compress, "none, or zst for .csv.zst files")
      ->check(CLI::IsMember({"none", "zst"}))
      ->capture_default_str();
  cmd->add_option("--zstd-level", args->zstd_level, "zstd level (1-19)")->capture_default_str();
  cmd->add_option("--config", args->config, "Simulator parameters (TOML), see config/simulator.toml")
      ->check(CLI::ExistingFile);
  cmd->add_option("--threads,-j", args->threads, "Worker threads (0 = all cores); does not change the output")
      ->capture_default_str();
  cmd->add_flag(
      "--electrical", args->electrical,
      "Also write kvarh,voltage_v,current_a,pf to readings.csv (as [electrical] enabled = true); the "
      "kWh stay the same");
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  cmd->callback([args, &exit_code] { exit_code = run_simulate(*args); });
}

}  // namespace minewatch
