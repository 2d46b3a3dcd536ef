// io layer: splitting CSV lines into fields and checking text, without allocating per line.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch {

// Splits one line (no newline) into fields, RFC 4180 quoting included: "a,b" is one field and "" inside
// quotes is a quote. Quoted fields with escaped quotes are unescaped into `unquoted`, which must outlive the
// views. Returns false on an unterminated quote.
bool split_csv_line(std::string_view line, std::vector<std::string_view>& fields, std::string& unquoted);

// True when the line is all ASCII and has no quote: then split_plain_fields() splits it.
inline bool is_plain_ascii(std::string_view line) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  constexpr std::uint64_t kQuotes = 0x2222222222222222ULL;
  std::size_t i = 0;
  for (; i + 8 <= line.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, line.data() + i, 8);
    const std::uint64_t x = word ^ kQuotes;
    const std::uint64_t quote_bytes =
        ~(((x & kLow7) + kLow7) | x | kLow7);  // exact: 0x80 where a byte is '"'
    if (((word & ~kLow7) | quote_bytes) != 0) return false;
  }
  for (; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0x80 || c == '"') return false;
  }
  return true;
}

// Splits a line that is_plain_ascii() accepted, eight bytes at a time.
inline void split_plain_fields(std::string_view line, std::vector<std::string_view>& fields) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
  constexpr std::uint64_t kCommas = 0x2c2c2c2c2c2c2c2cULL;
  fields.clear();
  std::size_t start = 0;
  std::size_t i = 0;
  for (; i + 8 <= line.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, line.data() + i, 8);
    const std::uint64_t x = word ^ kCommas;
    std::uint64_t commas = ~(((x & kLow7) + kLow7) | x | kLow7);
    while (commas != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctzll(commas) >> 3);
      fields.push_back(line.substr(start, at - start));
      start = at + 1;
      commas &= commas - 1;
    }
  }
  for (; i < line.size(); ++i) {
    if (line[i] == ',') {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  fields.push_back(line.substr(start));
}

// The first field of a line, cheaply, when it is not quoted (the common case); empty optional otherwise.
inline bool first_field_fast(std::string_view line, std::string_view& field) {
  if (!line.empty() && line[0] == '"') return false;
  const auto comma = line.find(',');
  field = line.substr(0, comma);
  return true;
}

// True when the text is valid UTF-8 (checked fully only when a byte is not ASCII).
bool is_valid_utf8_slow(std::string_view text);
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) return is_valid_utf8_slow(text);
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return is_valid_utf8_slow(text);
  }
  return true;
}

// Parses a decimal number (exponent allowed, leading '+' allowed) into a float, correctly rounded; rejects
// trailing junk, NaN and infinities.
bool parse_float(std::string_view text, float& out);

// Strips surrounding spaces and tabs, and a trailing '\r'.
inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t'))
    text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// The items of a ';'-joined cell (tags, meter lists), trimmed, empty ones left out, in order:
// "a; b;;c" -> {"a", "b", "c"}.
std::vector<std::string_view> split_semicolon_list(std::string_view text);

}  // namespace minewatch
