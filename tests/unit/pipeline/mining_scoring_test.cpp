// score_mining: peers need 20 meters of a kind, the switch-on day and block come through to the assessment,
// suspects switched on together on one transformer are named as one site, and the model features are filled
// for every meter.
#include "minewatch/pipeline/mining_scoring.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/io/meter_registry.h"
#include "support/temp_dir.h"
#include "unit/detect/mining_test_support.h"

namespace minewatch {
namespace {

using namespace minewatch::testing;

// Meter i: a household; meters listed in `farms` get 4 kW of rigs from day `start` on.
std::vector<MeterScanResult> scanned(int meters, const std::vector<int>& farms, int start) {
  MiningFeatureAccumulator acc;
  acc.resize(static_cast<std::size_t>(meters));
  for (int m = 0; m < meters; ++m) {
    const bool farm = std::find(farms.begin(), farms.end(), m) != farms.end();
    for (int d = 0; d < 60; ++d) {
      const std::int64_t day = kMonday20250106 + d;
      acc.on_day(static_cast<MeterIndex>(m), hourly_day(day, [&](int h) {
                   return household_kw(day + m, h) * 0.4f + (farm && d >= start ? 4.0f : 0.0f);
                 }));
    }
  }
  std::vector<MeterScanResult> out;
  for (int m = 0; m < meters; ++m) {
    MeterScanResult r;
    r.id = "m" + std::to_string(m);
    r.features = acc.features(static_cast<MeterIndex>(m));
    r.series = acc.take_series(static_cast<MeterIndex>(m));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<const MeterScanResult*> pointers(const std::vector<MeterScanResult>& meters) {
  std::vector<const MeterScanResult*> out;
  for (const auto& m : meters) out.push_back(&m);
  return out;
}

TEST(MiningScoringTest, FewMetersHaveNoPeers) {
  const auto meters = scanned(5, {0}, 20);
  const MiningScores scores = score_mining(pointers(meters), MiningScoringOptions{});
  ASSERT_EQ(scores.assessments.size(), 5u);
  EXPECT_TRUE(std::isnan(scores.contexts[0].peer_mean_kw));
  EXPECT_EQ(scores.model_input.rows(), 5u);
  EXPECT_EQ(scores.model_input.cols(), mining_model_feature_names().size());
  // Without a model the rule decides; the farm's switch-on and block come through.
  const MiningAssessment& farm = scores.assessments[0];
  EXPECT_EQ(farm.score, farm.rule_score);
  EXPECT_EQ(scores.profiles[0].start_day, kMonday20250106 + 20);
  EXPECT_NEAR(scores.profiles[0].block_kw, 4.0f, 0.2f);
}

TEST(MiningScoringTest, PeersAndOneSiteOnATransformer) {
  const auto meters = scanned(30, {3, 7}, 25);
  TempDir dir;
  std::string csv = "meter_id,region,tariff,transformer_id\n";
  for (int m = 0; m < 30; ++m)
    csv += "m" + std::to_string(m) + ",RU-IRK,household," + (m < 10 ? "T1" : "T2") + "\n";
  ZoneTable zones;
  zones.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  const MeterRegistry registry = MeterRegistry::load(dir.write("meters.csv", csv), zones);
  MiningScoringOptions options;
  options.registry = &registry;
  options.score.suspect_threshold = 0.0f;  // every meter gets estimates and site evidence is checked on all
  const MiningScores scores = score_mining(pointers(meters), options);
  EXPECT_GT(scores.contexts[0].peer_mean_kw, 0.0f);
  EXPECT_EQ(scores.contexts[0].tariff, 0.0f);
  for (int farm : {3, 7}) {
    const MiningAssessment& a = scores.assessments[static_cast<std::size_t>(farm)];
    EXPECT_EQ(a.start_day, kMonday20250106 + 25);
    EXPECT_NE(a.reason.find("switched on with 1 other suspected meter of transformer T1"), std::string::npos)
        << a.reason;
  }
}

}  // namespace
}  // namespace minewatch
