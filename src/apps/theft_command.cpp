// `minewatch theft train|score|eval`: the supervised theft detector on labelled daily data, e.g. the SGCC
// layout (docs/detectors.md, "Theft").
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/theft_inputs.h"
#include "minewatch/core/error.h"
#include "minewatch/eval/theft_eval.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/learn/calibrated_training.h"
#include "minewatch/learn/model_bundle.h"

namespace minewatch {
namespace {

struct TheftArguments {
  TheftInputArguments input;
  std::string model;
  std::string out;
  std::string explain;
  std::vector<std::string> augment;        // more labelled files (FLAG column), used only to train
  std::vector<std::string> augment_grids;  // simulated grids (readings, meters, truth), used only to train
  learn::TrainParams params;
  std::uint32_t folds = 5;
};

constexpr float kNoExplanations = 2.0f;  // above every score: training and evaluation need no words

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void write_file(const std::string& path, const std::string& text) {
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  AtomicFile file(path);
  file.write(text);
  file.commit();
}

// The labelled meters of the inputs, then those of each --augment file: features, labels, households.
struct TrainingRows {
  learn::FeatureMatrix features;
  std::vector<float> labels;
  std::vector<std::string> ids;  // the household: every row of one id lands in the same fold
  std::vector<std::string> types;
  std::vector<TheftAssessment> assessments;  // the rule's and the baseline's scores
  std::size_t evaluated = 0;                 // rows of the inputs; the rest only train
  std::size_t positives = 0;
};

void add_labelled(const TheftInputs& inputs, const TheftScores& scores,
                  const std::vector<TheftLabels>& labels, TrainingRows& out) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < inputs.meters.size(); ++i) {
    const auto label = find_label(labels, inputs.meters[i]->id);
    if (!label) continue;
    rows.push_back(i);
    out.labels.push_back(label->theft ? 1.0f : 0.0f);
    out.ids.push_back(inputs.meters[i]->id);
    out.types.push_back(label->theft ? label->type : std::string());
    out.assessments.push_back(scores.assessments[i]);
  }
  const learn::FeatureMatrix selected = scores.features.select_rows(rows);
  if (out.features.cols() == 0) out.features = learn::FeatureMatrix(selected.columns());
  for (std::size_t r = 0; r < selected.rows(); ++r) out.features.add_row(selected.row(r));
}

// Reads, scores and labels the inputs and the augmentation files. `scores` receives the inputs' scores.
TrainingRows training_rows(const TheftArguments& args, const learn::ModelBundle* model, TheftInputs& inputs,
                           TheftScores& scores) {
  inputs = read_theft_inputs(args.input, args.input.inputs);
  scores = score_theft(inputs.meters, model, args.input.threads, kNoExplanations);
  TrainingRows out;
  add_labelled(inputs, scores, load_theft_labels(args.input), out);
  out.evaluated = out.labels.size();
  for (const std::string& file : args.augment) {
    const TheftInputs extra = read_theft_inputs(args.input, {file});
    add_labelled(extra, score_theft(extra.meters, nullptr, args.input.threads, kNoExplanations),
                 {TheftLabels::load(file)}, out);
  }
  for (const std::string& dir : args.augment_grids) {
    const auto file = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
    TheftInputArguments grid = args.input;
    grid.format = "long";
    const TheftInputs extra = read_theft_inputs(grid, {file("readings.csv")}, file("meters.csv"));
    add_labelled(extra, score_theft(extra.meters, nullptr, args.input.threads, kNoExplanations),
                 {TheftLabels::load(file("truth.csv"))}, out);
  }
  for (float label : out.labels) out.positives += label == 1 ? 1 : 0;
  if (out.positives == 0 || out.positives == out.labels.size())
    throw InputError({args.input.labels.empty() ? args.input.inputs.front() : args.input.labels, 0, "flag"},
                     fmt::format("{} labelled meters, {} thefts: both thefts and honest meters are needed",
                                 out.labels.size(), out.positives));
  return out;
}

learn::CalibratedModel train_on(const TrainingRows& data, const TheftArguments& args,
                                std::vector<std::uint32_t>& folds) {
  folds = learn::stratified_group_folds(data.labels, data.ids, args.folds);
  try {
    return learn::train_calibrated_model_on_folds(data.features, data.labels, args.params, folds, "theft",
                                                  "household, stratified by label");
  } catch (const std::invalid_argument& e) {
    throw InputError({args.input.inputs.front(), 0, ""}, e.what());
  }
}

