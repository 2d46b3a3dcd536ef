// The files of `minewatch eval mining --out DIR`: eval_mining.json and scored_meters.csv.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "minewatch/core/timestamp.h"
#include "minewatch/detect/mining_score.h"
#include "minewatch/eval/mining_report.h"
#include "minewatch/eval/utility_baseline.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/io/csv_header.h"

namespace minewatch {
namespace {

using Json = nlohmann::ordered_json;

// NaN ("cannot be computed") is null, never a made-up number.
Json number(double value) {
  return std::isnan(value) ? Json() : Json(value);
}

Json text_or_null(const std::string& text) {
  return text.empty() ? Json() : Json(text);
}

Json ranking_json(const RankingSummary& r) {
  Json precision = Json::array();
  for (const auto& p : r.precision_at) {
    precision.push_back({{"k", p.k},
                         {"available", p.available},
                         {"hits", p.available ? Json(p.hits) : Json()},
                         {"precision", p.available ? number(p.precision) : Json()}});
  }
  Json map = Json::array();
  for (const auto& [n, value] : r.map_at) map.push_back({{"n", n}, {"map", number(value)}});
  return {{"roc_auc", number(r.auc)},
          {"average_precision", number(r.average_precision)},
          {"precision_at_k", precision},
          {"map_at_n", map},
          {"flagged", r.flagged},
          {"flagged_positives", r.flagged_positives},
          {"recall_when_flagged", number(r.recall)},
          {"precision_when_flagged", number(r.precision)}};
}

Json kw_json(const KwErrorSummary& kw) {
  return {{"estimated", kw.estimated},
          {"no_estimate", kw.no_estimate},
          {"median_abs_pct_error", number(kw.median_ape)},
          {"share_within_10pct", number(kw.share_within)}};
}

Json day_json(const DayErrorSummary& d) {
  return {{"eligible", d.eligible},
          {"estimated", d.estimated},
          {"no_estimate", d.no_estimate},
          {"median_abs_days", number(d.median_abs_days)},
          {"share_within_2_days", number(d.share_within)}};
}

Json groups_json(const std::vector<PositiveGroupRow>& rows) {
  Json out = Json::array();
  for (const auto& g : rows) {
    out.push_back({{"name", g.name},
                   {"count", g.count},
                   {"recall", number(g.recall)},
                   {"recall_top_p", number(g.recall_top_p)},
                   {"baseline_recall", number(g.baseline_recall)},
                   {"kw", kw_json(g.kw)}});
  }
  return out;
}

std::string csv_number(double value, int decimals) {
  return std::isnan(value) ? std::string() : fmt::format("{:.{}f}", value, decimals);
}

std::string csv_day(std::int64_t day) {
  return day == kNoDay ? std::string() : format_day(day);
}

std::string csv_count(int count) {
  return count > 0 ? std::to_string(count) : std::string();
}

}  // namespace

void write_mining_report_json(const std::string& path, const MiningEvalReport& r,
                              const MiningEvalContext& c) {
  Json j;
  j["tool"] = "minewatch eval mining";
  j["inputs"] = {{"readings", c.readings},
                 {"meters", text_or_null(c.meters)},
                 {"events", text_or_null(c.events)},
                 {"truth", c.truth},
                 {"config", text_or_null(c.config)}};
  j["threshold"] = r.threshold;
  j["counts"] = {{"truth_meters", r.meters},
                 {"positives", r.positives},
                 {"negatives", r.negatives},
                 {"scanned_meters", c.join.scanned},
                 {"scanned_not_in_truth", c.join.scanned_not_in_truth},
                 {"truth_not_in_scan", c.join.truth_not_in_scan},
                 {"truth_without_readings", c.join.truth_without_readings},
                 {"readings_accepted", c.readings_accepted},
                 {"rows_rejected", c.rows_rejected}};
  j["baseline"] = {{"rule", "load_factor >= min_load_factor and mean_kw >= min_mean_kw"},
                   {"min_load_factor", kBaselineMinLoadFactor},
                   {"min_mean_kw", kBaselineMinMeanKw}};
  j["ranking"] = {{"minewatch", ranking_json(r.ours)}, {"baseline", ranking_json(r.baseline)}};
  Json bins = Json::array();
  for (const auto& b : r.calibration.bins) {
    bins.push_back({{"lower", b.lower},
                    {"upper", b.upper},
                    {"count", b.count},
                    {"mean_score", number(b.mean_score)},
                    {"positive_rate", number(b.positive_rate)}});
  }
  j["calibration"] = {
      {"brier", number(r.calibration.brier)}, {"ece", number(r.calibration.ece)}, {"bins", bins}};
  j["estimates"] = {
      {"kw", kw_json(r.kw)},
      {"rigs",
       {{"compared", r.rigs.compared}, {"exact", r.rigs.exact}, {"share_exact", number(r.rigs.share_exact)}}},
      {"start_day", day_json(r.start)},
      {"end_day", day_json(r.end)}};
  Json classes = Json::array();
  for (const auto& cl : r.classes) {
    classes.push_back({{"class", cl.name},
                       {"count", cl.count},
                       {"positives", cl.positives},
                       {"flagged", cl.flagged},
                       {"baseline_flagged", cl.baseline_flagged},
                       {"in_top", cl.in_top},
                       {"baseline_in_top", cl.baseline_in_top},
                       {"mean_score", number(cl.mean_score)}});
  }
  j["classes"] = {{"top_k", r.class_top_k}, {"rows", classes}};
  j["disguises"] = groups_json(r.disguises);
  j["behaviours"] = groups_json(r.behaviours);

  AtomicFile file(path);
  file.write(j.dump(2));
  file.write("\n");
  file.commit();
}

void write_scored_meters_csv(const std::string& path, const std::vector<EvalMeter>& meters) {
  AtomicFile file(path);
  file.write(
      "meter_id,label,class,disguise,behaviour,score,baseline_score,est_kw,true_kw,est_start,true_start,"
      "est_end,true_end,rig_count,true_rig_count\n");
  std::string behaviour;
  for (const auto i : ranking_order(meters, false)) {
    const EvalMeter& m = meters[i];
    behaviour.clear();
    for (const auto& tag : m.behaviour) behaviour += (behaviour.empty() ? "" : ";") + tag;
    file.write(fmt::format(
        "{},{},{},{},{},{:.4f},{:.4f},{},{},{},{},{},{},{},{}\n", csv_quoted(m.id), m.positive ? 1 : 0,
        csv_quoted(m.meter_class), csv_quoted(m.disguise), csv_quoted(behaviour), m.score, m.baseline_score,
        csv_number(m.est_kw, 2), csv_number(m.true_kw, 3), csv_day(m.est_start), csv_day(m.true_start),
        csv_day(m.est_end), csv_day(m.true_end), csv_count(m.rig_count), csv_count(m.true_rig_count)));
  }
  file.commit();
}

}  // namespace minewatch
