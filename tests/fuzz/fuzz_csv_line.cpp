// Fuzzes the CSV field helpers: split_csv_line round-trips, the SWAR fast paths agree with the general ones,
// is_valid_utf8 agrees with a plain reference decoder, and parse_float agrees with strtof.
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "minewatch/io/csv_fields.h"

using minewatch::fuzz::check;

namespace {

// RFC 3629, byte by byte, written for clarity rather than speed.
bool reference_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      cp = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      cp = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + n >= text.size()) return false;  // truncated
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

std::string encode_csv(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"") == std::string::npos) {
      line += f;
    } else {
      line += '"';
      for (char c : f) {
        if (c == '"') line += '"';
        line += c;
      }
      line += '"';
    }
  }
  return line;
}

// A decimal in the strict grammar both parse_float and strtof are meant to accept:
// [+-]digits[.digits][e[+-]digits].
bool strict_decimal(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == t.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = minewatch::fuzz::as_text(data, size);

  std::vector<std::string_view> fields;
  std::string unquoted;
  if (minewatch::split_csv_line(line, fields, unquoted)) {
    check(!fields.empty(), "split_csv_line accepted a line with no field");
    const std::vector<std::string> copies(fields.begin(), fields.end());
    if (line.find('"') == std::string_view::npos) {
      std::string joined;
      for (std::size_t i = 0; i < copies.size(); ++i) joined += (i > 0 ? "," : "") + copies[i];
      check(joined == line, "the fields of an unquoted line do not join back into it");
    }
    // Writing the fields back as CSV and splitting again gives the same fields.
    const std::string again = encode_csv(copies);
    std::vector<std::string_view> fields2;
    std::string unquoted2;
    check(minewatch::split_csv_line(again, fields2, unquoted2), "re-encoded fields do not split");
    check(std::vector<std::string>(fields2.begin(), fields2.end()) == copies, "re-encoded fields differ");
  }

  // The SWAR helpers agree with the plain definitions.
  bool ascii_no_quote = true;
  for (char c : line) ascii_no_quote = ascii_no_quote && static_cast<unsigned char>(c) < 0x80 && c != '"';
  check(minewatch::is_plain_ascii(line) == ascii_no_quote, "is_plain_ascii is wrong");
  if (ascii_no_quote) {
    std::vector<std::string_view> plain;
    minewatch::split_plain_fields(line, plain);
    check(minewatch::split_csv_line(line, fields, unquoted), "a plain line does not split");
    check(plain == fields, "split_plain_fields differs from split_csv_line");
  }

  check(minewatch::is_valid_utf8(line) == reference_utf8(line), "is_valid_utf8 differs from the reference");

  const std::string_view trimmed = minewatch::trim(line);
  check(minewatch::trim(trimmed) == trimmed, "trim is not idempotent");

  float value = 0;
  const bool parsed = minewatch::parse_float(line, value);
  if (parsed) check(std::isfinite(value), "parse_float returned a non-finite value");
  if (strict_decimal(line) && line.size() < 200) {
    const std::string copy(line);
    errno = 0;
    char* end = nullptr;
    const float expected = std::strtof(copy.c_str(), &end);
    if (errno == 0 && end == copy.c_str() + copy.size() && std::isfinite(expected)) {
      check(parsed, "parse_float refused a decimal strtof reads");
      check(value == expected, "parse_float rounds differently from strtof");
    }
  }
  return 0;
}
