#include "minewatch/learn/model_bundle.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "booster_check.h"
#include "minewatch/core/error.h"

namespace minewatch::learn {
namespace {

using nlohmann::json;

// Far deeper than any model; bounds the recursion of dump() and of our checks on a hostile file.
constexpr int kMaxJsonDepth = 64;

struct TooDeep {};

std::uint64_t line_of_byte(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  return 1 +
         static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n'));
}

const json& field(const json& root, const std::string& source, const char* key) {
  const auto it = root.find(key);
  if (it == root.end()) throw InputError({source, 0, key}, "missing");
  return *it;
}

std::string string_field(const json& root, const std::string& source, const char* key) {
  const json& value = field(root, source, key);
  if (!value.is_string() || value.get_ref<const std::string&>().empty())
    throw InputError({source, 0, key}, "not a non-empty string");
  return value.get<std::string>();
}

std::vector<std::string> feature_names(const json& root, const std::string& source) {
  const json& value = field(root, source, "features");
  if (!value.is_array() || value.empty()) throw InputError({source, 0, "features"}, "not a non-empty array");
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const json& name : value) {
    if (!name.is_string() || name.get_ref<const std::string&>().empty())
      throw InputError({source, 0, "features"}, "not all non-empty strings");
    if (!seen.insert(name.get<std::string>()).second)
      throw InputError({source, 0, "features"}, "duplicate feature", name.get<std::string>());
    names.push_back(name.get<std::string>());
  }
  return names;
}

std::string indent_after_first_line(const std::string& text, const std::string& indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

ModelBundle::ModelBundle(std::string target, std::vector<std::string> features, json booster_json,
                         BoostedClassifier booster, IsotonicCalibration calibration, json training)
    : target_(std::move(target)),
      features_(std::move(features)),
      booster_json_(std::move(booster_json)),
      booster_(std::move(booster)),
      calibration_(std::move(calibration)),
      training_(std::move(training)) {}

ModelBundle::ModelBundle(std::string target, std::vector<std::string> features,
                         const BoostedClassifier& booster, IsotonicCalibration calibration, json training)
    : ModelBundle(parse(
          [&] {
            // Built through the file format itself: the bundle in memory then predicts exactly as its
            // file will once loaded (the JSON round trip may reword XGBoost's numbers, not their values).
            json root{{"format", kFormat},
                      {"target", std::move(target)},
                      {"features", std::move(features)},
                      {"booster", json::parse(booster.to_json_text())},
                      {"calibration", calibration.to_json()},
                      {"training", training.is_null() ? json::object() : std::move(training)}};
            return root.dump();
          }(),
          "<new model>")) {}

ModelBundle ModelBundle::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, ""}, "cannot open the model file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError({path, 0, ""}, "cannot read the model file");
  return parse(text.str(), path);
}

ModelBundle ModelBundle::parse(std::string_view text, const std::string& source) {
  json root;
  try {
    root = json::parse(text, [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    throw InputError({source, 0, ""},
                     "JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
  } catch (const json::parse_error& e) {
    // what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ...".
    const std::string_view what = e.what();
    const auto detail = what.find(": ", what.find("parse error"));
    throw InputError({source, line_of_byte(text, e.byte), ""},
                     "not valid JSON: " + std::string(what.substr(detail == what.npos ? 0 : detail + 2)));
  } catch (const json::exception& e) {
    // e.g. out_of_range.406, a number too large for a double.
    throw InputError({source, 0, ""}, std::string("not valid JSON: ") + e.what());
  }
  if (!root.is_object()) throw InputError({source, 0, ""}, "not a JSON object");
  const std::string format = string_field(root, source, "format");
  if (format != kFormat)
    throw InputError({source, 0, "format"}, "not a minewatch model (expected minewatch-model/1)", format);
  std::string target = string_field(root, source, "target");
  std::vector<std::string> features = feature_names(root, source);

  const json& booster_json = field(root, source, "booster");
  try {
    detail::check_booster_json(booster_json, features.size());
  } catch (const std::invalid_argument& e) {
    throw InputError({source, 0, "booster"}, e.what());
  }
  // Every XGBoost call stays inside: XGBoost checks some parameters only lazily (base_score when the
  // booster is first configured, size_leaf_vector when it predicts), and one prediction of a row of missing
  // values reaches them all now, so a bundle that loads also predicts.
  std::optional<BoostedClassifier> booster;
  try {
    booster.emplace(BoostedClassifier::from_json_text(booster_json.dump()));
    if (booster->feature_count() != features.size())
      throw std::runtime_error("its feature count does not match the features");
    FeatureMatrix probe(features);
    probe.add_row(std::vector<float>(features.size(), std::numeric_limits<float>::quiet_NaN()));
    const auto p = booster->predict_raw(probe);
    if (p.size() != 1 || !(p[0] >= 0 && p[0] <= 1))
      throw std::runtime_error("it does not predict a probability");
  } catch (const std::exception& e) {
    throw InputError({source, 0, "booster"}, std::string("XGBoost cannot use it: ") + e.what());
  }

  std::optional<IsotonicCalibration> calibration;
  try {
    calibration.emplace(IsotonicCalibration::from_json(field(root, source, "calibration")));
  } catch (const std::invalid_argument& e) {
    throw InputError({source, 0, "calibration"}, e.what());
  }
  const json& training = field(root, source, "training");
  if (!training.is_object()) throw InputError({source, 0, "training"}, "not an object");
  return ModelBundle(std::move(target), std::move(features), booster_json, std::move(*booster),
                     std::move(*calibration), training);
}

std::string ModelBundle::to_text() const {
  // Readable where a person looks (features, provenance), one line for the booster's thousands of numbers.
  std::string out = "{\n";
  out += "  \"format\": " + json(kFormat).dump() + ",\n";
  out += "  \"target\": " + json(target_).dump() + ",\n";
  out += "  \"features\": " + json(features_).dump() + ",\n";
  out += "  \"training\": " + indent_after_first_line(training_.dump(2), "  ") + ",\n";
  out += "  \"calibration\": " + calibration_.to_json().dump() + ",\n";
  out += "  \"booster\": " + booster_json_.dump() + "\n";
  out += "}\n";
  return out;
}

std::vector<float> ModelBundle::contributions(const FeatureMatrix& features) const {
  if (const auto missing = features.first_missing(features_))
    throw InputError({"model input", 0, *missing}, "a feature the model needs is missing");
  return booster_.predict_contributions(features.select_columns(features_));
}

std::vector<float> ModelBundle::predict_raw(const FeatureMatrix& features) const {
  if (const auto missing = features.first_missing(features_))
    throw InputError({"model input", 0, *missing}, "a feature the model needs is missing");
  return booster_.predict_raw(features.select_columns(features_));
}

std::vector<float> ModelBundle::predict(const FeatureMatrix& features) const {
  return calibration_.apply(predict_raw(features));
}

}  // namespace minewatch::learn
