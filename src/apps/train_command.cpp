// `minewatch train mining`: a calibrated gradient-boosted model from per-meter features and ground truth
// (docs/learning.md).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cmath>
#include <filesystem>
#include <memory>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/training_data.h"
#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/learn/calibrated_training.h"

namespace minewatch {
namespace {

struct TrainArguments {
  std::string target = "mining";
  std::vector<std::string> features;
  std::vector<std::string> truth;
  std::vector<std::string> labels;
  std::string out;
  learn::TrainParams params;
  std::uint32_t folds = 5;
  bool quiet = false;
};

int run_train(const TrainArguments& args) {
  if (args.truth.empty() && args.labels.empty())
    throw InputError({"--truth", 0, ""},
                     "give --truth (a simulated grid's truth.csv) or --labels (inspected meters)");
  const TrainingSet set = args.labels.empty() ? load_training_set(args.features, args.truth)
                                              : load_labelled_training_set(args.features, args.labels);
  learn::CalibratedModel model = [&] {
    try {
      return learn::train_calibrated_model(set.features, set.labels, args.params, args.folds, set.groups,
                                           args.target);
    } catch (const std::invalid_argument& e) {
      // Only the data can make training impossible here (one class, a single site): say which data.
      throw InputError({args.features.front(), 0, ""}, e.what());
    }
  }();

  nlohmann::json& training = model.bundle.training();
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& input : set.inputs)
    inputs.push_back({{"features", input.features_path},
                      {args.labels.empty() ? "truth" : "labels", input.truth_path},
                      {"rows", input.rows},
                      {"positives", input.positives}});
  training["inputs"] = std::move(inputs);
  training["date"] = utc_now();
  training["label"] = args.labels.empty()
                          ? "truth.csv: mining_kw set and mining_kwh > 0"
                          : "labels: inspectors' outcomes (minewatch cases labels --target mining)";

  const std::filesystem::path out(args.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  AtomicFile file(args.out);
  file.write(model.bundle.to_text());
  file.commit();

  if (!args.quiet) {
    const std::size_t rows = set.labels.size();
    const auto positives = training["positives"].get<std::size_t>();
    fmt::print("minewatch train {}: {} meters from {} file(s), {} positive, {} negative, {} features\n",
               args.target, rows, set.inputs.size(), positives, rows - positives, set.features.cols());
    fmt::print(
        "  out-of-fold AUC {:.4f} ({} folds, meters of a site kept together); {} rounds, max depth {}, "
        "eta {}\n",
        model.out_of_fold_auc, args.folds, args.params.rounds, args.params.max_depth, args.params.eta);
    fmt::print("wrote {}\n", args.out);
  }
  return 0;
}

}  // namespace

void add_train_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TrainArguments>();
  CLI::App* cmd =
      app.add_subcommand("train", "Train a calibrated model from per-meter features and ground truth");
  cmd->add_option("target", args->target, "What the model finds: mining")
      ->required()
      ->check(CLI::IsMember({"mining"}));
  cmd->add_option("--features", args->features,
                  "Per-meter features CSV (repeat; pairs with --truth in order)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->required()
      ->check(CLI::ExistingFile);
  CLI::Option* truth = cmd->add_option("--truth", args->truth, "truth.csv of the same meters (repeat)")
                           ->expected(1)
                           ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                           ->check(CLI::ExistingFile);
  CLI::Option* labels =
      cmd->add_option("--labels", args->labels,
                      "Instead of --truth: meter_id,flag labels of inspected meters (`minewatch cases labels "
                      "--target mining`; repeat, pairs with --features in order)")
          ->expected(1)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->check(CLI::ExistingFile);
  labels->excludes(truth);
  cmd->add_option("--out,-o", args->out, "The model file to write (JSON)")->required();
  cmd->add_option("--rounds", args->params.rounds, "Boosting rounds")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-depth", args->params.max_depth, "Depth of each tree")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd->add_option("--eta", args->params.eta, "Learning rate")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1.0));
  cmd->add_option("--threads,-j", args->params.nthread, "Threads (0 = all cores; 1 = reproducible bytes)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", args->params.seed, "Random seed of row and column sampling")
      ->capture_default_str();
  cmd->add_option("--folds", args->folds,
                  "Folds for the out-of-fold predictions the calibration is fitted on")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  cmd->add_flag("--quiet,-q", args->quiet, "Print nothing on success");
  cmd->callback([args, &exit_code] { exit_code = run_train(*args); });
}

}  // namespace minewatch
