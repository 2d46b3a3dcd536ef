// The plain-text report and eval_balance.json of `minewatch eval balance` (declared in eval/balance_eval.h).
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "minewatch/eval/balance_eval.h"
#include "minewatch/io/atomic_file.h"

namespace minewatch {
namespace {

using Json = nlohmann::ordered_json;

std::string figure(double v) {
  return std::isnan(v) ? "n/a" : fmt::format("{:.3f}", v);
}

std::string share(std::size_t right, std::size_t judged) {
  return judged == 0 ? "n/a"
                     : fmt::format("{:.2f} ({}/{})", static_cast<double>(right) / static_cast<double>(judged),
                                   right, judged);
}

std::string ranking_line(const char* name, const RankingFigures& f) {
  std::string text = fmt::format("  {:<34} AUC {}  AP {}", name, figure(f.auc), figure(f.average_precision));
  for (const auto& p : f.at_k)
    text += p.available ? fmt::format("  P@{} {:.2f}", p.k, p.precision) : fmt::format("  P@{} n/a", p.k);
  return text + "\n";
}

Json json_number(double v) {
  return std::isnan(v) ? Json(nullptr) : Json(v);
}

Json ranking_json(const RankingFigures& f) {
  Json at_k = Json::object();
  for (const auto& p : f.at_k) at_k[fmt::format("{}", p.k)] = p.available ? Json(p.precision) : Json(nullptr);
  return {{"positives", f.positives},
          {"negatives", f.negatives},
          {"roc_auc", json_number(f.auc)},
          {"average_precision", json_number(f.average_precision)},
          {"precision_at_k", at_k}};
}

Json culprit_json(const CulpritFigures& f) {
  const auto rate = [](std::size_t r, std::size_t j) {
    return j == 0 ? Json(nullptr) : Json(static_cast<double>(r) / static_cast<double>(j));
  };
  return {{"judged", f.judged},
          {"right", f.right},
          {"first_right_share", rate(f.right, f.judged)},
          {"meter_judged", f.meter_judged},
          {"meter_right", f.meter_right},
          {"unmetered_judged", f.unmetered_judged},
          {"unmetered_right", f.unmetered_right}};
}

}  // namespace

std::string format_balance_report(const BalanceEvalReport& r, const BalanceEvalOptions& options) {
  std::string text = fmt::format(
      "minewatch eval balance: {} transformers ({} tapped), {} flagged (score >= {:.2f}, {} of them "
      "tapped)\n",
      r.transformers, r.detector_tapped.positives, r.flagged, options.threshold, r.flagged_tapped);
  if (r.not_in_truth > 0)
    text += fmt::format("  ({} transformers of the scan are not in the truth: ignored)\n", r.not_in_truth);
  text += "\nranking, label: a tap drew energy in the window\n";
  text += ranking_line("detector (tap_score)", r.detector_tapped);
  text += ranking_line("baseline (raw deficit share)", r.baseline_tapped);
  if (r.has_meter_truth) {
    text += fmt::format("\nranking, label: tap + hidden energy >= {:.0f}% of the feed ({} of {})\n",
                        100 * options.any_share, r.detector_any.positives,
                        r.detector_any.positives + r.detector_any.negatives);
    text += ranking_line("detector (score)", r.detector_any);
    text += ranking_line("baseline (raw deficit share)", r.baseline_any);
  }
  text += "\nculprit ranked first, flagged transformers with a known culprit (the largest source)\n";
  const auto culprit = [&](const char* name, const CulpritFigures& f) {
    text += fmt::format("  {:<34} all {}  meter culprits {}  taps {}\n", name, share(f.right, f.judged),
                        share(f.meter_right, f.meter_judged), share(f.unmetered_right, f.unmetered_judged));
  };
  culprit("detector (culprit column)", r.detector_culprit);
  culprit("baseline (largest-drop meter)", r.baseline_culprit);
  if (!r.has_meter_truth) text += "  (without --truth only taps are known culprits)\n";
  return text;
}

void write_balance_report_json(const std::string& path, const BalanceEvalReport& r,
                               const BalanceEvalOptions& options) {
  Json j = {{"transformers", r.transformers},
            {"not_in_truth", r.not_in_truth},
            {"threshold", options.threshold},
            {"flagged", r.flagged},
            {"flagged_tapped", r.flagged_tapped},
            {"tapped",
             {{"detector", ranking_json(r.detector_tapped)}, {"baseline", ranking_json(r.baseline_tapped)}}}};
  if (r.has_meter_truth) {
    j["unaccounted"] = {{"min_share", options.any_share},
                        {"detector", ranking_json(r.detector_any)},
                        {"baseline", ranking_json(r.baseline_any)}};
  }
  j["culprit"] = {{"detector", culprit_json(r.detector_culprit)},
                  {"baseline", culprit_json(r.baseline_culprit)}};
  AtomicFile file(path);
  file.write(j.dump(2) + "\n");
  file.commit();
}

}  // namespace minewatch
