#include "minewatch/eval/theft_eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "minewatch/eval/ranking.h"

namespace minewatch {
namespace {

template <class Keep>
RankingFigures figures_for(const std::vector<TheftEvalRow>& rows, std::size_t scorer, const Keep& keep) {
  std::vector<ScoredLabel> items;
  for (const TheftEvalRow& row : rows) {
    if (!keep(row)) continue;
    const float s = row.scores[scorer];
    items.push_back({std::isnan(s) ? 0.0 : static_cast<double>(s), row.theft});
  }
  RankingFigures f;
  for (const ScoredLabel& item : items) (item.positive ? f.positives : f.negatives) += 1;
  f.auc = roc_auc(items);
  f.average_precision = average_precision(items);
  // Ties are broken by row order, which callers keep deterministic (sorted by meter id).
  const std::vector<bool> ranked = ranked_positives(items);
  f.map100 = mean_average_precision_at(ranked, 100);
  f.map200 = mean_average_precision_at(ranked, 200);
  const PrecisionAtK p = precision_at_k(ranked, 100);
  f.precision100 = p.available ? p.precision : NAN;
  return f;
}

nlohmann::json number(double v) {
  return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}

nlohmann::json figures_json(const RankingFigures& f) {
  return {{"positives", f.positives},      {"negatives", f.negatives},
          {"roc_auc", number(f.auc)},      {"pr_auc", number(f.average_precision)},
          {"map100", number(f.map100)},    {"map200", number(f.map200)},
          {"p100", number(f.precision100)}};
}

}  // namespace

TheftEvalReport evaluate_theft(const std::vector<TheftEvalRow>& rows,
                               const std::vector<std::string>& scorers) {
  TheftEvalReport report;
  report.scorers = scorers;
  for (std::size_t s = 0; s < scorers.size(); ++s)
    report.overall.push_back(figures_for(rows, s, [](const TheftEvalRow&) { return true; }));
  std::vector<std::string> types;
  for (const TheftEvalRow& row : rows)
    if (row.theft && !row.type.empty()) types.push_back(row.type);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  for (const std::string& type : types) {
    auto& per_scorer = report.by_type[type];
    for (std::size_t s = 0; s < scorers.size(); ++s)
      per_scorer.push_back(
          figures_for(rows, s, [&](const TheftEvalRow& row) { return !row.theft || row.type == type; }));
  }
  return report;
}

std::string theft_report_text(const TheftEvalReport& report) {
  std::string out = fmt::format("{:<14} {:<9} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6}\n", "group", "scorer",
                                "thefts", "honest", "ROC", "PR-AUC", "MAP100", "MAP200", "P@100");
  const auto line = [&](const std::string& group, const std::string& scorer, const RankingFigures& f) {
    out +=
        fmt::format("{:<14} {:<9} {:>6} {:>7} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>6.2f}\n", group, scorer,
                    f.positives, f.negatives, f.auc, f.average_precision, f.map100, f.map200, f.precision100);
  };
  for (std::size_t s = 0; s < report.scorers.size(); ++s) line("all", report.scorers[s], report.overall[s]);
  for (const auto& [type, per_scorer] : report.by_type)
    for (std::size_t s = 0; s < report.scorers.size(); ++s) line(type, report.scorers[s], per_scorer[s]);
  return out;
}

nlohmann::json theft_report_json(const TheftEvalReport& report) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t s = 0; s < report.scorers.size(); ++s) {
    nlohmann::json scorer{{"all", figures_json(report.overall[s])}};
    for (const auto& [type, per_scorer] : report.by_type)
      scorer["by_type"][type] = figures_json(per_scorer[s]);
    out[report.scorers[s]] = std::move(scorer);
  }
  return out;
}

}  // namespace minewatch
