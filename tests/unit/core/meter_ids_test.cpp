// MeterIds (dense interning) and stable_id_hash (the partition key, pinned: it must not change between
// releases).
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

// The hash is computed at compile time and at run time alike, and separates near-identical ids.
TEST(StableIdHash, SameAtCompileTimeAndRunTime) {
  constexpr std::uint64_t at_compile_time = stable_id_hash("m-000001");
  const std::string id = "m-000001";
  EXPECT_EQ(stable_id_hash(id), at_compile_time);
  EXPECT_NE(stable_id_hash("m-000001"), stable_id_hash("m-000002"));
  EXPECT_NE(stable_id_hash("ab"), stable_id_hash("ba"));
}

// FNV-1a 64-bit reference values (offset basis 14695981039346656037, prime 1099511628211): routing meters to
// partitions must agree between processes, platforms and releases, and with any other FNV-1a implementation
// (a Kafka producer keyed the same way).
TEST(StableIdHash, PinnedFnv1aValues) {
  EXPECT_EQ(stable_id_hash(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(stable_id_hash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(stable_id_hash("foobar"), 0x85944171f73967e8ULL);
}

TEST(StableIdHash, BytesAboveAsciiAreHashedUnsigned) {
  // "\xff" must mix in byte 255, not a sign-extended -1.
  const std::uint64_t empty = stable_id_hash("");
  EXPECT_EQ(stable_id_hash("\xff"), (empty ^ 0xffULL) * 1099511628211ULL);
}

}  // namespace
}  // namespace minewatch
