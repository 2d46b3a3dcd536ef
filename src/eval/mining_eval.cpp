#include "minewatch/eval/mining_eval.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace minewatch {
namespace {

// Groups print in this order (the simulator's documented values); values the truth adds come after, sorted.
const std::vector<std::string> kClassOrder = {
    "household",         "household_electric", "holiday_home", "business",
    "cold_store",        "greenhouse",         "pump",         "bakery",
    "server_room",       "ai_datacentre",      "mining_home",  "mining_garage",
    "mining_industrial", "mining_aidc"};
const std::vector<std::string> kDisguiseOrder = {"none", "mixed", "capped", "night_only", "split", "heater"};
const std::vector<std::string> kBehaviourOrder = {
    "start_step", "growth", "stop", "curtail_peak", "seasonal_stop", "seasonal_violation", "banned_region"};

std::vector<std::string> ordered_names(const std::vector<std::string>& preferred,
                                       const std::vector<std::string>& present) {
  std::vector<std::string> out;
  for (const auto& name : preferred) {
    if (std::find(present.begin(), present.end(), name) != present.end()) out.push_back(name);
  }
  std::vector<std::string> others;
  for (const auto& name : present) {
    if (std::find(preferred.begin(), preferred.end(), name) == preferred.end() &&
        std::find(others.begin(), others.end(), name) == others.end())
      others.push_back(name);
  }
  std::sort(others.begin(), others.end());
  out.insert(out.end(), others.begin(), others.end());
  return out;
}

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? NAN : static_cast<double>(part) / static_cast<double>(whole);
}

bool flagged(const EvalMeter& m, double threshold, bool baseline) {
  return baseline ? m.baseline_flagged : m.score >= threshold;
}

