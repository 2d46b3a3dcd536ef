#include "minewatch/policy/season_window.h"

#include <date/date.h>
#include <fmt/format.h>

namespace minewatch::policy {
namespace {

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// The month-day as it falls in a given year: 02-29 moves to the nearest real day on the window's inside.
MonthDay in_year(MonthDay md, int year, bool is_start) {
  if (md.month == 2 && md.day == 29 && !is_leap(year)) return is_start ? MonthDay{3, 1} : MonthDay{2, 28};
  return md;
}

}  // namespace

std::optional<MonthDay> parse_month_day(std::string_view text) {
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
  const int month = (text[0] - '0') * 10 + (text[1] - '0');
  const int day = (text[3] - '0') * 10 + (text[4] - '0');
  static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1]) return std::nullopt;
  return MonthDay{month, day};
}

std::string format_month_day(MonthDay md) {
  return fmt::format("{:02}-{:02}", md.month, md.day);
}

bool SeasonWindow::contains(std::int64_t local_day) const {
  const date::year_month_day ymd{date::sys_days{date::days{local_day}}};
  const int year = static_cast<int>(ymd.year());
  const MonthDay today{static_cast<int>(static_cast<unsigned>(ymd.month())),
                       static_cast<int>(static_cast<unsigned>(ymd.day()))};
  const int t = today.ordinal();
  const int start = in_year(from, year, true).ordinal();
  const int end = in_year(to, year, false).ordinal();
  if (!wraps()) return start <= t && t <= end;
  return t >= start || t <= end;  // e.g. 11-15 .. 03-15: the year's tail or its head
}

}  // namespace minewatch::policy
