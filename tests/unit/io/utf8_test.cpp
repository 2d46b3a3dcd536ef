// is_valid_utf8: the bytes a readings file may hold, per RFC 3629 (no overlongs, surrogates or > U+10FFFF).
#include <gtest/gtest.h>

#include <string>

#include "minewatch/io/csv_fields.h"

namespace minewatch {
namespace {

TEST(IsValidUtf8, AsciiAndEmpty) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("m1,2025-01-01T00:00:00Z,0.25"));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
  EXPECT_TRUE(is_valid_utf8(std::string(1000, 'x')));
}

TEST(IsValidUtf8, WellFormedMultibyteSequences) {
  EXPECT_TRUE(is_valid_utf8("h\xc3\xa9llo"));                      // U+00E9
  EXPECT_TRUE(is_valid_utf8("\xd0\x98\xd1\x80\xd0\xba\xd1\x83"));  // Cyrillic
  EXPECT_TRUE(is_valid_utf8("\xe2\x82\xac"));                      // U+20AC
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));                  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xc2\x80"));                          // U+0080, smallest two-byte
  EXPECT_TRUE(is_valid_utf8("\xe0\xa0\x80"));                      // U+0800, smallest three-byte
  EXPECT_TRUE(is_valid_utf8("\xf0\x90\x80\x80"));                  // U+10000, smallest four-byte
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));                  // U+10FFFF, the largest
  EXPECT_TRUE(is_valid_utf8("\xed\x9f\xbf"));                      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xee\x80\x80"));                      // U+E000, just above them
}

TEST(IsValidUtf8, OverlongFormsAreRefused) {
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));  // '/' in two bytes
  EXPECT_FALSE(is_valid_utf8("\xc1\xbf"));
  EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // NUL in two bytes
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // '/' in three bytes
  EXPECT_FALSE(is_valid_utf8("\xe0\x9f\xbf"));      // U+07FF in three bytes
  EXPECT_FALSE(is_valid_utf8("\xf0\x80\x80\xaf"));  // '/' in four bytes
  EXPECT_FALSE(is_valid_utf8("\xf0\x8f\xbf\xbf"));  // U+FFFF in four bytes
}

TEST(IsValidUtf8, SurrogatesAreRefused) {
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));              // U+D800
  EXPECT_FALSE(is_valid_utf8("\xed\xbf\xbf"));              // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\xbd\xed\xb8\x80"));  // a CESU-8 pair
}

TEST(IsValidUtf8, BeyondU10FFFFIsRefused) {
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xf8\x88\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xfe"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
}

TEST(IsValidUtf8, TruncatedSequencesAreRefused) {
  EXPECT_FALSE(is_valid_utf8("\xc3"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));
  EXPECT_FALSE(is_valid_utf8("abc\xf0\x9f\x98"));
  EXPECT_FALSE(is_valid_utf8("\xe2\x82x"));  // a continuation byte missing mid-text
  EXPECT_FALSE(is_valid_utf8("\xf0\x9f\x98\x41"));
}

TEST(IsValidUtf8, StrayContinuationBytesAreRefused) {
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("a\xbf"));
  EXPECT_FALSE(is_valid_utf8("\xc3\xa9\xa9"));
}

// Bad bytes anywhere — before, inside or after whole 8-byte words of ASCII — are found.
TEST(IsValidUtf8, BadByteAtEveryPositionOfALongLine) {
  const std::string ascii = "m-000123,2025-01-01T00:15:00+03:00,0.412,0.1,230.5";
  for (std::size_t pos = 0; pos <= ascii.size(); ++pos) {
    std::string line = ascii;
    line.insert(pos, "\xff");
    EXPECT_FALSE(is_valid_utf8(line)) << "bad byte at " << pos;
    std::string good = ascii;
    good.insert(pos, "\xc3\xa9");
    EXPECT_TRUE(is_valid_utf8(good)) << "good sequence at " << pos;
    std::string cut = ascii.substr(0, pos) + "\xe2\x82";
    EXPECT_FALSE(is_valid_utf8(cut)) << "truncated sequence at " << pos;
  }
}

}  // namespace
}  // namespace minewatch
