// MeterRegistry: meters.csv, its columns, zones by region or by tz column, and each error naming
// file:line:field.
#include "minewatch/io/meter_registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <type_traits>

#include "minewatch/core/error.h"
#include "support/compress.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

class MeterRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { zones_.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv"); }

  MeterRegistry load(std::string_view content) {
    return MeterRegistry::load(dir_.write("meters.csv", content), zones_);
  }

  // Loads `content` expecting an InputError whose message starts with "meters.csv:<line>: field '<field>': ".
  void expect_error(std::string_view content, std::uint64_t line, const std::string& field,
                    const std::string& needle = "") {
    const std::string path = dir_.write("meters.csv", content);
    try {
      MeterRegistry::load(path, zones_);
      FAIL() << "no error for:\n" << content;
    } catch (const InputError& e) {
      EXPECT_EQ(e.place().file, path);
      EXPECT_EQ(e.place().line, line) << e.what();
      EXPECT_EQ(e.place().field, field) << e.what();
      const std::string prefix = path + ":" + std::to_string(line) + ": field '" + field + "': ";
      EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }

  ZoneId zone(const char* name) { return zones_.intern(name); }

  TempDir dir_;
  ZoneTable zones_;
};

TEST_F(MeterRegistryTest, LoadsEveryColumn) {
  const auto registry = load(
      "meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon\n"
      "m1,RU-IRK,T1,TR-7,S-100,15,52.28,104.3\n"
      "m2,RU-MOW,T2,TR-8,S-101,5.5,55.75,37.62\n");
  ASSERT_EQ(registry.size(), 2u);
  const MeterInfo* m1 = registry.find("m1");
  ASSERT_NE(m1, nullptr);
  EXPECT_EQ(m1->id, "m1");
  EXPECT_EQ(m1->region, "RU-IRK");
  EXPECT_EQ(m1->tariff, "T1");
  EXPECT_EQ(m1->transformer_id, "TR-7");
  EXPECT_EQ(m1->subscriber_id, "S-100");
  EXPECT_EQ(m1->contract_kw, 15.0f);
  EXPECT_NEAR(m1->lat, 52.28, 1e-4);
  EXPECT_NEAR(m1->lon, 104.3, 1e-4);
  EXPECT_EQ(m1->zone, zone("Asia/Irkutsk"));
  EXPECT_EQ(registry.find("m2")->zone, zone("Europe/Moscow"));
  EXPECT_EQ(registry.find("m3"), nullptr);
  EXPECT_EQ(registry.meters()[0].id, "m1");
  EXPECT_EQ(registry.meters()[1].id, "m2");
}

TEST_F(MeterRegistryTest, OnlyMeterIdAndRegionAreRequiredInAnyOrder) {
  const auto registry = load("region,meter_id\nRU-KAM,k1\n");
  const MeterInfo* k1 = registry.find("k1");
  ASSERT_NE(k1, nullptr);
  EXPECT_EQ(k1->zone, zone("Asia/Kamchatka"));
  EXPECT_TRUE(std::isnan(k1->contract_kw));
  EXPECT_TRUE(std::isnan(k1->lat));
  EXPECT_TRUE(std::isnan(k1->lon));
  EXPECT_EQ(k1->tariff, "");
}

TEST_F(MeterRegistryTest, BlankNumbersStayUnknown) {
  const auto registry = load("meter_id,region,contract_kw,lat,lon\nm1,RU-IRK,,,\n");
  EXPECT_TRUE(std::isnan(registry.find("m1")->contract_kw));
}

TEST_F(MeterRegistryTest, TzColumnOverridesTheRegionsZone) {
  const auto registry = load(
      "meter_id,region,tz\n"
      "north,RU-SA,Asia/Magadan\n"  // Sakha spans three zones: this meter is in the east
      "centre,RU-SA,\n"
      "abroad,XX-UNKNOWN,Asia/Tokyo\n");
  EXPECT_EQ(registry.find("north")->zone, zone("Asia/Magadan"));
  EXPECT_EQ(registry.find("centre")->zone, zone("Asia/Yakutsk"));
  EXPECT_EQ(registry.find("abroad")->zone, zone("Asia/Tokyo"));
}

TEST_F(MeterRegistryTest, HeaderCaseBomCrlfBlankLinesAndQuotes) {
  const auto registry =
      load("\xef\xbb\xbfMETER_ID,Region,Tariff\r\n\r\n\"m,1\",RU-IRK,\"night, day\"\r\n m2 , RU-MOW ,x\r\n");
  ASSERT_EQ(registry.size(), 2u);
  ASSERT_NE(registry.find("m,1"), nullptr);
  EXPECT_EQ(registry.find("m,1")->tariff, "night, day");
  ASSERT_NE(registry.find("m2"), nullptr);
  EXPECT_EQ(registry.find("m2")->region, "RU-MOW");
}

TEST_F(MeterRegistryTest, ReadsCompressedFiles) {
  const std::string path =
      dir_.write("meters.csv.gz", minewatch::testing::gzip_bytes("meter_id,region\nm1,RU-IRK\n"));
  const auto registry = MeterRegistry::load(path, zones_);
  EXPECT_NE(registry.find("m1"), nullptr);
}

TEST_F(MeterRegistryTest, MissingRequiredColumn) {
  expect_error("meter_id,tariff\nm1,T1\n", 1, "region", "missing column");
  expect_error("id,region\nm1,RU-IRK\n", 1, "meter_id", "missing column");
}

TEST_F(MeterRegistryTest, DuplicateMeterIdNamesTheSecondLine) {
  expect_error("meter_id,region\nm1,RU-IRK\nm2,RU-IRK\nm1,RU-MOW\n", 4, "meter_id",
               "duplicate meter id: 'm1'");
}

TEST_F(MeterRegistryTest, UnknownRegionWithoutTz) {
  expect_error("meter_id,region\nm1,RU-IRK\nm2,RU-NOPE\n", 3, "region", "'RU-NOPE'");
  expect_error("meter_id,region,tz\nm1,RU-NOPE,\n", 2, "region", "'RU-NOPE'");
}

TEST_F(MeterRegistryTest, UnknownTzMessageNamesFileLineAndField) {
  const std::string path = dir_.write("meters.csv", "meter_id,region,tz\nm1,RU-IRK,Asia/Atlantis\n");
  try {
    MeterRegistry::load(path, zones_);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":2: field 'tz': unknown IANA time zone: 'Asia/Atlantis'");
  }
}

