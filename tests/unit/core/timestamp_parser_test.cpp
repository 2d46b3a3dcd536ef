// TimestampParser: the accepted forms of a reading's timestamp, and everything it must refuse.
#include "minewatch/core/timestamp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minewatch {
namespace {

constexpr std::int64_t k2025 = 1735689600;  // 2025-01-01T00:00:00Z

ParsedTimestamp parse_ok(std::string_view text) {
  TimestampParser parser;
  ParsedTimestamp out;
  EXPECT_TRUE(parser.parse(text, out)) << "rejected: " << text;
  return out;
}

bool accepts(std::string_view text) {
  TimestampParser parser;
  ParsedTimestamp out;
  return parser.parse(text, out);
}

TEST(TimestampParser, IsoWithZIsAnInstant) {
  const auto ts = parse_ok("2025-01-01T00:00:00Z");
  EXPECT_EQ(ts.seconds, k2025);
  EXPECT_EQ(ts.kind, TimestampKind::utc);
  EXPECT_EQ(parse_ok("2025-01-01T00:00:00z").seconds, k2025);
  EXPECT_EQ(parse_ok("2025-01-01 12:34:56Z").seconds, k2025 + 12 * 3600 + 34 * 60 + 56);
}

TEST(TimestampParser, SecondsAreOptional) {
  EXPECT_EQ(parse_ok("2025-01-01T10:30Z").seconds, k2025 + 10 * 3600 + 30 * 60);
  EXPECT_EQ(parse_ok("2025-01-01T10:30+01:00").seconds, k2025 + 9 * 3600 + 30 * 60);
}

TEST(TimestampParser, OffsetsInAllThreeFormsGiveTheSameInstant) {
  for (const char* text :
       {"2025-01-01T08:00:00+08:00", "2025-01-01T08:00:00+0800", "2025-01-01T08:00:00+08",
        "2024-12-31T19:00:00-05:00", "2024-12-31T19:00:00-0500", "2024-12-31T19:00:00-05",
        "2025-01-01T05:30:00+05:30", "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00-00"}) {
    const auto ts = parse_ok(text);
    EXPECT_EQ(ts.seconds, k2025) << text;
    EXPECT_EQ(ts.kind, TimestampKind::utc) << text;
  }
}

TEST(TimestampParser, ExtremeRealOffsetsAreAccepted) {
  EXPECT_EQ(parse_ok("2025-01-01T14:00:00+14:00").seconds, k2025);  // Kiritimati
  EXPECT_EQ(parse_ok("2024-12-31T12:00:00-12:00").seconds, k2025);  // Baker Island
}

TEST(TimestampParser, MalformedOffsetsAreRejected) {
  for (const char* text :
       {"2025-01-01T00:00:00+", "2025-01-01T00:00:00+8", "2025-01-01T00:00:00+08:0",
        "2025-01-01T00:00:00+08:000", "2025-01-01T00:00:00+15:00", "2025-01-01T00:00:00+08:60",
        "2025-01-01T00:00:00+0a:00", "2025-01-01T00:00:00 +08:00", "2025-01-01T00:00:00ZZ",
        "2025-01-01T00:00:00UTC", "2025-01-01T00:00:00*08:00"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
}

TEST(TimestampParser, NaiveTimeIsLocalWallClock) {
  const auto ts = parse_ok("2025-01-01T01:15:00");
  EXPECT_EQ(ts.kind, TimestampKind::local);
  EXPECT_EQ(ts.seconds, k2025 + 3600 + 900);
  const auto spaced = parse_ok("2025-01-01 01:15");
  EXPECT_EQ(spaced.kind, TimestampKind::local);
  EXPECT_EQ(spaced.seconds, k2025 + 3600 + 900);
}

TEST(TimestampParser, DateAloneIsALocalDay) {
  const auto ts = parse_ok("2025-01-01");
  EXPECT_EQ(ts.kind, TimestampKind::local_date);
  EXPECT_EQ(ts.seconds, k2025);
  EXPECT_EQ(parse_ok("1970-01-01").seconds, 0);
  EXPECT_EQ(parse_ok("1969-12-31").seconds, -86400);
}

TEST(TimestampParser, EpochSecondsAreInstants) {
  const auto ts = parse_ok("1735689600");
  EXPECT_EQ(ts.kind, TimestampKind::utc);
  EXPECT_EQ(ts.seconds, k2025);
  EXPECT_EQ(parse_ok("0").seconds, 0);
  EXPECT_EQ(parse_ok("86400").seconds, 86400);
  EXPECT_EQ(parse_ok("999999999").seconds, 999999999);
}

TEST(TimestampParser, MalformedEpochSecondsAreRejected) {
  for (const char* text :
       {"", "-1", "+5", "17356896.5", "1735689600Z", "12345678901234", " 1735689600", "1e9"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
}

TEST(TimestampParser, FractionsOfASecondAreDropped) {
  EXPECT_EQ(parse_ok("2025-01-01T00:00:00.123Z").seconds, k2025);
  EXPECT_EQ(parse_ok("2025-01-01T00:00:00,5Z").seconds, k2025);
  EXPECT_EQ(parse_ok("2025-01-01T00:00:59.999999999Z").seconds, k2025 + 59);
  EXPECT_EQ(parse_ok("2025-01-01T05:30:00.25+05:30").seconds, k2025);
  EXPECT_EQ(parse_ok("2025-01-01T00:00:00.5").kind, TimestampKind::local);
}

TEST(TimestampParser, EmptyOrMisplacedFractionsAreRejected) {
  for (const char* text :
       {"2025-01-01T00:00:00.Z", "2025-01-01T00:00:00.", "2025-01-01T00:00.5Z", "2025-01-01T00:00:00.1x"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
}

TEST(TimestampParser, LeapDayOnlyInLeapYears) {
  EXPECT_FALSE(accepts("2025-02-29"));
  EXPECT_FALSE(accepts("2025-02-29T00:00:00Z"));
  EXPECT_FALSE(accepts("1900-02-29"));
  EXPECT_EQ(parse_ok("2024-02-29").seconds, 1709164800);
  EXPECT_EQ(parse_ok("2024-02-29T12:00:00Z").seconds, 1709164800 + 12 * 3600);
  EXPECT_TRUE(accepts("2000-02-29"));
}

TEST(TimestampParser, ImpossibleDatesAreRejected) {
  for (const char* text :
       {"2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32", "2025-06-31T00:00Z"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
}

TEST(TimestampParser, ImpossibleTimesAreRejected) {
  for (const char* text : {"2025-01-01T24:00:00Z", "2025-01-01T24:00", "2025-01-01T23:60:00Z",
                           "2025-01-01T23:59:60Z", "2025-01-01T99:00:00Z"}) {
    EXPECT_FALSE(accepts(text)) << text;
  }
  EXPECT_TRUE(accepts("2025-01-01T23:59:59Z"));
}

TEST(TimestampParser, GarbageIsRejected) {
  for (const char* text :
       {"abc", "2025/01/01", "2025-1-01", "2025-01-1", "01-01-2025", "2025-01-01T", "2025-01-01X00:00:00",
        "2025-01-01T0:00:00Z", "2025-01-01T00-00-00Z", "2025-01-01T00:00:", "2025-01-01T00:00:0Z",
        "2025-01-01t00:00:00Z", "yyyy-mm-dd", "2025-01-01 ", " 2025-01-01", "2025-01-01T00:00:00Z\n",
        "2025-0a-01", "20x5-01-01"}) {
    EXPECT_FALSE(accepts(text)) << "'" << text << "'";
  }
}

// The parser remembers the last date it decoded: that cache must never change an answer.
TEST(TimestampParser, OneParserGivesTheSameAnswersAsFreshOnes) {
  const std::vector<std::string> texts = {
      "2025-01-01T00:00:00Z", "2025-01-01T01:00:00Z", "2025-01-01",
      "2025-02-29",           "2025-01-01T25:00:00Z", "2025-01-02T00:00:00+03",
      "2024-02-29T00:00",     "2024-02-29",           "2025-02-29T00:00:00Z",
      "1735689600",           "2025-01-01T00:00:00Z", "2025-01-0x",
      "2025-01-01x",          "2025-01-01T00:00",     "2025-01-01 00:00:00.5Z"};
  TimestampParser warm;
  for (int round = 0; round < 3; ++round) {
    for (const auto& text : texts) {
      TimestampParser fresh;
      ParsedTimestamp a;
      ParsedTimestamp b;
      const bool ok_warm = warm.parse(text, a);
      const bool ok_fresh = fresh.parse(text, b);
      ASSERT_EQ(ok_warm, ok_fresh) << text;
      if (ok_fresh) {
        EXPECT_EQ(a.seconds, b.seconds) << text;
        EXPECT_EQ(a.kind, b.kind) << text;
      }
    }
  }
}

// Every instant of a few years written by format_utc reads back as itself.
TEST(TimestampParser, ReadsBackWhatFormatUtcWrites) {
  TimestampParser parser;
  for (std::int64_t t = -86400 * 3; t < k2025 + 86400 * 800; t += 86400 * 7 + 3607) {
    ParsedTimestamp out;
    const std::string text = format_utc(t);
    ASSERT_TRUE(parser.parse(text, out)) << text;
    EXPECT_EQ(out.seconds, t) << text;
    EXPECT_EQ(out.kind, TimestampKind::utc);
  }
}

}  // namespace
}  // namespace minewatch
