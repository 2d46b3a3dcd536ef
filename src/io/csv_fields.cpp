#include "minewatch/io/csv_fields.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdint>
#include <cstring>

namespace minewatch {

bool split_csv_line(std::string_view line, std::vector<std::string_view>& fields, std::string& unquoted) {
  fields.clear();
  if (line.find('"') == std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      if (comma == std::string_view::npos) {
        fields.push_back(line.substr(start));
        return true;
      }
      fields.push_back(line.substr(start, comma - start));
      start = comma + 1;
    }
  }
  // Quoted fields: unescaped copies live in `unquoted`, reserved so that views into it stay valid.
  unquoted.clear();
  unquoted.reserve(line.size());
  std::size_t i = 0;
  while (true) {
    if (i < line.size() && line[i] == '"') {
      const std::size_t begin = unquoted.size();
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            unquoted.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        unquoted.push_back(line[i++]);
      }
      if (!closed) return false;
      fields.emplace_back(unquoted.data() + begin, unquoted.size() - begin);
      if (i >= line.size()) return true;
      if (line[i] != ',') return false;  // text after a closing quote
      ++i;
    } else {
      const std::size_t comma = line.find(',', i);
      if (comma == std::string_view::npos) {
        fields.push_back(line.substr(i));
        return true;
      }
      fields.push_back(line.substr(i, comma - i));
      i = comma + 1;
    }
  }
}

bool is_valid_utf8_slow(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra = 0;
    std::uint32_t code = 0;
    if ((c & 0xe0) == 0xc0) {
      extra = 1;
      code = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      code = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((p[k] & 0xc0) != 0x80) return false;
      code = (code << 6) | (p[k] & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    static constexpr std::uint32_t kMinimum[4] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[extra] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    p += extra + 1;
  }
  return true;
}

namespace {

// Powers of ten a float holds exactly, for the fast path below.
constexpr float kExactPowersOfTen[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

// Plain decimals ("0.412", "12", "3.25") with at most 7 significant digits: the integer of the digits and the
// power of ten are both exact floats, so one IEEE division gives the correctly rounded result, the same value
// fast_float returns. Hand-written because a reading's kWh is parsed hundreds of millions of times per scan and
// the callgrind profile of `minewatch scan` showed fast_float's general path at ~13% of all instructions
// (bench/csv_bench.cpp compares them). Anything else falls back to fast_float.
inline bool parse_plain_decimal(std::string_view text, float& out) {
  std::uint32_t digits = 0;
  int significant = 0;
  int decimals = -1;  // -1 until the point is seen
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (significant > 0 || c != '0') ++significant;
      if (significant > 7) return false;
      digits = digits * 10 + static_cast<std::uint32_t>(c - '0');
      if (decimals >= 0) ++decimals;
    } else if (c == '.' && decimals < 0) {
      decimals = 0;
    } else {
      return false;
    }
  }
  if (decimals == 0 || decimals > 10 || text.empty() || text.front() == '.') return false;
  const auto value = static_cast<float>(digits);
  out = decimals > 0 ? value / kExactPowersOfTen[decimals] : value;
  return true;
}

}  // namespace

bool parse_float(std::string_view text, float& out) {
  if (text.empty()) return false;
  if (parse_plain_decimal(text, out)) return true;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') {
    ++begin;  // fast_float rejects a leading '+', which some exports write
    if (begin == end || *begin == '-' || *begin == '+') return false;
  }
  const auto result = fast_float::from_chars(begin, end, out);
  return result.ec == std::errc() && result.ptr == end && std::isfinite(out);
}

}  // namespace minewatch
