#include "minewatch/apps/theft_inputs.h"

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>

#include "minewatch/apps/settings_file.h"
#include "minewatch/core/error.h"
#include "minewatch/io/meter_registry.h"

namespace minewatch {

void add_theft_input_options(CLI::App& cmd, TheftInputArguments& args, bool with_labels) {
  cmd.add_option("--input,-i", args.inputs,
                 "Readings: SGCC wide (CONS_NO,FLAG,<dates>), long or wide-interval CSV")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_option("--format", args.format, "Readings layout: auto, sgcc, long, wide-interval")
      ->capture_default_str();
  cmd.add_option("--meters,-m", args.meters, "Meter registry CSV (time zones of long readings)")
      ->check(CLI::ExistingFile);
  if (with_labels)
    cmd.add_option("--labels", args.labels,
                   "Labels CSV meter_id,flag[,theft_type] (default: the FLAG column of SGCC inputs)")
        ->check(CLI::ExistingFile);
  cmd.add_option("--default-tz", args.default_tz, "Time zone of meters the registry does not place")
      ->capture_default_str();
  cmd.add_option("--threads,-j", args.threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd.add_flag("--skip-bad-rows", args.skip_bad_rows, "Skip bad rows and count them instead of stopping");
}

TheftInputs read_theft_inputs(const TheftInputArguments& args, const std::vector<std::string>& files) {
  return read_theft_inputs(args, files, args.meters);
}

TheftInputs read_theft_inputs(const TheftInputArguments& args, const std::vector<std::string>& files,
                              const std::string& meters) {
  ZoneTable zones;
  zones.load_regions(shipped_data_path("regions.csv"));
  BatchScanOptions options;
  options.readings_files = files;
  if (!parse_readings_format(args.format, options.format))
    throw InputError({"--format", 0, ""}, "unknown format (auto, sgcc, long, wide-interval)", args.format);
  options.threads = args.threads;
  options.skip_bad_rows = args.skip_bad_rows;
  options.default_zone = zones.intern(args.default_tz, {"--default-tz", 0, ""});
  std::optional<MeterRegistry> registry;
  if (!meters.empty()) {
    registry = MeterRegistry::load(meters, zones);
    options.registry = &*registry;
  }
  const auto started = std::chrono::steady_clock::now();
  TheftInputs out;
  out.scan = run_batch_scan(options, zones);
  out.scan_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Meters in id order: the same input gives the same rows, folds and ties on every run.
  std::sort(out.scan.meters.begin(), out.scan.meters.end(),
            [](const MeterScanResult& a, const MeterScanResult& b) { return a.id < b.id; });
  for (const MeterScanResult& meter : out.scan.meters) out.meters.push_back(&meter);
  return out;
}

std::vector<TheftLabels> load_theft_labels(const TheftInputArguments& args) {
  std::vector<TheftLabels> labels;
  if (!args.labels.empty()) {
    labels.push_back(TheftLabels::load(args.labels));
    return labels;
  }
  for (const std::string& input : args.inputs) labels.push_back(TheftLabels::load(input));
  return labels;
}

std::optional<TheftLabel> find_label(const std::vector<TheftLabels>& labels, std::string_view meter_id) {
  for (const TheftLabels& table : labels)
    if (auto label = table.find(meter_id)) return label;
  return std::nullopt;
}

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
}

}  // namespace minewatch
