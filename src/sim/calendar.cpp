#include "minewatch/sim/calendar.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "minewatch/core/timestamp.h"
#include "minewatch/policy/season_window.h"

namespace minewatch::sim {
namespace {

bool two_digits(std::string_view text, std::size_t at, int& out) {
  if (text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return false;
  out = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return true;
}

}  // namespace

// Howard Hinnant's civil_from_days (http://howardhinnant.github.io/date_algorithms.html).
CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int day_of_year(std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  std::int64_t first = 0;
  days_from_date(date.year, 1, 1, first);
  return static_cast<int>(days - first);
}

bool parse_date(std::string_view text, std::int64_t& days) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int century = 0, year = 0, month = 0, day = 0;
  if (!two_digits(text, 0, century) || !two_digits(text, 2, year) || !two_digits(text, 5, month) ||
      !two_digits(text, 8, day))
    return false;
  return days_from_date(century * 100 + year, static_cast<unsigned>(month), static_cast<unsigned>(day), days);
}

double daylength_hours(double lat_deg, int doy) {
  constexpr double kDegree = std::numbers::pi / 180.0;
  const double declination = 23.44 * kDegree * std::sin(2.0 * std::numbers::pi * (284.0 + doy + 1) / 365.0);
  const double x = -std::tan(lat_deg * kDegree) * std::tan(declination);
  if (x >= 1.0) return 0.0;
  if (x <= -1.0) return 24.0;
  return 2.0 * std::acos(x) / kDegree / 15.0;
}

HolidayCalendar::HolidayCalendar(const std::vector<std::string>& month_days) {
  for (const auto& text : month_days) {
    if (const auto md = policy::parse_month_day(text)) days_off_.set(static_cast<std::size_t>(md->ordinal()));
  }
}

}  // namespace minewatch::sim
