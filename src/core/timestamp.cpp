#include "minewatch/core/timestamp.h"

#include <date/date.h>
#include <fmt/format.h>

#include <chrono>
#include <cstring>

namespace minewatch {
namespace {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly n digits at text[pos]; false if any is not a digit.
inline bool read_digits(std::string_view text, std::size_t pos, std::size_t n, int& value) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  value = v;
  return true;
}

bool parse_epoch_seconds(std::string_view text, ParsedTimestamp& out) {
  if (text.empty() || text.size() > 12) return false;
  std::int64_t v = 0;
  for (char c : text) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out.seconds = v;
  out.kind = TimestampKind::utc;
  return true;
}

// Parses the zone designator after the time: "", "Z", "+HH", "+HHMM", "+HH:MM" (or '-').
bool parse_offset(std::string_view rest, bool& has_offset, int& offset_seconds) {
  has_offset = false;
  offset_seconds = 0;
  if (rest.empty()) return true;
  if (rest.size() == 1 && (rest[0] == 'Z' || rest[0] == 'z')) {
    has_offset = true;
    return true;
  }
  if (rest[0] != '+' && rest[0] != '-') return false;
  const int sign = rest[0] == '-' ? -1 : 1;
  int hh = 0;
  int mm = 0;
  if (rest.size() == 3) {
    if (!read_digits(rest, 1, 2, hh)) return false;
  } else if (rest.size() == 5) {
    if (!read_digits(rest, 1, 2, hh) || !read_digits(rest, 3, 2, mm)) return false;
  } else if (rest.size() == 6 && rest[3] == ':') {
    if (!read_digits(rest, 1, 2, hh) || !read_digits(rest, 4, 2, mm)) return false;
  } else {
    return false;
  }
  if (hh > 14 || mm > 59) return false;
  has_offset = true;
  offset_seconds = sign * (hh * 3600 + mm * 60);
  return true;
}

}  // namespace

bool days_from_date(int year, unsigned month, unsigned day, std::int64_t& days) {
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) return false;
  days = date::sys_days{ymd}.time_since_epoch().count();
  return true;
}

bool TimestampParser::parse(std::string_view text, ParsedTimestamp& out) {
  if (text.size() < 10 || text[4] != '-') return parse_epoch_seconds(text, out);
  if (text[7] != '-') return false;

  std::int64_t days = 0;
  if (has_last_date_ && std::memcmp(last_date_, text.data(), 10) == 0) {
    days = last_days_;
  } else {
    int year = 0;
    int month = 0;
    int day = 0;
    if (!read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day))
      return false;
    if (!days_from_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day), days)) return false;
    std::memcpy(last_date_, text.data(), 10);
    last_days_ = days;
    has_last_date_ = true;
  }

  if (text.size() == 10) {
    out.seconds = days * kSecondsPerDay;
    out.kind = TimestampKind::local_date;
    return true;
  }
  if (text[10] != 'T' && text[10] != ' ') return false;

  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' ||
      !read_digits(text, 14, 2, minute))
    return false;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second)) return false;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      // Sub-second digits are validated and dropped: readings are at least a minute apart.
      ++pos;
      const std::size_t first_fraction_digit = pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      if (pos == first_fraction_digit) return false;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return false;

  bool has_offset = false;
  int offset_seconds = 0;
  if (!parse_offset(text.substr(pos), has_offset, offset_seconds)) return false;

  out.seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset_seconds;
  out.kind = has_offset ? TimestampKind::utc : TimestampKind::local;
  return true;
}

std::string format_utc(std::int64_t seconds) {
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  const std::int64_t in_day = seconds - days * kSecondsPerDay;
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), in_day / 3600,
                     (in_day / 60) % 60, in_day % 60);
}

std::optional<std::int64_t> parse_iso_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  std::int64_t days = 0;
  if (!days_from_date(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]), days))
    return std::nullopt;
  return days;
}

std::string format_day(std::int64_t days) {
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string format_day_or_empty(std::int64_t days) {
  return days == kNoDay ? std::string() : format_day(days);
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  return format_utc(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace minewatch
