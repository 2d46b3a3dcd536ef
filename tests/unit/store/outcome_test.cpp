// Outcome names (what `cases resolve --outcome` accepts and the store keeps) and which are false alarms.
#include <gtest/gtest.h>

#include "minewatch/store/case_store.h"

namespace minewatch::store {
namespace {

TEST(Outcome, EveryNameRoundTrips) {
  for (Outcome o :
       {Outcome::confirmed, Outcome::not_found, Outcome::legal, Outcome::no_access, Outcome::duplicate})
    EXPECT_EQ(parse_outcome(outcome_name(o)), o) << outcome_name(o);
  EXPECT_EQ(outcome_name(Outcome::not_found), "not_found");
}

TEST(Outcome, UnknownNamesAreRefused) {
  EXPECT_FALSE(parse_outcome("Confirmed"));
  EXPECT_FALSE(parse_outcome("found"));
  EXPECT_FALSE(parse_outcome(""));
}

TEST(Outcome, NotFoundAndLegalAreFalseAlarms) {
  EXPECT_TRUE(is_false_alarm(Outcome::not_found));
  EXPECT_TRUE(is_false_alarm(Outcome::legal));
  EXPECT_FALSE(is_false_alarm(Outcome::confirmed));
  EXPECT_FALSE(is_false_alarm(Outcome::no_access));
  EXPECT_FALSE(is_false_alarm(Outcome::duplicate));
}

}  // namespace
}  // namespace minewatch::store
