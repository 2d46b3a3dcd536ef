#include "minewatch/io/csv_fields.h"

#include <charconv>
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

// std::from_chars: correctly rounded (libstdc++ 12 implements it with the fast_float algorithm) and faster
// than a hand-written decimal fast path we tried (bench/csv_fields_bench.cpp, BM_Number_*).
bool parse_float(std::string_view text, float& out) {
  if (text.empty()) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') {
    ++begin;  // from_chars rejects a leading '+', which some exports write
    if (begin == end || *begin == '-' || *begin == '+') return false;
  }
  const auto result = std::from_chars(begin, end, out);
  return result.ec == std::errc() && result.ptr == end && std::isfinite(out);
}

std::vector<std::string_view> split_semicolon_list(std::string_view text) {
  std::vector<std::string_view> items;
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    const std::string_view item = trim(text.substr(0, semicolon));
    if (!item.empty()) items.push_back(item);
    if (semicolon == std::string_view::npos) break;
    text.remove_prefix(semicolon + 1);
  }
  return items;
}

}  // namespace minewatch
