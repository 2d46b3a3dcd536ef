// MeterIds (dense interning) and stable_id_hash (the partition key, pinned: it must not change between releases).
#include "minewatch/core/meter_ids.h"

#include <gtest/gtest.h>

#include <string>

namespace minewatch {
namespace {

TEST(MeterIds, InternsDenseIndicesInOrderOfFirstSight) {
  MeterIds ids;
  bool added = false;
  EXPECT_EQ(ids.intern("m-1", added), 0u);
  EXPECT_TRUE(added);
  EXPECT_EQ(ids.intern("m-2", added), 1u);
  EXPECT_TRUE(added);
  EXPECT_EQ(ids.intern("m-1", added), 0u);
  EXPECT_FALSE(added);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.id(0), "m-1");
  EXPECT_EQ(ids.id(1), "m-2");
}

TEST(MeterIds, FindsOnlyInternedIds) {
  MeterIds ids;
  bool added = false;
  ids.intern("alpha", added);
  MeterIndex index = 77;
  EXPECT_TRUE(ids.find("alpha", index));
  EXPECT_EQ(index, 0u);
  EXPECT_FALSE(ids.find("beta", index));
  EXPECT_FALSE(ids.find("", index));
  EXPECT_FALSE(ids.find("alph", index));
}

TEST(MeterIds, IdsStayValidAsTheTableGrows) {
  MeterIds ids;
  bool added = false;
  for (int i = 0; i < 5000; ++i) ids.intern("meter-" + std::to_string(i), added);
  for (int i = 0; i < 5000; i += 97) {
    MeterIndex index = 0;
    ASSERT_TRUE(ids.find("meter-" + std::to_string(i), index));
    EXPECT_EQ(index, static_cast<MeterIndex>(i));
    EXPECT_EQ(ids.id(index), "meter-" + std::to_string(i));
  }
}

// FNV-1a 64-bit reference values: routing meters to partitions must agree between processes and releases.
TEST(StableIdHash, PinnedValues) {
  static_assert(stable_id_hash("") == 0xcbf29ce484222325ULL);
  static_assert(stable_id_hash("a") == 0xaf63dc4c8601ec8cULL);
  static_assert(stable_id_hash("foobar") == 0x85944171f73967e8ULL);
  EXPECT_EQ(stable_id_hash("m-000001"), stable_id_hash(std::string("m-000001")));
  EXPECT_NE(stable_id_hash("m-000001"), stable_id_hash("m-000002"));
}

TEST(StableIdHash, BytesAboveAsciiAreHashedUnsigned) {
  // "\xff" must hash as byte 255 (not as -1 sign-extended): FNV-1a of the single byte 0xff.
  EXPECT_EQ(stable_id_hash("\xff"), (0xcbf29ce484222325ULL ^ 0xffULL) * 0x100000001b3ULL);
}

}  // namespace
}  // namespace minewatch
