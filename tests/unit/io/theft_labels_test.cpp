// TheftLabels: labels files and SGCC files' FLAG column, blanks left unlabelled, errors naming
// file:line:field.
#include "minewatch/io/theft_labels.h"

#include <gtest/gtest.h>

#include "minewatch/core/error.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

TEST(TheftLabelsTest, LabelsFileWithTypes) {
  TempDir dir;
  const auto labels = TheftLabels::load(dir.write("labels.csv",
                                                  "meter_id,flag,theft_type,theft_start\n"
                                                  "M1,1,h1,2013-01-02\n"
                                                  "M2,0,,\n"
                                                  "M3,,,\n"));
  EXPECT_EQ(labels.size(), 2u);
  ASSERT_TRUE(labels.find("M1"));
  EXPECT_TRUE(labels.find("M1")->theft);
  EXPECT_EQ(labels.find("M1")->type, "h1");
  EXPECT_FALSE(labels.find("M2")->theft);
  EXPECT_FALSE(labels.find("M3"));  // a blank flag is no label
  EXPECT_FALSE(labels.find("M4"));
}

TEST(TheftLabelsTest, SgccFlagColumn) {
  TempDir dir;
  const auto labels = TheftLabels::load(dir.write("sgcc.csv",
                                                  "CONS_NO,FLAG,2014/1/2,2014/1/1\n"
                                                  "A,1,3.5,\n"
                                                  "B,0,,2.0\n"));
  EXPECT_TRUE(labels.find("A")->theft);
  EXPECT_FALSE(labels.find("B")->theft);
  EXPECT_TRUE(labels.find("B")->type.empty());
}

TEST(TheftLabelsTest, SimulatorTruthWithoutFlag) {
  TempDir dir;
  const auto labels = TheftLabels::load(dir.write("truth.csv",
                                                  "meter_id,class,theft_type,theft_start\n"
                                                  "M1,household,h3,2025-01-04\n"
                                                  "M2,household,,\n"));
  EXPECT_TRUE(labels.find("M1")->theft);
  EXPECT_EQ(labels.find("M1")->type, "h3");
  EXPECT_FALSE(labels.find("M2")->theft);
}

TEST(TheftLabelsTest, ErrorsNameTheirPlace) {
  TempDir dir;
  const auto message = [&](const char* text) {
    try {
      TheftLabels::load(dir.write("bad.csv", text));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("meter_id,flag\nM1,yes\n").find("bad.csv:2: field 'flag'"), std::string::npos);
  EXPECT_NE(message("meter_id,flag\nM1,1\nM1,0\n").find("bad.csv:3: field 'meter_id': meter listed twice"),
            std::string::npos);
  EXPECT_NE(message("meter_id,label\nM1,1\n").find("flag"), std::string::npos);
  EXPECT_NE(message("id,flag\nM1,1\n").find("meter_id"), std::string::npos);
  EXPECT_NE(message("meter_id,flag,theft_type\nM1\n").find("bad.csv:2"), std::string::npos);
}

}  // namespace
}  // namespace minewatch
