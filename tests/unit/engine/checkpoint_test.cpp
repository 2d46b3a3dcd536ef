// A checkpoint taken mid-stream and restored into fresh objects continues exactly like the uninterrupted run.
#include <gtest/gtest.h>

#include <sstream>

#include "minewatch/detect/mining_features.h"
#include "minewatch/engine/meter_engine.h"

namespace minewatch {
namespace {

constexpr std::int64_t kStart = 1735689600;  // 2025-01-01T00:00:00Z

float reading_kwh(int meter, int i) {
  return meter == 0 ? 2.5f : 0.1f + 0.4f * static_cast<float>((i * 7919) % 13) / 13.0f;
}

void feed(MeterEngine& engine, int from, int to) {
  for (int i = from; i < to; ++i) {
    for (int m = 0; m < 3; ++m) {
      engine.apply(static_cast<MeterIndex>(m), {kStart + i * 1800, TimestampKind::utc}, reading_kwh(m, i));
    }
  }
}

TEST(Checkpoint, RestoredStateContinuesLikeTheUninterruptedRun) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  constexpr int kReadings = 48 * 20;

  MiningFeatureAccumulator straight_features;
  MeterEngine straight(zones, straight_features);
  for (int m = 0; m < 3; ++m) straight.add_meter(irkutsk);
  straight_features.resize(3);
  feed(straight, 0, kReadings);
  straight.close_all();

  MiningFeatureAccumulator first_features;
  MeterEngine first(zones, first_features);
  for (int m = 0; m < 3; ++m) first.add_meter(irkutsk);
  first_features.resize(3);
  feed(first, 0, kReadings / 2 + 5);  // stop in the middle of a day
  std::stringstream checkpoint;
  first.save_checkpoint(checkpoint);
  first_features.save_checkpoint(checkpoint);

  MiningFeatureAccumulator resumed_features;
  MeterEngine resumed(zones, resumed_features);
  resumed.load_checkpoint(checkpoint);
  resumed_features.load_checkpoint(checkpoint);
  ASSERT_EQ(resumed.meter_count(), 3u);
  feed(resumed, kReadings / 2 + 5, kReadings);
  resumed.close_all();

  for (MeterIndex m = 0; m < 3; ++m) {
    EXPECT_EQ(resumed.history(m).readings, straight.history(m).readings);
    EXPECT_EQ(resumed.history(m).days_closed, straight.history(m).days_closed);
    const MiningFeatures a = resumed_features.features(m);
    const MiningFeatures b = straight_features.features(m);
    EXPECT_EQ(a.complete_days, b.complete_days);
    EXPECT_FLOAT_EQ(a.mean_kw, b.mean_kw);
    EXPECT_FLOAT_EQ(a.base_kw, b.base_kw);
    EXPECT_FLOAT_EQ(a.peak_kw, b.peak_kw);
  }
}

TEST(Checkpoint, RefusesAnotherSectionOrATruncatedStream) {
  ZoneTable zones;
  MiningFeatureAccumulator features;
  MeterEngine engine(zones, features);
  engine.add_meter(0);
  std::stringstream checkpoint;
  features.save_checkpoint(checkpoint);  // the wrong section first
  EXPECT_THROW(engine.load_checkpoint(checkpoint), std::runtime_error);

  std::stringstream full;
  engine.save_checkpoint(full);
  const std::string bytes = full.str();
  std::stringstream truncated(bytes.substr(0, bytes.size() - 10));
  EXPECT_THROW(engine.load_checkpoint(truncated), std::runtime_error);
  EXPECT_EQ(engine.meter_count(), 1u);  // a refused checkpoint leaves the state as it was
}

}  // namespace
}  // namespace minewatch
