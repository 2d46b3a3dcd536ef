// parse_toml_file: TOML read with toml++, and the places toml++ 3.3.0 would reach undefined behaviour
// (non-ASCII characters outside quotes and comments, or right after a backslash in a multi-line string)
// refused with the file and line. CI runs these under UBSan, which reports the library bug if one slips
// through.
#include "minewatch/io/toml_file.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

std::uint64_t error_line(const std::string& path) {
  try {
    parse_toml_file(path);
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    return e.place().line;
  }
  ADD_FAILURE() << "no InputError for " << path;
  return 0;
}

TEST(TomlFile, CyrillicInStringsKeysAndCommentsReads) {
  TempDir dir;
  const std::string path = dir.write("policy.toml",
                                     "# Политика: регионы с запретом\n"
                                     "[regions.\"Иркутская область\"]\n"
                                     "name = \"Иркутская область\" # зимний запрет\n"
                                     "note = 'буквально'\n"
                                     "text = \"\"\"многострочный\n"
                                     "текст \\\"в кавычках\\\"\"\"\"\n"
                                     "raw = '''сырой\n"
                                     "текст'''\n"
                                     "after = 1\n");
  const toml::table table = parse_toml_file(path);
  EXPECT_EQ(table["regions"]["Иркутская область"]["name"].value<std::string>(), "Иркутская область");
  EXPECT_EQ(table["regions"]["Иркутская область"]["text"].value<std::string>(),
            "многострочный\nтекст \"в кавычках\"");
  EXPECT_EQ(table["regions"]["Иркутская область"]["after"].value<int>(), 1);
}

TEST(TomlFile, AByteOrderMarkIsSkipped) {
  TempDir dir;
  const std::string path = dir.write("bom.toml", "\xEF\xBB\xBFkey = \"значение\"\n");
  EXPECT_EQ(parse_toml_file(path)["key"].value<std::string>(), "значение");
}

TEST(TomlFile, ALineEndingBackslashBeforeAsciiReads) {
  TempDir dir;
  const std::string path = dir.write("ok.toml", "s = \"\"\"один \\\n    two\"\"\"\n");
  EXPECT_EQ(parse_toml_file(path)["s"].value<std::string>(), "один two");
}

TEST(TomlFile, NonAsciiOutsideQuotesIsRefusedWithItsLine) {
  TempDir dir;
  EXPECT_EQ(error_line(dir.write("bare_key.toml", "a = 1\nМосква = 1\n")), 2u);
  EXPECT_EQ(error_line(dir.write("bare_value.toml", "a = Москва\n")), 1u);
  EXPECT_EQ(error_line(dir.write("after_value.toml", "# ok\n\na = 1 §\n")), 3u);
  EXPECT_EQ(error_line(dir.write("table.toml", "[Москва]\n")), 1u);
  EXPECT_EQ(error_line(dir.write("after_string.toml", "a = \"x\\\"\" Ё\n")), 1u);
}

TEST(TomlFile, NonAsciiAfterALineEndingBackslashIsRefused) {
  TempDir dir;
  // marzer/tomlplusplus issue 190: the first character on the line after a line-ending backslash.
  EXPECT_EQ(error_line(dir.write("issue190.toml", "x = 1\ns = \"\"\"\\\n\xC2\xA7\"\"\"\n")), 2u);
  EXPECT_EQ(error_line(dir.write("indented.toml", "s = \"\"\"a \\\n\n   Москва\"\"\"\n")), 1u);
  EXPECT_EQ(error_line(dir.write("escaped.toml", "s = \"\"\"a \\Ж\"\"\"\n")), 1u);
}

TEST(TomlFile, SyntaxErrorsNameTheLine) {
  TempDir dir;
  EXPECT_EQ(error_line(dir.write("syntax.toml", "a = 1\nb = \n")), 2u);
  EXPECT_EQ(error_line(dir.write("unterminated.toml", "a = \"Москва\nb = 2\n")), 1u);
}

TEST(TomlFile, AMissingFileIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(parse_toml_file(dir.file("absent.toml")), InputError);
}

}  // namespace
}  // namespace minewatch
