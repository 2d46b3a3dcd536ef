// parse_float: a reading's number, correctly rounded, with junk, NaN and infinities refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "minewatch/io/csv_fields.h"

namespace minewatch {
namespace {

float parsed(std::string_view text) {
  float out = -12345.0f;
  EXPECT_TRUE(parse_float(text, out)) << text;
  return out;
}

bool accepts(std::string_view text) {
  float out = 0;
  return parse_float(text, out);
}

TEST(ParseFloat, PlainDecimals) {
  EXPECT_EQ(parsed("0"), 0.0f);
  EXPECT_EQ(parsed("12"), 12.0f);
  EXPECT_EQ(parsed("0.412"), 0.412f);
  EXPECT_EQ(parsed("3.25"), 3.25f);
  EXPECT_EQ(parsed("1000000"), 1000000.0f);
  EXPECT_EQ(parsed("0.0"), 0.0f);
  EXPECT_EQ(parsed("007.50"), 7.5f);
}

TEST(ParseFloat, SignsAreAccepted) {
  EXPECT_EQ(parsed("-2.25"), -2.25f);
  EXPECT_EQ(parsed("+3"), 3.0f);
  EXPECT_EQ(parsed("+0.5"), 0.5f);
  EXPECT_EQ(parsed("-0"), 0.0f);
}

TEST(ParseFloat, Exponents) {
  EXPECT_EQ(parsed("1e3"), 1000.0f);
  EXPECT_EQ(parsed("1E3"), 1000.0f);
  EXPECT_EQ(parsed("1.5e-2"), 0.015f);
  EXPECT_EQ(parsed("2.5E+1"), 25.0f);
  EXPECT_EQ(parsed("-4e0"), -4.0f);
}

TEST(ParseFloat, JunkIsRefused) {
  for (const char* text : {"",  "abc", "1.5x", "x1.5", "1.5 ", " 1.5", "1,5",  "1.2.3", "--1",   "++1",
                           "+", "-",   ".",    "e5",   "1e",   "1e+",  "0x10", "1_000", "1 000", "12kWh"}) {
    EXPECT_FALSE(accepts(text)) << "'" << text << "'";
  }
}

TEST(ParseFloat, SignAfterPlusIsRefused) {
  EXPECT_FALSE(accepts("+-1"));
  EXPECT_FALSE(accepts("+-0.5"));
}

TEST(ParseFloat, NaNAndInfinitiesAreRefused) {
  for (const char* text : {"nan", "NaN", "NAN", "-nan", "inf", "-inf", "+inf", "Infinity", "INF", "nan(1)"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
}

TEST(ParseFloat, OverflowIsRefused) {
  EXPECT_FALSE(accepts("1e39"));
  EXPECT_FALSE(accepts("-1e39"));
  EXPECT_FALSE(accepts("340282366920938463463374607431768211456"));
  EXPECT_EQ(parsed("3.4e38"), 3.4e38f);
}

// Correct rounding: the result equals strtof's (glibc rounds correctly) for many decimal spellings,
// short ones (a hand-written fast path) and long ones (the general path) alike.
TEST(ParseFloat, RoundsLikeStrtof) {
  std::uint64_t state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t digits = next() % 100000000000ULL >> (next() % 36);
    const int decimals = static_cast<int>(next() % 13);
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on std::string::insert here.
    std::string digits_text = std::to_string(digits);
    const auto d = static_cast<std::size_t>(decimals);
    if (d > 0 && digits_text.size() <= d)
      digits_text = std::string(d + 1 - digits_text.size(), '0') + digits_text;
    std::string text = d > 0 ? digits_text.substr(0, digits_text.size() - d) + "." +
                                   digits_text.substr(digits_text.size() - d)
                             : digits_text;
    const float expected = std::strtof(text.c_str(), nullptr);
    float got = 0;
    ASSERT_TRUE(parse_float(text, got)) << text;
    ASSERT_EQ(got, expected) << text;
    ++checked;
  }
  EXPECT_EQ(checked, 20000);
}

}  // namespace
}  // namespace minewatch
