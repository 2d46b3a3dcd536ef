// io layer: splitting CSV lines into fields and checking text, without allocating per line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minewatch {

// Splits one line (no newline) into fields, RFC 4180 quoting included: "a,b" is one field and "" inside
// quotes is a quote. Quoted fields with escaped quotes are unescaped into `unquoted`, which must outlive the
// views. Returns false on an unterminated quote.
bool split_csv_line(std::string_view line, std::vector<std::string_view>& fields, std::string& unquoted);

// The first field of a line, cheaply, when it is not quoted (the common case); empty optional otherwise.
inline bool first_field_fast(std::string_view line, std::string_view& field) {
  if (!line.empty() && line[0] == '"') return false;
  const auto comma = line.find(',');
  field = line.substr(0, comma);
  return true;
}

// True when every byte is ASCII (fast path) or the text is valid UTF-8.
bool is_valid_utf8(std::string_view text);

// Parses a decimal number into a float, rejecting trailing junk, NaN and infinities.
bool parse_float(std::string_view text, float& out);

// Strips surrounding spaces and a trailing '\r'.
std::string_view trim(std::string_view text);

}  // namespace minewatch
