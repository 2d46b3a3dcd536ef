// split_csv_line, first_field_fast and trim: RFC 4180 fields without per-line allocation.
#include "minewatch/io/csv_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minewatch {
namespace {

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  EXPECT_TRUE(split_csv_line(line, fields, unquoted)) << line;
  return {fields.begin(), fields.end()};
}

bool splits(std::string_view line) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  return split_csv_line(line, fields, unquoted);
}

using Fields = std::vector<std::string>;

TEST(SplitCsvLine, PlainFields) {
  EXPECT_EQ(split("m1,2025-01-01T00:00:00Z,0.25"), (Fields{"m1", "2025-01-01T00:00:00Z", "0.25"}));
  EXPECT_EQ(split("single"), (Fields{"single"}));
}

TEST(SplitCsvLine, EmptyFieldsAreKept) {
  EXPECT_EQ(split(""), (Fields{""}));
  EXPECT_EQ(split(","), (Fields{"", ""}));
  EXPECT_EQ(split("a,,c"), (Fields{"a", "", "c"}));
  EXPECT_EQ(split("a,b,"), (Fields{"a", "b", ""}));
  EXPECT_EQ(split(",b"), (Fields{"", "b"}));
}

TEST(SplitCsvLine, SpacesArePartOfTheField) {
  EXPECT_EQ(split(" a , b "), (Fields{" a ", " b "}));
}

TEST(SplitCsvLine, QuotedFieldsMayHoldCommas) {
  EXPECT_EQ(split("\"a,b\",c"), (Fields{"a,b", "c"}));
  EXPECT_EQ(split("x,\"1,5\""), (Fields{"x", "1,5"}));
  EXPECT_EQ(split("\"a\",\"b\",\"c\""), (Fields{"a", "b", "c"}));
}

TEST(SplitCsvLine, DoubledQuotesAreOneQuote) {
  EXPECT_EQ(split("\"say \"\"hi\"\"\",x"), (Fields{"say \"hi\"", "x"}));
  EXPECT_EQ(split("\"\"\"\""), (Fields{"\""}));
  EXPECT_EQ(split("a,\"\"\"x\"\"\",b"), (Fields{"a", "\"x\"", "b"}));
}

TEST(SplitCsvLine, EmptyQuotedFields) {
  EXPECT_EQ(split("\"\""), (Fields{""}));
  EXPECT_EQ(split("\"\",\"\""), (Fields{"", ""}));
  EXPECT_EQ(split("\"a\","), (Fields{"a", ""}));
}

TEST(SplitCsvLine, QuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(split("a\"b,c"), (Fields{"a\"b", "c"}));
}

TEST(SplitCsvLine, UnterminatedQuoteIsRefused) {
  EXPECT_FALSE(splits("\"abc"));
  EXPECT_FALSE(splits("a,\"b"));
  EXPECT_FALSE(splits("a,\"b\"\""));
  EXPECT_FALSE(splits("\""));
}

TEST(SplitCsvLine, TextAfterAClosingQuoteIsRefused) {
  EXPECT_FALSE(splits("\"a\"b,c"));
  EXPECT_FALSE(splits("\"a\" ,c"));
}

TEST(SplitCsvLine, ViewsStayValidForEveryQuotedField) {
  // Many unescaped fields: the views into `unquoted` must survive the whole line.
  std::string line;
  Fields expected;
  for (int i = 0; i < 200; ++i) {
    if (i > 0) line += ',';
    line += "\"f\"\"" + std::to_string(i) + "\"";
    expected.push_back("f\"" + std::to_string(i));
  }
  EXPECT_EQ(split(line), expected);
}

TEST(SplitCsvLine, ReusesItsBuffersAcrossLines) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  ASSERT_TRUE(split_csv_line("a,b,c,d", fields, unquoted));
  ASSERT_TRUE(split_csv_line("\"x,y\"", fields, unquoted));
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0], "x,y");
  ASSERT_TRUE(split_csv_line("p,q", fields, unquoted));
  EXPECT_EQ(fields.size(), 2u);
}

TEST(FirstFieldFast, UnquotedFirstField) {
  std::string_view field;
  ASSERT_TRUE(first_field_fast("m1,2025,1", field));
  EXPECT_EQ(field, "m1");
  ASSERT_TRUE(first_field_fast("alone", field));
  EXPECT_EQ(field, "alone");
  ASSERT_TRUE(first_field_fast(",x", field));
  EXPECT_EQ(field, "");
  EXPECT_FALSE(first_field_fast("\"m,1\",x", field));
}

TEST(Trim, StripsSpacesTabsAndCarriageReturn) {
  EXPECT_EQ(trim("  a b \t\r"), "a b");
  EXPECT_EQ(trim("\tx"), "x");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \r"), "");
  EXPECT_EQ(trim("a"), "a");
}

}  // namespace
}  // namespace minewatch
