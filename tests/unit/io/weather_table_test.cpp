// WeatherTable: weather.csv by region and local date, gaps and other regions as NaN, rows in any order, and
// each error naming file:line:field.
#include "minewatch/io/weather_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

std::int64_t day(int y, unsigned m, unsigned d) {
  std::int64_t out = 0;
  EXPECT_TRUE(days_from_date(y, m, d, out));
  return out;
}

TEST(WeatherTableTest, TemperaturesByRegionAndDay) {
  TempDir dir;
  const auto table = WeatherTable::load(dir.write("weather.csv",
                                                  "region,date,temp_c\n"
                                                  "RU-IRK,2025-01-02,-14.5\n"
                                                  "RU-IRK,2025-01-01,-13.5\n"
                                                  "RU-IRK,2025-01-04,-11.1\n"
                                                  "RU-MOW,2025-01-01,-3\n"));
  EXPECT_EQ(table.regions(), 2u);
  const auto t = table.temperatures("RU-IRK", day(2024, 12, 31), 6);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_TRUE(std::isnan(t[0]));
  EXPECT_FLOAT_EQ(t[1], -13.5f);
  EXPECT_FLOAT_EQ(t[2], -14.5f);
  EXPECT_TRUE(std::isnan(t[3]));  // a gap
  EXPECT_FLOAT_EQ(t[4], -11.1f);
  EXPECT_TRUE(std::isnan(t[5]));
  const auto unknown = table.temperatures("RU-DA", day(2025, 1, 1), 2);
  EXPECT_TRUE(std::isnan(unknown[0]) && std::isnan(unknown[1]));
}

void expect_error(const std::string& content, std::uint64_t line, const std::string& field) {
  TempDir dir;
  const std::string path = dir.write("weather.csv", content);
  try {
    WeatherTable::load(path);
    FAIL() << "no error for:\n" << content;
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_EQ(e.place().line, line) << e.what();
    EXPECT_EQ(e.place().field, field) << e.what();
  }
}

TEST(WeatherTableTest, ErrorsNameLineAndField) {
  expect_error("region,date\nRU-IRK,2025-01-01\n", 1, "temp_c");
  expect_error("region,date,temp_c\nRU-IRK,2025-13-01,1\n", 2, "date");
  expect_error("region,date,temp_c\nRU-IRK,2025-01-01,warm\n", 2, "temp_c");
  expect_error("region,date,temp_c\nRU-IRK,2025-01-01,75\n", 2, "temp_c");
  expect_error("region,date,temp_c\n,2025-01-01,1\n", 2, "region");
  expect_error("region,date,temp_c\nRU-IRK,2025-01-01,1\nRU-IRK,2025-01-01,2\n", 3, "date");
  expect_error("region,date,temp_c\nRU-IRK,2025-01-01\n", 2, "temp_c");
}

}  // namespace
}  // namespace minewatch