// The evaluated rows (the inputs', not the augmentation's) with the model's, the rule's and the baseline's
// scores.
std::vector<TheftEvalRow> eval_rows(const TrainingRows& data, std::span<const float> model_scores) {
  std::vector<TheftEvalRow> rows;
  for (std::size_t k = 0; k < data.evaluated; ++k) {
    const TheftAssessment& a = data.assessments[k];
    rows.push_back(
        {data.ids[k], data.labels[k] == 1, data.types[k], {model_scores[k], a.rule_score, a.baseline}});
  }
  return rows;
}

const std::vector<std::string> kScorers = {"model", "rule", "baseline"};

int run_train(const TheftArguments& args) {
  const auto started = std::chrono::steady_clock::now();
  TheftInputs inputs;
  TheftScores scores;
  const TrainingRows data = training_rows(args, nullptr, inputs, scores);
  std::vector<std::uint32_t> folds;
  learn::CalibratedModel model = train_on(data, args, folds);
  const TheftEvalReport oof = evaluate_theft(eval_rows(data, model.out_of_fold), kScorers);

  nlohmann::json& training = model.bundle.training();
  training["inputs"] = args.input.inputs;
  training["augment"] = args.augment;
  training["augment_grids"] = args.augment_grids;
  if (!args.input.labels.empty()) training["labels"] = args.input.labels;
  training["out_of_fold"] = theft_report_json(oof);
  training["seconds"] = seconds_since(started);
  training["peak_rss_mb"] = peak_rss_mb();
  write_file(args.model, model.bundle.to_text());

  const RankingFigures& f = oof.overall[0];
  fmt::print(
      "minewatch theft train: {} meters ({} thefts; {} of them from --augment), {} features, {} folds\n",
      data.labels.size(), data.positives, data.labels.size() - data.evaluated, data.features.cols(),
      args.folds);
  fmt::print("  out-of-fold on the inputs: ROC AUC {:.4f}, PR-AUC {:.4f}, MAP@100 {:.4f}, MAP@200 {:.4f}\n",
             f.auc, f.average_precision, f.map100, f.map200);
  fmt::print("  {:.1f} s, peak memory {:.0f} MB\nwrote {}\n", seconds_since(started), peak_rss_mb(),
             args.model);
  return 0;
}

int run_score(const TheftArguments& args) {
  const learn::ModelBundle model = learn::ModelBundle::load(args.model);
  const TheftInputs inputs = read_theft_inputs(args.input, args.input.inputs);
  const TheftScores scores = score_theft(inputs.meters, &model, args.input.threads);
  std::vector<std::size_t> order(inputs.meters.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Most suspicious first; ties keep id order (the meters are sorted by id).
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores.assessments[a].score > scores.assessments[b].score;
  });
  std::string text = "meter_id,score\n";
  for (std::size_t i : order)
    text += fmt::format("{},{:.6f}\n", csv_quoted(inputs.meters[i]->id), scores.assessments[i].score);
  write_file(args.out, text);
  if (!args.explain.empty()) {
    std::string why = "meter_id,score,rule_score,baseline,theft_start,reason,drivers\n";
    for (std::size_t i : order) {
      const TheftAssessment& a = scores.assessments[i];
      why += fmt::format("{},{:.6f},{:.4f},{:.4f},{},{},{}\n", csv_quoted(inputs.meters[i]->id), a.score,
                         a.rule_score, a.baseline, a.start_day == kNoDay ? "" : format_day(a.start_day),
                         csv_quoted(a.reason), csv_quoted(a.drivers));
    }
    write_file(args.explain, why);
  }
  fmt::print("minewatch theft score: {} meters scored by {}\nwrote {}\n", inputs.meters.size(), args.model,
             args.out);
  return 0;
}

