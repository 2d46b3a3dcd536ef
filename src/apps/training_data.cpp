#include "minewatch/apps/training_data.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/io/theft_labels.h"
#include "minewatch/io/truth_table.h"

namespace minewatch {
FeatureTable read_feature_table(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const std::vector<std::string> header =
      read_csv_header(lines, path, /*lower_case=*/false, "the header meter_id,<feature names...>").names;
  if (header[0] != "meter_id")
    throw InputError({path, 1, "meter_id"}, "the first column must be meter_id", header[0]);
  if (header.size() < 2) throw InputError({path, 1, ""}, "no feature columns after meter_id");
  std::unordered_set<std::string_view> seen;
  for (const auto& name : header) {
    if (name.empty()) throw InputError({path, 1, ""}, "an empty column name");
    if (!seen.insert(name).second) throw InputError({path, 1, name}, "duplicate column");
  }
  FeatureTable table;
  table.features = learn::FeatureMatrix(std::vector<std::string>(header.begin() + 1, header.end()));

  std::vector<std::string_view> fields;
  std::string unquoted;
  std::vector<float> row(header.size() - 1);
  std::unordered_set<std::string> meters;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < header.size())
      throw InputError({path, line_no, header[fields.size()]}, "missing field");
    if (fields.size() > header.size())
      throw InputError({path, line_no, ""}, "more fields than the header has columns");
    std::string id(trim(fields[0]));
    if (id.empty()) throw InputError({path, line_no, "meter_id"}, "empty meter id");
    for (std::size_t c = 1; c < fields.size(); ++c) {
      const auto text = trim(fields[c]);
      float v = NAN;  // blank: the feature could not be computed for this meter
      if (!text.empty() && !parse_float(text, v))
        throw InputError({path, line_no, header[c]}, "not a number", text);
      row[c - 1] = v;
    }
    if (!meters.insert(id).second) throw InputError({path, line_no, "meter_id"}, "duplicate meter id", id);
    table.features.add_row(row);
    table.meter_ids.push_back(std::move(id));
    table.lines.push_back(line_no);
  }
  return table;
}

TrainingSet load_training_set(std::span<const std::string> features_paths,
                              std::span<const std::string> truth_paths) {
  if (features_paths.empty()) throw InputError({"--features", 0, ""}, "no features file");
  if (features_paths.size() != truth_paths.size())
    throw InputError({"--truth", 0, ""}, "give one --truth file for each --features file, in the same order");
  TrainingSet set;
  for (std::size_t i = 0; i < features_paths.size(); ++i) {
    const std::string& features_path = features_paths[i];
    FeatureTable table = read_feature_table(features_path);
    if (i == 0) {
      set.features = learn::FeatureMatrix(table.features.columns());
    } else if (table.features.columns() != set.features.columns()) {
      throw InputError({features_path, 1, ""}, "the header differs from that of " + features_paths[0]);
    }
    const TruthTable truth = TruthTable::load(truth_paths[i]);
    TrainingInput input{features_path, truth_paths[i], table.meter_ids.size(), 0};
    set.features.reserve_rows(set.features.rows() + table.meter_ids.size());
    for (std::size_t r = 0; r < table.meter_ids.size(); ++r) {
      const TruthRow* row = truth.find(table.meter_ids[r]);
      if (row == nullptr)
        throw InputError({features_path, table.lines[r], "meter_id"}, "meter not in " + truth_paths[i],
                         table.meter_ids[r]);
      set.features.add_row(table.features.row(r));
      // A farm that did not run in the window leaves no trace in the readings: not a positive to learn from.
      const float label = row->is_mining() ? 1.0f : 0.0f;
      set.labels.push_back(label);
      // Grouped per truth file: two simulations reuse site ids, while the same meters scanned twice (with and
      // without the registry) must stay in one fold.
      set.groups.push_back(truth_paths[i] + ":" + (row->site_id.empty() ? row->meter_id : row->site_id));
      input.positives += label == 1 ? 1 : 0;
    }
    set.inputs.push_back(std::move(input));
  }
  return set;
}

TrainingSet load_labelled_training_set(std::span<const std::string> features_paths,
                                       std::span<const std::string> labels_paths) {
  if (features_paths.empty()) throw InputError({"--features", 0, ""}, "no features file");
  if (features_paths.size() != labels_paths.size())
    throw InputError({"--labels", 0, ""},
                     "give one --labels file for each --features file, in the same order");
  TrainingSet set;
  for (std::size_t i = 0; i < features_paths.size(); ++i) {
    const FeatureTable table = read_feature_table(features_paths[i]);
    if (i == 0) {
      set.features = learn::FeatureMatrix(table.features.columns());
    } else if (table.features.columns() != set.features.columns()) {
      throw InputError({features_paths[i], 1, ""}, "the header differs from that of " + features_paths[0]);
    }
    const TheftLabels labels = TheftLabels::load(labels_paths[i]);
    TrainingInput input{features_paths[i], labels_paths[i], 0, 0};
    for (std::size_t r = 0; r < table.meter_ids.size(); ++r) {
      const auto label = labels.find(table.meter_ids[r]);
      if (!label) continue;
      set.features.add_row(table.features.row(r));
      set.labels.push_back(label->theft ? 1.0f : 0.0f);
      set.groups.push_back(labels_paths[i] + ":" + table.meter_ids[r]);
      ++input.rows;
      input.positives += label->theft ? 1 : 0;
    }
    if (input.rows == 0)
      throw InputError({labels_paths[i], 0, ""}, "no meter of " + features_paths[i] + " is labelled here");
    set.inputs.push_back(std::move(input));
  }
  return set;
}

}  // namespace minewatch
