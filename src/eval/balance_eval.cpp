#include "minewatch/eval/balance_eval.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "minewatch/core/error.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {
namespace {

constexpr const char* kUnmetered = "unmetered";

double number(std::string_view text, const InputPlace& place, double blank) {
  if (text.empty()) return blank;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v))
    throw InputError(place, "not a number", text);
  return v;
}

// "M1:0.82;M7:0.11" -> {M1, M7}
std::vector<std::string> suspect_ids(std::string_view text) {
  std::vector<std::string> ids;
  for (const std::string_view item : split_semicolon_list(text)) {
    const auto id = trim(item.substr(0, item.rfind(':')));
    if (!id.empty()) ids.emplace_back(id);
  }
  return ids;
}

RankingFigures rank(const std::vector<ScoredLabel>& items, const std::vector<std::size_t>& ks) {
  RankingFigures f;
  for (const auto& i : items) (i.positive ? f.positives : f.negatives) += 1;
  f.auc = roc_auc(items);
  f.average_precision = average_precision(items);
  const std::vector<bool> ranked = ranked_positives(items);
  for (std::size_t k : ks) f.at_k.push_back(precision_at_k(ranked, k));
  return f;
}

}  // namespace

std::vector<TransformerScore> load_transformer_scores(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader header = read_csv_header(lines, path);
  const std::size_t id = header.require("transformer_id");
  const std::size_t score = header.require("score");
  const std::size_t tap_score = header.require("tap_score");
  const std::size_t raw = header.require("raw_deficit_share");
  const std::size_t balance = header.require("balance_kwh");
  const std::size_t culprit = header.require("culprit");
  const std::size_t suspects = header.require("suspects");
  const std::size_t naive = header.require("naive_suspect");
  std::vector<TransformerScore> out;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line = 1;
  while (next_csv_row(lines, path, line, fields, unquoted)) {
    if (fields.size() < header.names.size())
      throw InputError({path, line, header.names[fields.size()]}, "missing field");
    TransformerScore t;
    t.transformer_id = std::string(trim(fields[id]));
    if (t.transformer_id.empty()) throw InputError({path, line, "transformer_id"}, "empty transformer id");
    t.score = number(trim(fields[score]), {path, line, "score"}, 0.0);
    t.tap_score = number(trim(fields[tap_score]), {path, line, "tap_score"}, 0.0);
    t.raw_deficit_share = number(trim(fields[raw]), {path, line, "raw_deficit_share"}, 0.0);
    t.balance_kwh = number(trim(fields[balance]), {path, line, "balance_kwh"}, 0.0);
    t.culprit = std::string(trim(fields[culprit]));
    t.suspects = suspect_ids(trim(fields[suspects]));
    t.naive_suspect = std::string(trim(fields[naive]));
    out.push_back(std::move(t));
  }
  return out;
}

BalanceEvalReport evaluate_balance(const std::vector<TransformerScore>& scores,
                                   const std::vector<TransformerTruth>& transformers,
                                   const std::vector<HiddenEnergyTruth>& hidden, bool has_meter_truth,
                                   const BalanceEvalOptions& options) {
  std::unordered_map<std::string_view, const TransformerTruth*> truth;
  for (const auto& t : transformers) truth.emplace(t.transformer_id, &t);
  // Per transformer: the hidden energy of its meters, and the meter that hid the most.
  struct Hidden {
    double total = 0;
    double largest = 0;
    std::string_view meter;
  };
  std::unordered_map<std::string_view, Hidden> hidden_by_transformer;
  for (const auto& h : hidden) {
    Hidden& x = hidden_by_transformer[h.transformer_id];
    x.total += h.hidden_kwh;
    if (h.hidden_kwh > x.largest) {
      x.largest = h.hidden_kwh;
      x.meter = h.meter_id;
    }
  }

  BalanceEvalReport report;
  report.has_meter_truth = has_meter_truth;
  std::vector<ScoredLabel> det_tap, base_tap, det_any, base_any;
  for (const TransformerScore& s : scores) {
    const auto it = truth.find(s.transformer_id);
    if (it == truth.end()) {
      ++report.not_in_truth;
      continue;
    }
    const TransformerTruth& t = *it->second;
    ++report.transformers;
    const bool tapped = t.tapped();
    det_tap.push_back({s.tap_score, tapped});
    base_tap.push_back({s.raw_deficit_share, tapped});
    const auto h = hidden_by_transformer.find(s.transformer_id);
    const Hidden none;
    const Hidden& x = h == hidden_by_transformer.end() ? none : h->second;
    // Without a tap_kwh column the tap's size is unknown: count a tap as the larger source.
    const double tap = std::isnan(t.tap_kwh) ? (tapped ? INFINITY : 0.0) : t.tap_kwh;
    if (has_meter_truth) {
      const bool any =
          s.balance_kwh > 0 && (std::min(tap, s.balance_kwh) + x.total) >= options.any_share * s.balance_kwh;
      det_any.push_back({s.score, any});
      base_any.push_back({s.raw_deficit_share, any});
    }

    if (s.score < options.threshold) continue;
    ++report.flagged;
    report.flagged_tapped += tapped ? 1 : 0;
    std::string_view true_culprit;
    if (tap > 0 && tap >= x.largest) {
      true_culprit = kUnmetered;
    } else if (has_meter_truth && x.largest > 0) {
      true_culprit = x.meter;
    } else {
      continue;  // no known source: nothing to judge
    }
    const bool meter = true_culprit != kUnmetered;
    const auto judge = [&](CulpritFigures& f, std::string_view named) {
      const bool right = named == true_culprit;
      ++f.judged;
      f.right += right ? 1 : 0;
      (meter ? f.meter_judged : f.unmetered_judged) += 1;
      (meter ? f.meter_right : f.unmetered_right) += right ? 1 : 0;
    };
    // The detector's first-ranked culprit: the culprit column (a meter id or "unmetered").
    judge(report.detector_culprit, s.culprit);
    judge(report.baseline_culprit, s.naive_suspect);
  }
  report.detector_tapped = rank(det_tap, options.ks);
  report.baseline_tapped = rank(base_tap, options.ks);
  if (has_meter_truth) {
    report.detector_any = rank(det_any, options.ks);
    report.baseline_any = rank(base_any, options.ks);
  }
  return report;
}

}  // namespace minewatch