TEST_F(MeterRegistryTest, UnknownTzPlaceIsStructured) {
  const std::string path = dir_.write("meters.csv", "meter_id,region,tz\nm1,RU-IRK,Asia/Atlantis\n");
  try {
    MeterRegistry::load(path, zones_);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, 2u);
    EXPECT_EQ(e.place().field, "tz");
  }
}

TEST_F(MeterRegistryTest, BadNumbers) {
  expect_error("meter_id,region,contract_kw\nm1,RU-IRK,lots\n", 2, "contract_kw", "not a number: 'lots'");
  expect_error("meter_id,region,lat,lon\nm1,RU-IRK,52.1,east\n", 2, "lon", "'east'");
  expect_error("meter_id,region,contract_kw\nm1,RU-IRK,-3\n", 2, "contract_kw", "'-3'");
  expect_error("meter_id,region,contract_kw\nm1,RU-IRK,nan\n", 2, "contract_kw", "'nan'");
}

TEST_F(MeterRegistryTest, MissingFieldAndEmptyId) {
  expect_error("meter_id,region,tariff\nm1,RU-IRK\n", 2, "tariff", "missing field");
  expect_error("meter_id,region\n,RU-IRK\n", 2, "meter_id", "empty meter id");
}

TEST_F(MeterRegistryTest, BrokenRows) {
  const std::string path = dir_.write("meters.csv", "meter_id,region\nm1,RU-IRK\n\"m2,RU-IRK\n");
  try {
    MeterRegistry::load(path, zones_);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 3u);
  }
  const std::string utf8 = dir_.write("meters.csv", "meter_id,region\nm\xff,RU-IRK\n");
  try {
    MeterRegistry::load(utf8, zones_);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 2u);
  }
}

TEST_F(MeterRegistryTest, EmptyOrMissingFile) {
  EXPECT_THROW(load(""), InputError);
  EXPECT_THROW(MeterRegistry::load(dir_.file("absent.csv"), zones_), InputError);
}

TEST_F(MeterRegistryTest, ManyMetersAreAllFound) {
  std::string content = "meter_id,region\n";
  for (int i = 0; i < 3000; ++i) content += "meter-" + std::to_string(i) + ",RU-IRK\n";
  const auto registry = load(content);
  ASSERT_EQ(registry.size(), 3000u);
  for (int i = 0; i < 3000; i += 7) ASSERT_NE(registry.find("meter-" + std::to_string(i)), nullptr) << i;
}

// The index refers into the registry's own storage: a moved or copied registry must still find its meters.
TEST_F(MeterRegistryTest, MovedRegistryStillFindsItsMeters) {
  auto original = load("meter_id,region\nm1,RU-IRK\nsome-much-longer-meter-identifier-000042,RU-MOW\n");
  MeterRegistry moved = std::move(original);
  ASSERT_NE(moved.find("m1"), nullptr);
  EXPECT_EQ(moved.find("m1")->id, "m1");
  ASSERT_NE(moved.find("some-much-longer-meter-identifier-000042"), nullptr);
}

TEST_F(MeterRegistryTest, CopiedRegistryOutlivesTheOriginal) {
  if constexpr (std::is_copy_constructible_v<MeterRegistry>) {
    std::optional<MeterRegistry> original(
        load("meter_id,region\nm1,RU-IRK\nanother-long-meter-id-0001,RU-MOW\n"));
    const MeterRegistry copy = *original;
    original.reset();
    ASSERT_NE(copy.find("m1"), nullptr);
    EXPECT_EQ(copy.find("m1")->region, "RU-IRK");
    ASSERT_NE(copy.find("another-long-meter-id-0001"), nullptr);
  } else {
    SUCCEED() << "MeterRegistry is move-only";
  }
}

}  // namespace
}  // namespace minewatch
