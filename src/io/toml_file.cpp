#include "minewatch/io/toml_file.h"

#include <cstdint>
#include <string_view>

#include "minewatch/core/error.h"
#include "minewatch/io/decompress.h"

namespace minewatch {
namespace {

bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}
bool is_toml_whitespace_or_newline(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// toml++ 3.3.0, the version Debian 12 ships, reaches __builtin_unreachable() when it asks whether some
// non-ASCII characters are whitespace (U+00A1..U+0499, which holds all of Cyrillic, and U+2FA6..U+339F):
// undefined behaviour, found by our fuzz_policy target and known upstream (marzer/tomlplusplus issues 190 and
// 295, fixed by pull request 305 after 3.3.0). It asks that only outside quotes and comments, where TOML
// allows nothing but ASCII, and for the first character after a backslash in a multi-line basic string. So
// those places are checked here before toml++ sees the text; no valid TOML document is refused, and Cyrillic
// in strings and comments (a Russian policy file's region names) reads as before.
void reject_what_toml_parser_mishandles(std::string_view text, const std::string& path) {
  enum class Mode { code, comment, basic_string, literal_string, multi_line_basic, multi_line_literal };
  Mode mode = Mode::code;
  std::uint64_t line = 1;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte-order mark, which toml++ skips
  const auto at = [&](std::size_t pos, std::string_view s) { return text.substr(pos).starts_with(s); };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      // A comment ends at the newline; so does a single-line string, which toml++ then reports as
      // unterminated.
      if (mode == Mode::comment || mode == Mode::basic_string || mode == Mode::literal_string)
        mode = Mode::code;
      continue;
    }
    switch (mode) {
      case Mode::code:
        if (is_non_ascii(c))
          throw InputError(
              {path, line, ""},
              "a non-ASCII character outside quotes and comments (TOML allows them only inside quoted "
              "strings and keys, and in comments)");
        if (c == '#') {
          mode = Mode::comment;
        } else if (at(i, R"(""")")) {
          mode = Mode::multi_line_basic;
          i += 2;
        } else if (at(i, "'''")) {
          mode = Mode::multi_line_literal;
          i += 2;
        } else if (c == '"') {
          mode = Mode::basic_string;
        } else if (c == '\'') {
          mode = Mode::literal_string;
        }
        break;
      case Mode::comment:
        break;
      case Mode::basic_string:
        if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n')
          ++i;  // an escaped character, '"' included
        else if (c == '"')
          mode = Mode::code;
        break;
      case Mode::literal_string:
        if (c == '\'') mode = Mode::code;
        break;
      case Mode::multi_line_basic:
        if (c == '\\') {
          // An escape, or a line-ending backslash that swallows the whitespace and newlines after it.
          std::size_t next = i + 1;
          const std::uint64_t backslash_line = line;
          while (next < text.size() && is_toml_whitespace_or_newline(text[next]))
            line += text[next++] == '\n';
          if (next < text.size() && is_non_ascii(text[next]))
            throw InputError(
                {path, backslash_line, ""},
                "a non-ASCII character right after a backslash in a multi-line string, which the TOML "
                "library of this system cannot read; write it as a \\u escape or start the line with "
                "an ASCII character");
          i = next == i + 1 ? next : next - 1;  // skip the escaped character, or resume at the first one kept
        } else if (at(i, R"(""")")) {
          // Two more quotes may still belong to the string ("""a""""" is legal); here they read as "".
          mode = Mode::code;
          i += 2;
        }
        break;
      case Mode::multi_line_literal:
        if (at(i, "'''")) {
          mode = Mode::code;
          i += 2;
        }
        break;
    }
  }
}

}  // namespace

toml::table parse_toml_file(const std::string& path) {
  const std::string text = read_whole_file(path);
  reject_what_toml_parser_mishandles(text, path);
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError({path, static_cast<std::uint64_t>(e.source().begin.line), ""},
                     std::string(e.description()));
  }
}

}  // namespace minewatch