int run_eval(const TheftArguments& args) {
  const auto started = std::chrono::steady_clock::now();
  std::optional<learn::ModelBundle> model;
  if (!args.model.empty()) model = learn::ModelBundle::load(args.model);
  TheftInputs inputs;
  TheftScores scores;
  const TrainingRows data = training_rows(args, model ? &*model : nullptr, inputs, scores);
  std::vector<float> model_scores;
  std::string how;
  std::vector<std::uint32_t> folds;
  if (model) {
    for (std::size_t k = 0; k < data.evaluated; ++k) model_scores.push_back(data.assessments[k].score);
    how = "scored by " + args.model;
  } else {
    model_scores = train_on(data, args, folds).out_of_fold;
    how = fmt::format("{}-fold cross-validation by household, stratified by label{}", args.folds,
                      args.augment.size() + args.augment_grids.size() == 0
                          ? ""
                          : fmt::format(", {} augmentation file(s) in training only",
                                        args.augment.size() + args.augment_grids.size()));
  }
  const TheftEvalReport report = evaluate_theft(eval_rows(data, model_scores), kScorers);
  fmt::print("minewatch theft eval: {} meters ({} thefts), {}; {:.1f} s, peak memory {:.0f} MB\n",
             data.evaluated,
             std::count(data.labels.begin(),
                        data.labels.begin() + static_cast<std::ptrdiff_t>(data.evaluated), 1.0f),
             how, seconds_since(started), peak_rss_mb());
  fmt::print("{}", theft_report_text(report));
  if (!args.out.empty()) {
    nlohmann::json json{{"meters", data.evaluated},
                        {"method", how},
                        {"inputs", args.input.inputs},
                        {"augment", args.augment},
                        {"scorers", theft_report_json(report)},
                        {"seconds", seconds_since(started)},
                        {"peak_rss_mb", peak_rss_mb()}};
    write_file(args.out + "/theft_eval.json", json.dump(2) + "\n");
    std::string csv = "meter_id,flag,theft_type,fold,model,rule,baseline\n";
    for (std::size_t k = 0; k < data.evaluated; ++k) {
      const TheftAssessment& a = data.assessments[k];
      csv += fmt::format("{},{},{},{},{:.6f},{:.4f},{:.4f}\n", csv_quoted(data.ids[k]),
                         data.labels[k] == 1 ? 1 : 0, data.types[k],
                         folds.empty() ? std::string() : std::to_string(folds[k]), model_scores[k],
                         a.rule_score, a.baseline);
    }
    write_file(args.out + "/theft_scores.csv", csv);
    std::string features = "meter_id";
    for (const std::string& name : data.features.columns()) features += "," + name;
    features += "\n";
    for (std::size_t k = 0; k < data.evaluated; ++k) {
      features += csv_quoted(data.ids[k]);
      for (float v : data.features.row(k))
        features += std::isnan(v) ? std::string(",") : fmt::format(",{:.6g}", v);
      features += "\n";
    }
    write_file(args.out + "/theft_features.csv", features);
    fmt::print("wrote {}/theft_eval.json, theft_scores.csv and theft_features.csv\n", args.out);
  }
  return 0;
}

void add_training_options(CLI::App& cmd, TheftArguments& args) {
  cmd.add_option(
         "--augment", args.augment,
         "More labelled SGCC files (FLAG) of the same households, e.g. other injections: training only; "
         "each is its own population and a household keeps one fold")
      ->check(CLI::ExistingFile);
  cmd.add_option(
         "--augment-grid", args.augment_grids,
         "A directory written by `minewatch simulate` (readings.csv, meters.csv, truth.csv): its meters "
         "train too (theft_type labels)")
      ->check(CLI::ExistingDirectory);
  cmd.add_option("--folds", args.folds, "Stratified folds (out-of-fold predictions)")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  cmd.add_option("--rounds", args.params.rounds, "Boosting rounds")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd.add_option("--max-depth", args.params.max_depth, "Depth of each tree")
      ->capture_default_str()
      ->check(CLI::Range(1, 20));
  cmd.add_option("--eta", args.params.eta, "Learning rate")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1.0));
  cmd.add_option("--seed", args.params.seed, "Random seed of row and column sampling")->capture_default_str();
}

}  // namespace

void add_theft_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TheftArguments>();
  CLI::App* theft =
      app.add_subcommand("theft", "Supervised theft detection on labelled daily readings (SGCC)");
  theft->require_subcommand(1);

  CLI::App* train = theft->add_subcommand("train", "Train a calibrated theft model on labelled meters");
  add_theft_input_options(*train, args->input, true);
  train->add_option("--model", args->model, "The model file to write (JSON)")->required();
  add_training_options(*train, *args);
  train->callback([args, &exit_code] {
    args->params.nthread = static_cast<int>(args->input.threads);
    exit_code = run_train(*args);
  });

  CLI::App* score = theft->add_subcommand("score", "Score every meter with a trained theft model");
  add_theft_input_options(*score, args->input, false);
  score->add_option("--model", args->model, "Theft model file")->required()->check(CLI::ExistingFile);
  score->add_option("--out,-o", args->out, "Scores CSV to write: meter_id,score")->required();
  score->add_option("--explain", args->explain, "Also write each score's reasons and drivers to this CSV");
  score->callback([args, &exit_code] { exit_code = run_score(*args); });

  CLI::App* eval = theft->add_subcommand(
      "eval", "Rank labelled meters: cross-validated (no --model) or by a trained model, against a baseline");
  add_theft_input_options(*eval, args->input, true);
  eval->add_option("--model", args->model, "Score with this model instead of cross-validating")
      ->check(CLI::ExistingFile);
  eval->add_option("--out,-o", args->out, "Directory for theft_eval.json and theft_scores.csv");
  add_training_options(*eval, *args);
  eval->callback([args, &exit_code] {
    args->params.nthread = static_cast<int>(args->input.threads);
    exit_code = run_eval(*args);
  });
}

}  // namespace minewatch
