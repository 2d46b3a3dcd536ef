// InputError: every bad-input message reads "file:line: field 'x': problem: 'text'".
#include "minewatch/core/error.h"

#include <gtest/gtest.h>

#include <string>

namespace minewatch {
namespace {

TEST(InputError, FullMessageNamesFileLineFieldProblemAndText) {
  const InputError e({"readings.csv", 12, "kwh"}, "not a number", "abc");
  EXPECT_EQ(std::string(e.what()), "readings.csv:12: field 'kwh': not a number: 'abc'");
  EXPECT_EQ(e.place().file, "readings.csv");
  EXPECT_EQ(e.place().line, 12u);
  EXPECT_EQ(e.place().field, "kwh");
}

TEST(InputError, LineZeroMeansTheWholeFile) {
  const InputError e({"data.csv.gz", 0, ""}, "truncated gzip file");
  EXPECT_EQ(std::string(e.what()), "data.csv.gz: truncated gzip file");
}

TEST(InputError, FieldAndTextAreOptional) {
  EXPECT_EQ(std::string(InputError({"a.csv", 3, ""}, "invalid UTF-8", "x").what()),
            "a.csv:3: invalid UTF-8: 'x'");
  EXPECT_EQ(std::string(InputError({"a.csv", 3, "ts"}, "bad timestamp").what()),
            "a.csv:3: field 'ts': bad timestamp");
}

TEST(InputError, IsARuntimeError) {
  try {
    throw InputError({"f", 1, "x"}, "problem");
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "f:1: field 'x': problem");
  }
}

TEST(InputError, OffendingTextIsMadePrintable) {
  const InputError e({"a.csv", 2, ""}, "invalid UTF-8", "ab\xff\x01\tc");
  EXPECT_EQ(std::string(e.what()), "a.csv:2: invalid UTF-8: 'ab\\xff\\x01\\x09c'");
}

TEST(QuoteForMessage, ShortensLongText) {
  const std::string long_text(200, 'x');
  EXPECT_EQ(quote_for_message(long_text), std::string(60, 'x') + "...");
  EXPECT_EQ(quote_for_message(long_text, 5), "xxxxx...");
  EXPECT_EQ(quote_for_message("short"), "short");
  EXPECT_EQ(quote_for_message(""), "");
}

TEST(QuoteForMessage, EscapesControlAndNonAsciiBytes) {
  EXPECT_EQ(quote_for_message("a\nb"), "a\\x0ab");
  EXPECT_EQ(quote_for_message("\x7f"), "\\x7f");
  EXPECT_EQ(quote_for_message("caf\xc3\xa9"), "caf\\xc3\\xa9");
}

}  // namespace
}  // namespace minewatch
