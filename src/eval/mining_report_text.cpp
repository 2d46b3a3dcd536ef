// The plain-text report of `minewatch eval mining`.
#include <fmt/format.h>

#include <cmath>

#include "minewatch/eval/mining_report.h"
#include "minewatch/eval/utility_baseline.h"

namespace minewatch {
namespace {

// A figure with fixed decimals, or "-" when it cannot be computed (NaN).
std::string fixed(double value, int decimals = 3) {
  return std::isnan(value) ? "-" : fmt::format("{:.{}f}", value, decimals);
}

std::string percent(double fraction) {
  return std::isnan(fraction) ? "-" : fmt::format("{:.1f} %", 100 * fraction);
}

std::string precision_cell(const PrecisionAtK& p, std::size_t meters) {
  if (!p.available) return fmt::format("n/a ({} meters)", meters);
  return fmt::format("{:.3f} ({}/{})", p.precision, p.hits, p.k);
}

void add_header(std::string& out, const MiningEvalReport& r, const MiningEvalContext& c) {
  const JoinCounts& j = c.join;
  out += fmt::format("minewatch eval mining: {} truth meters ({} mining, {} not), threshold {:.2f}\n",
                     r.meters, r.positives, r.negatives, r.threshold);
  std::string readings;
  for (const auto& file : c.readings) readings += (readings.empty() ? "" : ", ") + file;
  out += fmt::format("  readings {}; meters {}; events {}; truth {}; config {}\n", readings, c.meters,
                     c.events.empty() ? "-" : c.events, c.truth, c.config.empty() ? "(built in)" : c.config);
  out += fmt::format(
      "  scan: {} meters, {} readings accepted, {} rejected; {} truth meters not in the scan (score 0), {} "
      "with no readings; {} scanned meters not in the truth (ignored)\n",
      j.scanned, c.readings_accepted, c.rows_rejected, j.truth_not_in_scan, j.truth_without_readings,
      j.scanned_not_in_truth);
}

void add_ranking(std::string& out, const MiningEvalReport& r) {
  out += fmt::format("\n{:<26} | {:>18} | {:>18}\n", "metric", "minewatch", "baseline");
  out += fmt::format("{:-<26}-+-{:-<18}-+-{:-<18}\n", "", "", "");
  const auto row = [&](std::string_view name, const std::string& ours, const std::string& base) {
    out += fmt::format("{:<26} | {:>18} | {:>18}\n", name, ours, base);
  };
  row("ROC AUC", fixed(r.ours.auc), fixed(r.baseline.auc));
  row("average precision", fixed(r.ours.average_precision), fixed(r.baseline.average_precision));
  for (std::size_t i = 0; i < r.ours.precision_at.size(); ++i) {
    row(fmt::format("precision@{}", r.ours.precision_at[i].k),
        precision_cell(r.ours.precision_at[i], r.meters),
        precision_cell(r.baseline.precision_at[i], r.meters));
  }
  for (std::size_t i = 0; i < r.ours.map_at.size(); ++i) {
    row(fmt::format("MAP@{}", r.ours.map_at[i].first), fixed(r.ours.map_at[i].second),
        fixed(r.baseline.map_at[i].second));
  }
  row("flagged", fmt::format("{}", r.ours.flagged), fmt::format("{}", r.baseline.flagged));
  row("recall when flagged", fixed(r.ours.recall), fixed(r.baseline.recall));
  row("precision when flagged", fixed(r.ours.precision), fixed(r.baseline.precision));
  out += fmt::format(
      "(flagged: minewatch score >= {:.2f}; baseline load factor >= {:.1f} and mean >= {:.1f} kW)\n",
      r.threshold, kBaselineMinLoadFactor, kBaselineMinMeanKw);
}

std::string day_line(const DayErrorSummary& d) {
  return fmt::format(
      "{} inside the data, {} estimated, {} no estimate; median |error| {} days, within ±{} days {}",
      d.eligible, d.estimated, d.no_estimate, fixed(d.median_abs_days, 1), kDayTolerance,
      percent(d.share_within));
}

void add_estimates(std::string& out, const MiningEvalReport& r) {
  out += fmt::format("\nestimates (mining meters flagged at the threshold)\n");
  out += fmt::format("  kW:        {} estimated, {} no estimate; median abs. error {}, within {:.0f} %: {}\n",
                     r.kw.estimated, r.kw.no_estimate, percent(r.kw.median_ape), 100 * kKwTolerance,
                     percent(r.kw.share_within));
  out += fmt::format("  rigs:      {} compared, exact {}\n", r.rigs.compared, percent(r.rigs.share_exact));
  out += fmt::format("  start day: {}\n", day_line(r.start));
  out += fmt::format("  end day:   {}\n", day_line(r.end));
}

void add_reliability(std::string& out, const MiningEvalReport& r) {
  out += fmt::format("\nreliability of the minewatch score: Brier {}, expected calibration error {}\n",
                     fixed(r.calibration.brier, 4), fixed(r.calibration.ece, 4));
  out += fmt::format("  {:<9} {:>7} {:>11} {:>13}\n", "score", "meters", "mean score", "mining share");
  for (const auto& b : r.calibration.bins) {
    out += fmt::format("  {:.1f}-{:.1f}   {:>7} {:>11} {:>13}\n", b.lower, b.upper, b.count,
                       fixed(b.mean_score), fixed(b.positive_rate));
  }
}

void add_classes(std::string& out, const MiningEvalReport& r) {
  out += fmt::format("\nby class (top {} = the first {} of each ranking; base = baseline)\n", r.class_top_k,
                     r.class_top_k);
  out += fmt::format("  {:<20} {:>7} {:>7} {:>8} {:>13} {:>7} {:>9} {:>11}\n", "class", "meters", "mining",
                     "flagged", "base flagged", "top", "base top", "mean score");
  for (const auto& c : r.classes) {
    out += fmt::format("  {:<20} {:>7} {:>7} {:>8} {:>13} {:>7} {:>9} {:>11}\n", c.name, c.count, c.positives,
                       c.flagged, c.baseline_flagged, c.in_top, c.baseline_in_top, fixed(c.mean_score));
  }
}

void add_groups(std::string& out, const std::vector<PositiveGroupRow>& rows, std::string_view what,
                std::size_t positives) {
  out += fmt::format("\nmining meters by {} (top P = the first {} of the ranking)\n", what, positives);
  out += fmt::format("  {:<20} {:>7} {:>8} {:>12} {:>12} {:>14} {:>14}\n", what, "meters", "recall",
                     "recall top P", "base recall", "kW median err", "kW within 10%");
  for (const auto& g : rows) {
    out += fmt::format("  {:<20} {:>7} {:>8} {:>12} {:>12} {:>14} {:>14}\n", g.name, g.count, fixed(g.recall),
                       fixed(g.recall_top_p), fixed(g.baseline_recall), percent(g.kw.median_ape),
                       percent(g.kw.share_within));
  }
}

}  // namespace

std::string format_mining_report(const MiningEvalReport& report, const MiningEvalContext& context) {
  std::string out;
  add_header(out, report, context);
  add_ranking(out, report);
  add_estimates(out, report);
  add_reliability(out, report);
  add_classes(out, report);
  add_groups(out, report.disguises, "disguise", report.positives);
  add_groups(out, report.behaviours, "behaviour", report.positives);
  return out;
}

}  // namespace minewatch
