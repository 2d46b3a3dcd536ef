// Labels from inspectors' outcomes, and that `theft train --labels` reads the file they make.
#include "minewatch/store/case_labels.h"

#include <gtest/gtest.h>

#include "minewatch/io/theft_labels.h"
#include "support/temp_dir.h"

namespace minewatch::store {
namespace {

Resolution resolved(const std::string& id, Outcome outcome, const std::string& meters,
                    const std::string& kinds) {
  return {id, outcome, "", "2024-03-02T10:00:00Z", "ek-" + id, meters, kinds};
}

TEST(CaseLabels, TheftLabelsAnswerOnlyWhatTheVisitAsked) {
  const auto labels = labels_from_resolutions({
      resolved("C0", Outcome::confirmed, "m0",
               "mining;unregistered"),  // a mining breach: the meter's readings?
      resolved("C1", Outcome::confirmed, "m1;m2", "mining;theft;unregistered"),
      resolved("C2", Outcome::not_found, "m3", "mining"),
      resolved("C3", Outcome::legal, "m4", "mining"),
      resolved("C4", Outcome::no_access, "m5", "theft"),
      resolved("C5", Outcome::duplicate, "m6", "theft"),
  });
  EXPECT_EQ(labels_csv(labels),
            "meter_id,flag,theft_type\n"
            "m1,1,theft\n"
            "m2,1,theft\n"
            "m3,0,\n"
            "m4,0,\n");
}

TEST(CaseLabels, MiningLabelsCountLawfulRigsAsMining) {
  const auto labels = labels_from_resolutions(
      {
          resolved("C1", Outcome::confirmed, "m1", "banned_region;mining"),
          resolved("C2", Outcome::legal, "m2", "mining"),
          resolved("C3", Outcome::not_found, "m3", "mining;unregistered"),
          resolved("C4", Outcome::not_found, "m4", "theft"),  // a theft visit did not look for rigs
      },
      LabelTarget::mining);
  EXPECT_EQ(labels_csv(labels),
            "meter_id,flag,theft_type\n"
            "m1,1,banned_region+mining\n"
            "m2,1,mining\n"
            "m3,0,\n");
}

TEST(CaseLabels, AMeterInSeveralCasesIsListedOnceAndAConfirmationWins) {
  const auto labels = labels_from_resolutions({
      resolved("C1", Outcome::not_found, "m1", "mining"),
      resolved("C2", Outcome::confirmed, "m1;;m2", "theft"),
      resolved("C3", Outcome::confirmed, "m1", "tamper;theft"),
  });
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0].meter_id, "m1");
  EXPECT_TRUE(labels[0].positive);
  EXPECT_EQ(labels[0].kinds, "theft+tamper");
  EXPECT_EQ(labels[1].meter_id, "m2");
  EXPECT_TRUE(labels[1].positive);
}

TEST(CaseLabels, TheFileIsReadByTheTheftLabelsLoader) {
  const auto labels = labels_from_resolutions({
      resolved("C1", Outcome::confirmed, "m1;\"odd, id\"", "mining;theft;unregistered"),
      resolved("C2", Outcome::legal, "m3", "mining"),
  });
  minewatch::testing::TempDir dir;
  const TheftLabels loaded = TheftLabels::load(dir.write("labels.csv", labels_csv(labels)));
  EXPECT_EQ(loaded.size(), 3u);
  ASSERT_TRUE(loaded.find("m1"));
  EXPECT_TRUE(loaded.find("m1")->theft);
  EXPECT_EQ(loaded.find("m1")->type, "theft");
  ASSERT_TRUE(loaded.find("\"odd, id\""));
  EXPECT_TRUE(loaded.find("\"odd, id\"")->theft);
  ASSERT_TRUE(loaded.find("m3"));
  EXPECT_FALSE(loaded.find("m3")->theft);
  EXPECT_EQ(loaded.find("m3")->type, "");
}

}  // namespace
}  // namespace minewatch::store
