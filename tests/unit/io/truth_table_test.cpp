// TruthTable: truth.csv as the simulator writes it, the label, and each error naming file:line:field.
#include "minewatch/io/truth_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

constexpr const char* kHeader =
    "meter_id,class,mining_kw,rig_model,rig_count,mining_start,mining_end,registered,disguise,theft_type,"
    "theft_start,tamper,site_id,region,transformer_id,behaviour,true_kwh,mining_kwh,hidden_kwh\n";

std::int64_t day(int y, unsigned m, unsigned d) {
  std::int64_t out = 0;
  days_from_date(y, m, d, out);
  return out;
}

class TruthTableTest : public ::testing::Test {
 protected:
  TruthTable load(const std::string& rows) {
    return TruthTable::load(dir_.write("truth.csv", kHeader + rows));
  }

  void expect_error(const std::string& content, std::uint64_t line, const std::string& field,
                    const std::string& needle) {
    const std::string path = dir_.write("truth.csv", content);
    try {
      TruthTable::load(path);
      FAIL() << "no error for:\n" << content;
    } catch (const InputError& e) {
      EXPECT_EQ(e.place().line, line) << e.what();
      EXPECT_EQ(e.place().field, field) << e.what();
      const std::string prefix =
          path + ":" + std::to_string(line) + ": " + (field.empty() ? "" : "field '" + field + "': ");
      EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }

  TempDir dir_;
};

TEST_F(TruthTableTest, ReadsTheSimulatorsRows) {
  const TruthTable t = load(
      "M0000001,household,,,,,,,,,,,,RU-DA,T000001,,514.957,0.000,0.000\n"
      "M0000016,mining_home,3.638,Antminer "
      "S9,3,2025-01-23,2025-02-10,false,split,,,,SITE000001,RU-DA,T000001,"
      "start_step;growth;banned_region,3809.088,3224.047,0.000\n"
      "M0000143,mining_industrial,581.750,Antminer S19,179,2024-05-12,,false,none,,,,SITE000004,RU-IRK,"
      "T000003,seasonal_stop,0.000,0.000,0.000\n");
  ASSERT_EQ(t.size(), 3u);
  const TruthRow* home = t.find("M0000001");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(home->meter_class, "household");
  EXPECT_TRUE(std::isnan(home->mining_kw));
  EXPECT_EQ(home->mining_start, kNoDay);
  EXPECT_TRUE(home->behaviour.empty());
  EXPECT_FALSE(home->is_mining());
  EXPECT_EQ(home->line, 2u);

  const TruthRow* farm = t.find("M0000016");
  ASSERT_NE(farm, nullptr);
  EXPECT_FLOAT_EQ(farm->mining_kw, 3.638f);
  EXPECT_EQ(farm->rig_model, "Antminer S9");
  EXPECT_EQ(farm->rig_count, 3);
  EXPECT_EQ(farm->mining_start, day(2025, 1, 23));
  EXPECT_EQ(farm->mining_end, day(2025, 2, 10));
  EXPECT_EQ(farm->disguise, "split");
  EXPECT_EQ(farm->behaviour, (std::vector<std::string>{"start_step", "growth", "banned_region"}));
  EXPECT_TRUE(farm->has_behaviour("growth"));
  EXPECT_FALSE(farm->has_behaviour("stop"));
  EXPECT_EQ(farm->region, "RU-DA");
  EXPECT_NEAR(farm->mining_kwh, 3224.047, 1e-3);
  EXPECT_TRUE(farm->is_mining());

  // Rigs on the meter that did not run in the window (a law-abiding site in its season's ban): not mining.
  const TruthRow* idle = t.find("M0000143");
  ASSERT_NE(idle, nullptr);
  EXPECT_EQ(idle->mining_start, day(2024, 5, 12));
  EXPECT_FALSE(idle->is_mining());
  EXPECT_EQ(t.rows()[2].meter_id, "M0000143");
  EXPECT_EQ(t.find("M9"), nullptr);
}

TEST_F(TruthTableTest, OnlyTheLabelColumnsAreRequired) {
  const TruthTable t = TruthTable::load(dir_.write(
      "truth.csv", "mining_kwh,class,meter_id,mining_kw\n12.5,mining_home,x1,2\n,household,x2,\n"));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_TRUE(t.find("x1")->is_mining());
  EXPECT_EQ(t.find("x1")->rig_count, 0);
  EXPECT_FALSE(t.find("x2")->is_mining());
  EXPECT_EQ(t.find("x2")->mining_kwh, 0.0);
}

TEST_F(TruthTableTest, CopiesKeepTheirOwnIndex) {
  TruthTable copy;
  {
    const TruthTable t = load("A,household,,,,,,,,,,,,RU-DA,T1,,1,0,0\n");
    copy = t;
  }
  ASSERT_NE(copy.find("A"), nullptr);
  EXPECT_EQ(copy.find("A")->meter_class, "household");
}

TEST_F(TruthTableTest, ErrorsNameFileLineAndField) {
  const std::string h = kHeader;
  expect_error("", 1, "", "empty file");
  expect_error("meter_id,class,mining_kw\nA,household,\n", 1, "mining_kwh", "missing column");
  expect_error("meter_id,mining_kw,mining_kwh\nA,,0\n", 1, "class", "missing column");
  expect_error(h + "A,household,,,,,,,,,,,,RU-DA,T1,,1,0,0\nB,mining_home,abc,,,,,,,,,,,RU-DA,T1,,1,0,0\n", 3,
               "mining_kw", "not a number: 'abc'");
  expect_error(h + "A,mining_home,-2,,,,,,,,,,,RU-DA,T1,,1,0,0\n", 2, "mining_kw", "negative");
  expect_error(h + "A,mining_home,2,,3.5,,,,,,,,,RU-DA,T1,,1,0,0\n", 2, "rig_count", "whole number");
  expect_error(h + "A,mining_home,2,,3,2025-02-30,,,,,,,,RU-DA,T1,,1,0,0\n", 2, "mining_start", "bad date");
  expect_error(h + "A,mining_home,2,,3,,2025-01-01T10:00Z,,,,,,,RU-DA,T1,,1,0,0\n", 2, "mining_end",
               "bad date");
  expect_error(h + "A,mining_home,2,,3,,,,,,,,,RU-DA,T1,,1,x,0\n", 2, "mining_kwh", "not a number");
  expect_error(h + "A,mining_home,2,,3,,,,,,,,,RU-DA,T1,,1,0\n", 2, "hidden_kwh", "missing field");
  expect_error(h + ",household,,,,,,,,,,,,RU-DA,T1,,1,0,0\n", 2, "meter_id", "empty meter id");
  expect_error(h + "A,,,,,,,,,,,,,RU-DA,T1,,1,0,0\n", 2, "class", "empty class");
  expect_error(h + "A,household,,,,,,,,,,,,RU-DA,T1,,1,0,0\n\nA,household,,,,,,,,,,,,RU-DA,T1,,1,0,0\n", 4,
               "meter_id", "duplicate meter id");
}

}  // namespace
}  // namespace minewatch
