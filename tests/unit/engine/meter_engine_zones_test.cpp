// MeterEngine and zones interned after it was built: a stream meets new meters in new zones.
#include <gtest/gtest.h>

#include <stdexcept>

#include "minewatch/engine/meter_engine.h"
#include "unit/engine/engine_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::RecordingSink;
using minewatch::testing::ts;

TEST(MeterEngineZones, AZoneInternedLaterClosesDaysInItsOwnLocalTime) {
  ZoneTable zones;
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  const ZoneId kamchatka = zones.intern("Asia/Kamchatka");  // after the engine: UTC+12
  const MeterIndex meter = engine.add_meter(kamchatka);
  engine.apply(meter, ts("2025-01-01T11:30:00Z"), 1.0f);  // 23:30 local on 1 January
  engine.apply(meter, ts("2025-01-01T12:00:00Z"), 1.0f);  // 00:00 local on 2 January
  engine.close_all();
  ASSERT_EQ(sink.days.size(), 2u);
  EXPECT_EQ(sink.days[0].second.day + 1, sink.days[1].second.day);
}

TEST(MeterEngineZones, AZoneOutsideTheTableIsRefused) {
  ZoneTable zones;
  RecordingSink sink;
  MeterEngine engine(zones, sink);
  EXPECT_THROW(engine.add_meter(7), std::out_of_range);
  EXPECT_EQ(engine.meter_count(), 0u);
}

}  // namespace
}  // namespace minewatch
