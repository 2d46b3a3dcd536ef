// sim layer: dates, holidays and daylight for the load models. Days are numbered from 1970-01-01 (local).
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch::sim {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

CivilDate civil_from_days(std::int64_t days);
// 0 = 1 January.
int day_of_year(std::int64_t days);
// ISO weekday: 0 = Monday ... 6 = Sunday.
constexpr int weekday_of(std::int64_t days) {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

// "YYYY-MM-DD" to a day number; false for anything else or an impossible date.
bool parse_date(std::string_view text, std::int64_t& days);
// Hours from sunrise to sunset at a latitude (degrees) on a day of the year, by the standard solar
// declination approximation (Cooper 1969); 0 or 24 inside the polar circles.
double daylength_hours(double lat_deg, int day_of_year);

// Non-working public holidays as local month-days.
class HolidayCalendar {
 public:
  explicit HolidayCalendar(const std::vector<std::string>& month_days);
  bool is_holiday(const CivilDate& date) const {
    return days_off_[static_cast<std::size_t>(date.month * 32 + date.day)];
  }

 private:
  std::bitset<13 * 32> days_off_;
};

}  // namespace minewatch::sim
