#include "minewatch/pipeline/mining_scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include "minewatch/io/meter_registry.h"
#include "minewatch/io/weather_table.h"
#include "minewatch/learn/model_bundle.h"
#include "minewatch/pipeline/parallel_for.h"

namespace minewatch {
namespace {

// Fewer meters than this do not make a peer group: fall back to the tariff, then to everyone.
constexpr std::size_t kMinPeers = 20;

float median(std::vector<float> values) {
  return median_present(values);
}

struct PeerFigures {
  float mean_kw = NAN;
  float night_kw = NAN;
};

struct PeerGroups {
  std::unordered_map<std::string, PeerFigures> by_region_tariff;
  std::unordered_map<std::string, PeerFigures> by_tariff;
  PeerFigures everyone;
};

PeerGroups peer_groups(std::span<const MeterScanResult* const> meters,
                       const std::vector<const MeterInfo*>& infos, const std::vector<float>& night_lows) {
  std::unordered_map<std::string, std::pair<std::vector<float>, std::vector<float>>> region_tariff;
  std::unordered_map<std::string, std::pair<std::vector<float>, std::vector<float>>> tariff;
  std::pair<std::vector<float>, std::vector<float>> all;
  for (std::size_t i = 0; i < meters.size(); ++i) {
    const float mean = meters[i]->features.mean_kw;
    if (std::isnan(mean)) continue;
    const auto add = [&](auto& group) {
      group.first.push_back(mean);
      group.second.push_back(night_lows[i]);
    };
    add(all);
    if (infos[i] != nullptr) {
      add(region_tariff[infos[i]->region + "|" + infos[i]->tariff]);
      add(tariff[infos[i]->tariff]);
    }
  }
  PeerGroups groups;
  const auto figures = [](auto& group) { return PeerFigures{median(group.first), median(group.second)}; };
  for (auto& [key, group] : region_tariff)
    if (group.first.size() >= kMinPeers) groups.by_region_tariff[key] = figures(group);
  for (auto& [key, group] : tariff)
    if (group.first.size() >= kMinPeers) groups.by_tariff[key] = figures(group);
  // A handful of meters (a test file, one business park) says nothing about what is ordinary.
  if (all.first.size() >= kMinPeers) groups.everyone = figures(all);
  return groups;
}

// Farms split over several meters (to stay under each connection's limit) show as suspects on one
// transformer switched on the same day: say so, so that a crew visits the site once.
void add_site_evidence(const std::vector<const MeterInfo*>& infos, float threshold,
                       std::vector<MiningAssessment>& assessments) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_transformer;
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    if (assessments[i].score >= threshold && infos[i] != nullptr && !infos[i]->transformer_id.empty())
      by_transformer[infos[i]->transformer_id].push_back(i);
  }
  for (const auto& [transformer, members] : by_transformer) {
    if (members.size() < 2) continue;
    for (std::size_t i : members) {
      MiningAssessment& a = assessments[i];
      std::size_t same_day = 0;
      for (std::size_t j : members) {
        const MiningAssessment& b = assessments[j];
        if (j != i && a.start_day != kNoDay && b.start_day != kNoDay &&
            std::llabs(a.start_day - b.start_day) <= 1)
          ++same_day;
      }
      if (same_day > 0) {
        a.reason += fmt::format("; switched on with {} other suspected meter{} of transformer {}", same_day,
                                same_day == 1 ? "" : "s", transformer);
      } else {
        a.reason += fmt::format("; {} other suspected meter{} on transformer {}", members.size() - 1,
                                members.size() == 2 ? "" : "s", transformer);
      }
    }
  }
}

}  // namespace

MiningScores score_mining(std::span<const MeterScanResult* const> meters,
                          const MiningScoringOptions& options) {
  const std::size_t n = meters.size();
  std::vector<const MeterInfo*> infos(n, nullptr);
  std::vector<float> night_lows(n, NAN);
  for (std::size_t i = 0; i < n; ++i) {
    if (options.registry != nullptr) infos[i] = options.registry->find(meters[i]->id);
    std::vector<float> night;
    night.reserve(meters[i]->series.size());
    for (const DaySummary& d : meters[i]->series.days()) night.push_back(d.night_low_kw);
    night_lows[i] = median_present(night);
  }
  const PeerGroups groups = peer_groups(meters, infos, night_lows);

  MiningScores out;
  out.profiles.resize(n);
  out.contexts.resize(n);
  out.assessments.resize(n);
  std::vector<char> region_grouped(n, 0);  // compared with peers of its tariff and region (not only tariff)
  const auto names = mining_model_feature_names();
  out.model_input = learn::FeatureMatrix(std::vector<std::string>(names.begin(), names.end()),
                                         std::vector<float>(n * names.size(), NAN));
  parallel_for(n, options.threads, [&](std::size_t i) {
    const MeterScanResult& meter = *meters[i];
    MiningContext& context = out.contexts[i];
    PeerFigures peers = groups.everyone;
    if (const MeterInfo* info = infos[i]) {
      context.contract_kw = info->contract_kw;
      context.tariff = tariff_code(info->tariff);
      if (auto it = groups.by_region_tariff.find(info->region + "|" + info->tariff);
          it != groups.by_region_tariff.end()) {
        peers = it->second;
        region_grouped[i] = 1;
      } else if (auto t = groups.by_tariff.find(info->tariff); t != groups.by_tariff.end()) {
        peers = t->second;
      }
    }
    context.peer_mean_kw = peers.mean_kw;
    context.peer_night_kw = peers.night_kw;
    std::vector<float> temps;
    if (options.weather != nullptr && infos[i] != nullptr && !meter.series.empty())
      temps = options.weather->temperatures(infos[i]->region, meter.series.first_day(), meter.series.size());
    out.profiles[i] = profile_mining(meter.series, temps, peers.night_kw, options.profile);
    out.assessments[i] = rule_assessment(meter.features, options.score);
    fill_mining_model_features(meter.features, out.profiles[i], context,
                               std::span<float>(&out.model_input.at(i, 0), names.size()));
  });

  if (options.model != nullptr && n > 0) {
    const std::vector<float> probabilities = options.model->predict(out.model_input);
    for (std::size_t i = 0; i < n; ++i) {
      // A meter with no complete day has no evidence either way.
      out.assessments[i].score = meters[i]->features.complete_days == 0 ? 0.0f : probabilities[i];
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    MiningPeers peers;
    if (const MeterInfo* info = infos[i]) {
      peers.tariff = info->tariff;
      if (region_grouped[i] != 0) peers.region = info->region;
    }
    explain_mining(meters[i]->features, out.profiles[i], out.contexts[i], peers, options.score,
                   out.assessments[i]);
  }
  add_site_evidence(infos, options.score.suspect_threshold, out.assessments);
  return out;
}

}  // namespace minewatch
