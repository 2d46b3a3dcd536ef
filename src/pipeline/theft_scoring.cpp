#include "minewatch/pipeline/theft_scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "minewatch/core/error.h"
#include "minewatch/detect/theft_explain.h"
#include "minewatch/learn/model_bundle.h"
#include "minewatch/pipeline/parallel_for.h"

namespace minewatch {
namespace {

constexpr std::size_t kDriversShown = 5;

// Features ranked by their contribution to the meter's log-odds, largest first (only those that raise it).
std::vector<std::size_t> rank_by_contribution(std::span<const float> contributions, std::size_t features) {
  std::vector<std::size_t> order(features);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return contributions[a] > contributions[b]; });
  while (!order.empty() && !(contributions[order.back()] > 0)) order.pop_back();
  return order;
}

}  // namespace

float theft_baseline_score(const DailySeries& series) {
  const std::size_t n = series.size(), third = n / 3;
  const auto mean = [&](std::size_t from, std::size_t to) {
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t i = from; i < to; ++i)
      if (!std::isnan(series[i].kwh)) sum += series[i].kwh, ++count;
    return count == 0 ? NAN : sum / static_cast<double>(count);
  };
  const double early = mean(0, third), late = mean(n - third, n);
  if (third == 0 || std::isnan(early) || std::isnan(late) || early <= 0) return 0;
  return static_cast<float>(std::clamp(1.0 - late / early, 0.0, 1.0));
}

TheftScores score_theft(std::span<const MeterScanResult* const> meters, const learn::ModelBundle* model,
                        unsigned threads, float explain_threshold) {
  if (model != nullptr && model->target() != "theft")
    throw InputError({"theft model", 0, "target"}, "the model is not a theft model", model->target());
  const std::size_t n = meters.size();
  std::vector<const DailySeries*> series(n);
  for (std::size_t i = 0; i < n; ++i) series[i] = &meters[i]->series;
  const PeerShape peers = build_peer_shape(series);

  const auto names = theft_feature_names();
  const std::size_t width = names.size();
  TheftScores out;
  out.features = learn::FeatureMatrix(std::vector<std::string>(names.begin(), names.end()),
                                      std::vector<float>(n * width, NAN));
  out.evidence.resize(n);
  out.assessments.resize(n);
  std::vector<std::vector<std::size_t>> ranked(n);
  parallel_for(n, threads, [&](std::size_t i) {
    const std::int32_t interval_s = meters[i]->history.interval_s;
    const bool intraday = interval_s > 0 && interval_s < 86400;
    TheftFeatureResult result = compute_theft_features(meters[i]->series, peers, intraday);
    std::copy(result.values.begin(), result.values.end(), &out.features.at(i, 0));
    out.evidence[i] = result.evidence;
    TheftAssessment& a = out.assessments[i];
    a.rule_score = theft_rule_score(result.values, &ranked[i]);
    a.score = a.rule_score;
    a.baseline = theft_baseline_score(meters[i]->series);
  });

  std::vector<std::size_t> explained;  // rows whose causes are ranked by the model's contributions
  if (model != nullptr && n > 0) {
    const std::vector<float> probabilities = model->predict(out.features);
    for (std::size_t i = 0; i < n; ++i) {
      const bool measurable = !std::isnan(out.features.at(i, 0));
      out.assessments[i].score = measurable ? probabilities[i] : 0.0f;
      ranked[i].clear();
      if (out.assessments[i].score >= explain_threshold) explained.push_back(i);
    }
  }
  if (!explained.empty()) {
    // Exact tree contributions cost about a thousand times a prediction (every path of every tree), so only
    // the rows that need words get them.
    const std::vector<float> contributions = model->contributions(out.features.select_rows(explained));
    // The model's columns are its own order; map them back to the feature list's.
    std::vector<std::size_t> to_feature;
    for (const std::string& name : model->features())
      to_feature.push_back(
          static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin()));
    const std::size_t stride = model->features().size() + 1;
    for (std::size_t k = 0; k < explained.size(); ++k) {
      const std::size_t i = explained[k];
      const auto row = std::span(contributions).subspan(k * stride, stride - 1);
      std::string& drivers = out.assessments[i].drivers;
      for (std::size_t c : rank_by_contribution(row, stride - 1)) {
        ranked[i].push_back(to_feature[c]);
        if (ranked[i].size() <= kDriversShown)
          drivers += fmt::format("{}{}:{:+.2f}", drivers.empty() ? "" : ";", model->features()[c], row[c]);
      }
    }
  }

  for (std::size_t i = 0; i < n; ++i) {
    if (out.assessments[i].score < explain_threshold) continue;
    const TheftExplanation why = explain_theft(out.evidence[i], out.features.row(i), ranked[i]);
    out.assessments[i].start_day = why.start_day;
    out.assessments[i].reason = why.reason;
  }
  return out;
}

}  // namespace minewatch
