#include "minewatch/eval/tamper_eval.h"

#include <fmt/format.h>

#include <algorithm>

namespace minewatch {
namespace {

TamperEvalFigures figures(const std::vector<const TamperEvalMeter*>& meters,
                          bool (*label)(const TamperEvalMeter&)) {
  TamperEvalFigures f;
  std::vector<ScoredLabel> items;
  for (const auto* m : meters) {
    items.push_back({m->score, label(*m)});
    ++(label(*m) ? f.positives : f.negatives);
  }
  f.auc = roc_auc(items);
  f.average_precision = average_precision(items);
  std::vector<const TamperEvalMeter*> ranked = meters;
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) {
    return a->score != b->score ? a->score > b->score : a->meter_id < b->meter_id;
  });
  std::vector<bool> labels;
  for (const auto* m : ranked) labels.push_back(label(*m));
  f.p_at_100 = precision_at_k(labels, 100);
  return f;
}

std::string line(const char* name, const TamperEvalFigures& f) {
  return fmt::format("  {:<34} {:>6} {:>8}  AUC {:.3f}  AP {:.3f}  P@100 {}\n", name, f.positives,
                     f.negatives, f.auc, f.average_precision,
                     f.p_at_100.available ? fmt::format("{:.2f}", f.p_at_100.precision) : std::string("n/a"));
}

}  // namespace

TamperEvalReport evaluate_tamper(const std::vector<TamperEvalMeter>& meters, double threshold) {
  TamperEvalReport r;
  r.meters = meters.size();
  r.threshold = threshold;
  std::vector<const TamperEvalMeter*> all;
  std::vector<const TamperEvalMeter*> visible_or_clean;
  for (const auto& m : meters) {
    all.push_back(&m);
    if (m.visible || !m.tampered) visible_or_clean.push_back(&m);
    const bool flagged = m.score >= threshold;
    if (flagged) ++r.flagged;
    if (flagged && m.tampered) ++r.flagged_tampered;
    if (!m.tampered && m.has_events) {
      ++r.untampered_with_events;
      if (flagged) ++r.flagged_with_events;
    }
    if (m.benign_cover) {
      ++r.untampered_with_cover;
      if (flagged) ++r.flagged_with_cover;
    }
  }
  r.all_tampered = figures(all, [](const TamperEvalMeter& m) { return m.tampered; });
  r.visible = figures(visible_or_clean, [](const TamperEvalMeter& m) { return m.visible; });
  return r;
}

std::string format_tamper_report(const TamperEvalReport& r) {
  std::string out =
      fmt::format("tamper_score on {} meters\n  {:<34} {:>6} {:>8}\n", r.meters, "label", "pos", "neg");
  out += line("tampered (truth) vs the rest", r.all_tampered);
  out += line("tampered inside the data vs clean", r.visible);
  const auto share = [](std::size_t a, std::size_t b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
  };
  out += fmt::format("  flagged (score >= {:.2f}): {} meters, {} tampered (precision {:.3f})\n", r.threshold,
                     r.flagged, r.flagged_tampered, share(r.flagged_tampered, r.flagged));
  out += fmt::format(
      "  false positives: {} of {} untampered meters with events ({:.4f}); {} of {} with a benign "
      "cover_open ({:.4f})\n",
      r.flagged_with_events, r.untampered_with_events, share(r.flagged_with_events, r.untampered_with_events),
      r.flagged_with_cover, r.untampered_with_cover, share(r.flagged_with_cover, r.untampered_with_cover));
  return out;
}

}  // namespace minewatch
