// The engine feeding the mining features directly (as a scan does): 15-minute data, local days, DST included.
#include <gtest/gtest.h>

#include "minewatch/detect/mining_features.h"
#include "minewatch/detect/mining_score.h"
#include "minewatch/engine/meter_engine.h"

namespace minewatch {
namespace {

constexpr std::int64_t k20250317 = 1742169600;  // 2025-03-17T00:00:00Z, a Monday

TEST(MiningFeaturesFromEngine, FlatLoadAcrossTheLondonSpringForward) {
  ZoneTable zones;
  const ZoneId london = zones.intern("Europe/London");
  MiningFeatureAccumulator features;
  MeterEngine engine(zones, features);
  const MeterIndex farm = engine.add_meter(london);
  const MeterIndex home = engine.add_meter(london);
  features.resize(2);
  for (std::int64_t t = k20250317; t < k20250317 + 21 * 86400; t += 900) {
    ASSERT_EQ(engine.apply(farm, {t, TimestampKind::utc}, 5.0f / 4.0f), RowProblem::none);
    const std::int64_t hour = (t / 3600) % 24;
    const float home_kw = hour >= 17 && hour < 22 ? 3.0f : (hour < 6 ? 0.2f : 0.7f);
    ASSERT_EQ(engine.apply(home, {t, TimestampKind::utc}, home_kw / 4.0f), RowProblem::none);
  }
  engine.close_all();
  const MiningFeatures f = features.features(farm);
  EXPECT_EQ(f.days_seen, 22u);      // 21 UTC days straddle 22 local days
  EXPECT_GE(f.complete_days, 20u);  // the first and last local days are partial
  EXPECT_TRUE(f.hourly_shape);
  EXPECT_NEAR(f.mean_kw, 5.0f, 0.01f);
  const MiningAssessment farm_score = assess_mining(f, MiningScoreConfig{});
  EXPECT_GE(farm_score.score, 0.9f) << farm_score.reason;
  EXPECT_NEAR(farm_score.estimated_kw, 5.0f, 0.25f);
  const MiningAssessment home_score = assess_mining(features.features(home), MiningScoreConfig{});
  EXPECT_LT(home_score.score, 0.1f) << home_score.reason;
}

TEST(MiningFeaturesFromEngine, StateIsSmallPerMeter) {
  EXPECT_LT(MiningFeatureAccumulator::state_bytes_per_meter(), 512u);
}

}  // namespace
}  // namespace minewatch