// Ranks of every meter (0 = first) in one ranking.
std::vector<std::size_t> ranks_of(const std::vector<std::size_t>& order) {
  std::vector<std::size_t> rank(order.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  return rank;
}

RankingSummary summarize_ranking(const std::vector<EvalMeter>& meters, const std::vector<std::size_t>& order,
                                 const MiningEvalOptions& options, bool baseline) {
  RankingSummary out;
  std::vector<ScoredLabel> scored;
  scored.reserve(meters.size());
  std::size_t positives = 0;
  for (const auto& m : meters) {
    scored.push_back({baseline ? m.baseline_score : m.score, m.positive});
    positives += m.positive ? 1 : 0;
    if (flagged(m, options.threshold, baseline)) {
      ++out.flagged;
      out.flagged_positives += m.positive ? 1 : 0;
    }
  }
  out.auc = roc_auc(scored);
  out.average_precision = average_precision(scored);
  std::vector<bool> ranked_positive;
  ranked_positive.reserve(order.size());
  for (auto i : order) ranked_positive.push_back(meters[i].positive);
  for (auto k : options.precision_ks) out.precision_at.push_back(precision_at_k(ranked_positive, k));
  for (auto n : options.map_ns) out.map_at.emplace_back(n, mean_average_precision_at(ranked_positive, n));
  out.recall = share(out.flagged_positives, positives);
  out.precision = share(out.flagged_positives, out.flagged);
  return out;
}

std::vector<ClassRow> summarize_classes(const std::vector<EvalMeter>& meters,
                                        const std::vector<std::size_t>& rank,
                                        const std::vector<std::size_t>& baseline_rank,
                                        const MiningEvalOptions& options) {
  std::vector<std::string> present;
  for (const auto& m : meters) present.push_back(m.meter_class);
  std::sort(present.begin(), present.end());
  present.erase(std::unique(present.begin(), present.end()), present.end());
  std::vector<ClassRow> rows;
  for (const auto& name : ordered_names(kClassOrder, present)) {
    ClassRow row;
    row.name = name;
    double score_sum = 0;
    for (std::size_t i = 0; i < meters.size(); ++i) {
      const EvalMeter& m = meters[i];
      if (m.meter_class != name) continue;
      ++row.count;
      row.positives += m.positive ? 1 : 0;
      row.flagged += flagged(m, options.threshold, false) ? 1 : 0;
      row.baseline_flagged += m.baseline_flagged ? 1 : 0;
      row.in_top += rank[i] < options.class_top_k ? 1 : 0;
      row.baseline_in_top += baseline_rank[i] < options.class_top_k ? 1 : 0;
      score_sum += m.score;
    }
    row.mean_score = score_sum / static_cast<double>(row.count);
    rows.push_back(row);
  }
  return rows;
}

KwPair kw_pair(const EvalMeter& m) {
  return {m.est_kw, m.true_kw};
}

// One row per value of `key` among the positives (a meter may belong to several: behaviour tags).
template <typename KeysOf>
std::vector<PositiveGroupRow> summarize_positive_groups(
    const std::vector<EvalMeter>& meters, const std::vector<std::size_t>& rank, std::size_t positives,
    const MiningEvalOptions& options, const std::vector<std::string>& preferred, KeysOf keys_of) {
  std::vector<std::string> present;
  for (const auto& m : meters) {
    if (!m.positive) continue;
    for (const auto& key : keys_of(m)) present.push_back(key);
  }
  std::vector<PositiveGroupRow> rows;
  for (const auto& name : ordered_names(preferred, present)) {
    PositiveGroupRow row;
    row.name = name;
    std::size_t detected = 0;
    std::size_t in_top = 0;
    std::size_t baseline_detected = 0;
    std::vector<KwPair> kw;
    for (std::size_t i = 0; i < meters.size(); ++i) {
      const EvalMeter& m = meters[i];
      if (!m.positive) continue;
      const auto keys = keys_of(m);
      if (std::find(keys.begin(), keys.end(), name) == keys.end()) continue;
      ++row.count;
      in_top += rank[i] < positives ? 1 : 0;
      baseline_detected += m.baseline_flagged ? 1 : 0;
      if (flagged(m, options.threshold, false)) {
        ++detected;
        kw.push_back(kw_pair(m));
      }
    }
    row.recall = share(detected, row.count);
    row.recall_top_p = share(in_top, row.count);
    row.baseline_recall = share(baseline_detected, row.count);
    row.kw = summarize_kw_errors(kw);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::vector<std::size_t> ranking_order(const std::vector<EvalMeter>& meters, bool baseline) {
  std::vector<std::size_t> order(meters.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double sa = baseline ? meters[a].baseline_score : meters[a].score;
    const double sb = baseline ? meters[b].baseline_score : meters[b].score;
    if (sa != sb) return sa > sb;
    return meters[a].id < meters[b].id;
  });
  return order;
}

MiningEvalReport evaluate_mining(const std::vector<EvalMeter>& meters, const MiningEvalOptions& options) {
  MiningEvalReport report;
  report.threshold = options.threshold;
  report.class_top_k = options.class_top_k;
  report.meters = meters.size();
  for (const auto& m : meters) report.positives += m.positive ? 1 : 0;
  report.negatives = report.meters - report.positives;

  const auto order = ranking_order(meters, false);
  const auto baseline_order = ranking_order(meters, true);
  report.ours = summarize_ranking(meters, order, options, false);
  report.baseline = summarize_ranking(meters, baseline_order, options, true);

  std::vector<ScoredLabel> scored;
  scored.reserve(meters.size());
  for (const auto& m : meters) scored.push_back({m.score, m.positive});
  report.calibration = calibration(scored);

  // Estimates are judged on the detected positives only: a missed farm has no estimate to judge.
  std::vector<KwPair> kw;
  std::vector<DayPair> starts;
  std::vector<DayPair> ends;
  for (const auto& m : meters) {
    if (!m.positive || !flagged(m, options.threshold, false)) continue;
    kw.push_back(kw_pair(m));
    if (m.rig_count > 0 && m.true_rig_count > 0) {
      ++report.rigs.compared;
      report.rigs.exact += m.rig_count == m.true_rig_count ? 1 : 0;
    }
    if (m.start_in_data) starts.push_back({m.est_start, m.true_start});
    if (m.end_in_data) ends.push_back({m.est_end, m.true_end});
  }
  report.kw = summarize_kw_errors(kw);
  report.rigs.share_exact = share(report.rigs.exact, report.rigs.compared);
  report.start = summarize_day_errors(starts);
  report.end = summarize_day_errors(ends);

  const auto rank = ranks_of(order);
  report.classes = summarize_classes(meters, rank, ranks_of(baseline_order), options);
  report.disguises = summarize_positive_groups(
      meters, rank, report.positives, options, kDisguiseOrder, [](const EvalMeter& m) {
        return std::vector<std::string>{m.disguise.empty() ? "(blank)" : m.disguise};
      });
  report.behaviours = summarize_positive_groups(meters, rank, report.positives, options, kBehaviourOrder,
                                                [](const EvalMeter& m) { return m.behaviour; });
  return report;
}

}  // namespace minewatch
