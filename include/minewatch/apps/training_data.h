// apps layer: the inputs of `minewatch train`: per-meter feature tables (meter_id,<features...>, blank =
// missing, as `scan --features-out` writes them) paired with ground truth (truth.csv, docs/simulator.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/learn/feature_matrix.h"

namespace minewatch {

struct FeatureTable {
  std::vector<std::string> meter_ids;
  std::vector<std::uint64_t> lines;  // the line of each row, for messages
  learn::FeatureMatrix features;
};

// Reads a features CSV (plain, .gz or .zst). Throws InputError naming file, line and field: no header, a
// first column other than meter_id, an empty or duplicate column or meter, a row of the wrong length, a bad
// number.
FeatureTable read_feature_table(const std::string& path);

struct TrainingInput {
  std::string features_path;
  std::string truth_path;
  std::size_t rows = 0;
  std::size_t positives = 0;
};

struct TrainingSet {
  learn::FeatureMatrix features;
  std::vector<float> labels;
  std::vector<std::string> groups;  // "<pair index>:<group>": site ids of two simulations never collide
  std::vector<TrainingInput> inputs;
};

// Joins the i-th features file with the i-th truth file. Throws InputError when the lists differ in length,
// a file's header differs from the first one's, or a meter of a features file is not in its truth.
TrainingSet load_training_set(std::span<const std::string> features_paths,
                              std::span<const std::string> truth_paths);

// Joins the i-th features file with the i-th labels file (meter_id,flag: `minewatch cases labels --target
// mining`, inspectors' outcomes). Only labelled meters are rows: the rest were never inspected.
TrainingSet load_labelled_training_set(std::span<const std::string> features_paths,
                                       std::span<const std::string> labels_paths);

}  // namespace minewatch
