// ZoneTable: interning IANA zones, and the region table (ISO 3166-2 code -> zone) with its errors.
#include "minewatch/core/time_zone.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

const std::string kShippedRegions = std::string(MINEWATCH_DATA_DIR) + "/regions.csv";

TEST(ZoneTable, StartsWithUtcAsZoneZero) {
  ZoneTable zones;
  EXPECT_EQ(zones.size(), 1u);
  EXPECT_EQ(zones.name(0), "UTC");
  EXPECT_EQ(zones.zone(0), nullptr);
  EXPECT_EQ(zones.intern("UTC"), 0);
  EXPECT_EQ(zones.intern("Etc/UTC"), 0);
  EXPECT_EQ(zones.size(), 1u);
}

TEST(ZoneTable, InternsEachZoneOnce) {
  ZoneTable zones;
  const ZoneId irkutsk = zones.intern("Asia/Irkutsk");
  const ZoneId london = zones.intern("Europe/London");
  EXPECT_NE(irkutsk, 0);
  EXPECT_NE(irkutsk, london);
  EXPECT_EQ(zones.intern("Asia/Irkutsk"), irkutsk);
  EXPECT_EQ(zones.name(irkutsk), "Asia/Irkutsk");
  EXPECT_NE(zones.zone(irkutsk), nullptr);
  EXPECT_EQ(zones.size(), 3u);
}

TEST(ZoneTable, UnknownZoneIsAnInputErrorNamingThePlace) {
  ZoneTable zones;
  try {
    zones.intern("Mars/Olympus_Mons", {"meters.csv", 7, "tz"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "meters.csv:7: field 'tz': unknown IANA time zone: 'Mars/Olympus_Mons'");
    EXPECT_EQ(e.place().field, "tz");
    EXPECT_EQ(e.place().line, 7u);
  }
  EXPECT_EQ(zones.size(), 1u);
}

TEST(ZoneTable, ShippedRegionsCoverRussiasElevenZones) {
  ZoneTable zones;
  zones.load_regions(kShippedRegions);
  // From Kaliningrad (UTC+2) to Kamchatka (UTC+12), on a winter day (Russia keeps no DST).
  const std::vector<std::pair<const char*, int>> regions = {
      {"RU-KGD", 2}, {"RU-MOW", 3}, {"RU-SAM", 4},  {"RU-SVE", 5},  {"RU-OMS", 6}, {"RU-KYA", 7},
      {"RU-IRK", 8}, {"RU-SA", 9},  {"RU-PRI", 10}, {"RU-MAG", 11}, {"RU-KAM", 12}};
  const std::int64_t noon_utc = 1735689600 + 12 * 3600;  // 2025-01-01T12:00Z
  for (const auto& [region, hours] : regions) {
    ZoneId id = 0;
    ASSERT_TRUE(zones.region_zone(region, id)) << region;
    ZoneClock clock(zones.zone(id));
    EXPECT_EQ(clock.offset_at(noon_utc), hours * 3600) << region;
    // Local midnight of 2025-01-02 is at 24 - hours o'clock UTC on 2025-01-01.
    const LocalDay day = clock.day_of(noon_utc + 12 * 3600);
    EXPECT_EQ(day.day, 20090) << region;
    EXPECT_EQ(day.start_utc, 1735689600 + (24 - hours) * 3600) << region;
  }
  ZoneId irkutsk = 0;
  ASSERT_TRUE(zones.region_zone("RU-IRK", irkutsk));
  EXPECT_EQ(zones.name(irkutsk), "Asia/Irkutsk");
  ZoneId kamchatka = 0;
  ASSERT_TRUE(zones.region_zone("RU-KAM", kamchatka));
  EXPECT_EQ(zones.name(kamchatka), "Asia/Kamchatka");
}

TEST(ZoneTable, UnknownRegionIsNotFound) {
  ZoneTable zones;
  zones.load_regions(kShippedRegions);
  ZoneId id = 99;
  EXPECT_FALSE(zones.region_zone("RU-XYZ", id));
  EXPECT_FALSE(zones.region_zone("", id));
  EXPECT_FALSE(zones.region_zone("region", id));  // the header is not a region
}

TEST(ZoneTable, RegionFileWithCommentsBlankLinesCrlfAndExtraColumns) {
  TempDir dir;
  const std::string path = dir.write(
      "regions.csv", "# a comment\r\nregion,tz,name\r\n\r\nXX-A,Asia/Tokyo,Alpha\r\nXX-B,Europe/Paris\r\n");
  ZoneTable zones;
  zones.load_regions(path);
  ZoneId a = 0;
  ZoneId b = 0;
  ASSERT_TRUE(zones.region_zone("XX-A", a));
  ASSERT_TRUE(zones.region_zone("XX-B", b));
  EXPECT_EQ(zones.name(a), "Asia/Tokyo");
  EXPECT_EQ(zones.name(b), "Europe/Paris");
}

TEST(ZoneTable, RegionFileWithUnknownZoneNamesFileAndLine) {
  TempDir dir;
  const std::string path = dir.write("regions.csv", "region,tz\nXX-A,Asia/Tokyo\nXX-B,Nowhere/City\n");
  ZoneTable zones;
  try {
    zones.load_regions(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":3: field 'tz': unknown IANA time zone: 'Nowhere/City'");
  }
}

TEST(ZoneTable, RegionRowWithoutZoneNamesFileAndLine) {
  TempDir dir;
  const std::string path = dir.write("regions.csv", "region,tz\nXX-A\n");
  ZoneTable zones;
  try {
    zones.load_regions(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, 2u);
    EXPECT_NE(std::string(e.what()).find(path + ":2:"), std::string::npos) << e.what();
  }
}

TEST(ZoneTable, MissingRegionFileIsAnInputError) {
  TempDir dir;
  ZoneTable zones;
  const std::string path = dir.file("absent.csv");
  try {
    zones.load_regions(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, 0u);
    EXPECT_EQ(std::string(e.what()).rfind(path + ": ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace minewatch
