// apps layer: what every command that scans readings shares (`scan`, `eval`): the scan's input options, and
// loading the settings, zones, registry and events before running the batch scan and scoring every meter.
// One place, so that `minewatch eval` measures exactly the scan `minewatch scan` runs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "minewatch/apps/settings_file.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/io/weather_table.h"
#include "minewatch/learn/model_bundle.h"
#include "minewatch/pipeline/batch_scan.h"
#include "minewatch/pipeline/scan_outputs.h"

namespace CLI {
class App;
}

namespace minewatch {

struct ScanInputArguments {
  std::vector<std::string> readings;
  std::string meters;
  std::string events;
  std::string format = "auto";
  std::string config;
  std::string regions;
  std::string default_tz = "UTC";
  std::string timestamps = "start";
  std::string weather;      // weather.csv: region,date,temp_c
  std::string model;        // mining model bundle; empty: the shipped one (data/models/mining.json)
  std::string theft_model;  // theft model bundle; empty: the shipped one (data/models/theft.json)
  bool no_model = false;    // score with the explainable rules alone
  unsigned threads = 0;
  bool skip_bad_rows = false;
};

// Adds --readings (required), --meters, --events, --weather, --model, --theft-model, --no-model, --format,
// --config,
// --regions, --default-tz, --timestamps, --threads and --skip-bad-rows to `cmd`, filling `args` (which must
// outlive the parse).
void add_scan_input_options(CLI::App& cmd, ScanInputArguments& args);

// The scan and every meter's row, most suspicious first. rows point into scan and silent: keep them together.
struct ScoredScan {
  BatchScanResult scan;
  std::vector<MeterScanResult> silent;  // registry meters that sent nothing
  std::vector<SuspectRow> rows;
  learn::FeatureMatrix model_input;  // every meter's model features, rows indexed by SuspectRow::model_row
  double read_and_engine_s = 0;
  double scoring_s = 0;
};

// The loaded inputs of a scan. Not copyable or movable: the scan options point at the registry.
class ScanSetup {
 public:
  // Loads the settings, region table, registry and events. Throws InputError for bad input.
  explicit ScanSetup(const ScanInputArguments& args);
  ScanSetup(const ScanSetup&) = delete;
  ScanSetup& operator=(const ScanSetup&) = delete;

  // Runs the batch scan (with a progress bar on a terminal, labelled `label`) and scores every meter.
  ScoredScan run(const std::string& label);

  const Settings& settings() const { return settings_; }
  const ZoneTable& zones() const { return zones_; }
  const MeterRegistry* registry() const { return registry_ ? &*registry_ : nullptr; }
  const MeterEvents* events() const { return events_ ? &*events_ : nullptr; }
  const WeatherTable* weather() const { return weather_ ? &*weather_ : nullptr; }
  const learn::ModelBundle* model() const { return model_ ? &*model_ : nullptr; }
  const std::string& model_path() const { return model_path_; }
  const learn::ModelBundle* theft_model() const { return theft_model_ ? &*theft_model_ : nullptr; }
  const std::string& theft_model_path() const { return theft_model_path_; }
  // The batch scan's options (threads, bad-row rule, timestamps, limits), for scans of other files alike.
  const BatchScanOptions& scan_options() const { return options_; }

 private:
  Settings settings_;
  ZoneTable zones_;
  std::optional<MeterRegistry> registry_;
  std::optional<MeterEvents> events_;
  std::optional<WeatherTable> weather_;
  std::optional<learn::ModelBundle> model_;
  std::string model_path_;
  std::optional<learn::ModelBundle> theft_model_;
  std::string theft_model_path_;
  BatchScanOptions options_;
};

}  // namespace minewatch
