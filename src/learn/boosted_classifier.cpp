#include "minewatch/learn/boosted_classifier.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace minewatch::learn {
namespace {

// Every XGBoost call returns 0 or -1; on -1 the reason is in XGBGetLastError (per thread).
void check(int rc, std::string_view call) {
  if (rc == 0) return;
  // The first line is the message; XGBoost appends a native stack trace ("[bt] ...") that helps no user.
  std::string_view message = XGBGetLastError();
  message = message.substr(0, message.find('\n'));
  throw std::runtime_error(fmt::format("xgboost: {} failed: {}", call, message));
}

class DMatrix {
 public:
  explicit DMatrix(const FeatureMatrix& features) {
    if (features.cols() == 0) throw std::invalid_argument("xgboost: a feature matrix without columns");
    // NaN marks missing values: such a row follows the branch XGBoost learned for missing data.
    check(XGDMatrixCreateFromMat(features.values().data(), features.rows(), features.cols(),
                                 std::numeric_limits<float>::quiet_NaN(), &handle_),
          "XGDMatrixCreateFromMat");
  }
  ~DMatrix() {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
  }
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

void set_param(BoosterHandle booster, const char* name, const std::string& value) {
  check(XGBoosterSetParam(booster, name, value.c_str()), fmt::format("XGBoosterSetParam({})", name));
}

// Shortest text that reads back as the same double, so parameters reach XGBoost unrounded.
std::string number_text(double v) {
  return fmt::format("{}", v);
}

}  // namespace

struct BoostedClassifier::Handle {
  BoosterHandle booster = nullptr;
  Handle() = default;
  ~Handle() {
    if (booster != nullptr) XGBoosterFree(booster);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
};

nlohmann::json to_json(const TrainParams& p) {
  return nlohmann::json{{"rounds", p.rounds},
                        {"max_depth", p.max_depth},
                        {"eta", p.eta},
                        {"subsample", p.subsample},
                        {"colsample_bytree", p.colsample_bytree},
                        {"min_child_weight", p.min_child_weight},
                        {"lambda", p.lambda},
                        {"seed", p.seed},
                        {"nthread", p.nthread},
                        {"scale_pos_weight", p.scale_pos_weight},
                        {"tree_method", p.tree_method}};
}

std::string xgboost_version() {
  int major = 0;
  int minor = 0;
  int patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return fmt::format("{}.{}.{}", major, minor, patch);
}

BoostedClassifier::BoostedClassifier(std::unique_ptr<Handle> handle) : handle_(std::move(handle)) {}
BoostedClassifier::BoostedClassifier(BoostedClassifier&&) noexcept = default;
BoostedClassifier& BoostedClassifier::operator=(BoostedClassifier&&) noexcept = default;
BoostedClassifier::~BoostedClassifier() = default;

BoostedClassifier BoostedClassifier::train(const FeatureMatrix& features, std::span<const float> labels,
                                           const TrainParams& params) {
  if (features.rows() == 0) throw std::invalid_argument("train: no rows");
  if (labels.size() != features.rows())
    throw std::invalid_argument(fmt::format("train: {} labels for {} rows", labels.size(), features.rows()));
  for (float label : labels)
    if (label != 0 && label != 1) throw std::invalid_argument("train: a label is not 0 or 1");
  if (params.rounds < 1) throw std::invalid_argument("train: rounds must be at least 1");
  if (params.max_depth < 1) throw std::invalid_argument("train: max_depth must be at least 1");
  if (!(params.eta > 0)) throw std::invalid_argument("train: eta must be positive");
  if (params.nthread < 0) throw std::invalid_argument("train: nthread must not be negative");

  const DMatrix data(features);
  check(XGDMatrixSetFloatInfo(data.get(), "label", labels.data(), labels.size()), "XGDMatrixSetFloatInfo");
  auto handle = std::make_unique<Handle>();
  DMatrixHandle cache[] = {data.get()};
  check(XGBoosterCreate(cache, 1, &handle->booster), "XGBoosterCreate");
  BoosterHandle b = handle->booster;
  set_param(b, "verbosity", "0");  // XGBoost's warnings would go to stderr, past our error handling
  set_param(b, "objective", "binary:logistic");
  set_param(b, "eval_metric", "logloss");
  set_param(b, "booster", "gbtree");
  set_param(b, "tree_method", params.tree_method);
  set_param(b, "max_depth", std::to_string(params.max_depth));
  set_param(b, "eta", number_text(params.eta));
  set_param(b, "subsample", number_text(params.subsample));
  set_param(b, "colsample_bytree", number_text(params.colsample_bytree));
  set_param(b, "min_child_weight", number_text(params.min_child_weight));
  set_param(b, "lambda", number_text(params.lambda));
  set_param(b, "scale_pos_weight", number_text(params.scale_pos_weight));
  set_param(b, "seed", std::to_string(params.seed));
  set_param(b, "nthread", std::to_string(params.nthread));
  for (int round = 0; round < params.rounds; ++round)
    check(XGBoosterUpdateOneIter(b, round, data.get()), "XGBoosterUpdateOneIter");
  return BoostedClassifier(std::move(handle));
}

BoostedClassifier BoostedClassifier::from_json_text(std::string_view json, int nthread) {
  auto handle = std::make_unique<Handle>();
  check(XGBoosterCreate(nullptr, 0, &handle->booster), "XGBoosterCreate");
  set_param(handle->booster, "verbosity", "0");
  check(XGBoosterLoadModelFromBuffer(handle->booster, json.data(), json.size()),
        "XGBoosterLoadModelFromBuffer");
  set_param(handle->booster, "nthread", std::to_string(nthread));
  return BoostedClassifier(std::move(handle));
}

std::vector<float> BoostedClassifier::predict_raw(const FeatureMatrix& features) const {
  return predict(features, 0, 1);
}

std::vector<float> BoostedClassifier::predict_contributions(const FeatureMatrix& features) const {
  return predict(features, 2, feature_count() + 1);
}

std::vector<float> BoostedClassifier::predict(const FeatureMatrix& features, int type,
                                              std::size_t per_row) const {
  if (features.cols() != feature_count())
    throw std::invalid_argument(
        fmt::format("predict: {} columns for a model of {} features", features.cols(), feature_count()));
  if (features.rows() == 0) return {};
  const DMatrix data(features);
  const std::string config = fmt::format(
      R"({{"type": {}, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}})",
      type);
  const bst_ulong* shape = nullptr;
  bst_ulong dims = 0;
  const float* result = nullptr;
  check(XGBoosterPredictFromDMatrix(handle_->booster, data.get(), config.c_str(), &shape, &dims, &result),
        "XGBoosterPredictFromDMatrix");
  bst_ulong count = dims == 0 ? 0 : 1;
  for (bst_ulong d = 0; d < dims; ++d) count *= shape[d];
  if (count != features.rows() * per_row)
    throw std::runtime_error(
        fmt::format("xgboost: {} values for {} rows of {}", count, features.rows(), per_row));
  // The result points into the booster's own buffer, valid until its next call: copy it now.
  return std::vector<float>(result, result + count);
}

std::string BoostedClassifier::to_json_text() const {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  check(XGBoosterSaveModelToBuffer(handle_->booster, R"({"format": "json"})", &length, &bytes),
        "XGBoosterSaveModelToBuffer");
  return std::string(bytes, length);
}

std::size_t BoostedClassifier::feature_count() const {
  bst_ulong n = 0;
  check(XGBoosterGetNumFeature(handle_->booster, &n), "XGBoosterGetNumFeature");
  return static_cast<std::size_t>(n);
}

int BoostedClassifier::rounds() const {
  int n = 0;
  check(XGBoosterBoostedRounds(handle_->booster, &n), "XGBoosterBoostedRounds");
  return n;
}

}  // namespace minewatch::learn
