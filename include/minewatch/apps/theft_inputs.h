// apps layer: what every `minewatch theft` subcommand shares: reading the input readings (SGCC wide, long
// or wide-interval) into each meter's day series, their theft features, and the labels when there are any.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "minewatch/io/theft_labels.h"
#include "minewatch/pipeline/batch_scan.h"
#include "minewatch/pipeline/theft_scoring.h"

namespace CLI {
class App;
}

namespace minewatch {

struct TheftInputArguments {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string meters;  // registry for the long layout (time zones); optional
  std::string labels;  // meter_id,flag[,theft_type]; default: the FLAG column of SGCC inputs
  std::string default_tz = "UTC";
  unsigned threads = 0;
  bool skip_bad_rows = false;
};

// --input (required, repeatable), --format, --meters, --default-tz, --threads, --skip-bad-rows; and
// --labels when `with_labels`.
void add_theft_input_options(CLI::App& cmd, TheftInputArguments& args, bool with_labels);

struct TheftInputs {
  BatchScanResult scan;  // meters sorted by id
  std::vector<const MeterScanResult*> meters;
  double scan_seconds = 0;
};

// Reads `files` (all of them one population: one scan, one peers' course) into day series. Throws InputError
// for bad input.
TheftInputs read_theft_inputs(const TheftInputArguments& args, const std::vector<std::string>& files);
// The same with another registry (`meters` empty: none), e.g. a simulated grid's own meters.csv.
TheftInputs read_theft_inputs(const TheftInputArguments& args, const std::vector<std::string>& files,
                              const std::string& meters);

// The labels: --labels, else the FLAG column of each input. Throws InputError when neither has labels.
std::vector<TheftLabels> load_theft_labels(const TheftInputArguments& args);
std::optional<TheftLabel> find_label(const std::vector<TheftLabels>& labels, std::string_view meter_id);

// Peak resident memory of this process so far, in MB (for the run's report).
double peak_rss_mb();

}  // namespace minewatch
