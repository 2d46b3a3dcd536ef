// policy layer: a yearly window of local month-days ("11-15" to "03-15"), both ends inclusive, that may
// wrap over the new year. Judged on a local calendar day, so a day crossing midnight in UTC is still one
// day of the region's own calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace minewatch::policy {

struct MonthDay {
  int month = 1;
  int day = 1;
  friend bool operator==(const MonthDay&, const MonthDay&) = default;
  int ordinal() const { return month * 32 + day; }  // orders month-days within any year
};

// "MM-DD" (02-29 allowed: it only matches in leap years). nullopt for anything else.
std::optional<MonthDay> parse_month_day(std::string_view text);
std::string format_month_day(MonthDay md);

struct SeasonWindow {
  MonthDay from;
  MonthDay to;

  // Whether the local calendar day (days since 1970-01-01) falls in the window. A window ending on 02-29
  // ends on 02-28 in a common year; one starting on 02-29 starts on 03-01.
  bool contains(std::int64_t local_day) const;
  bool wraps() const { return from.ordinal() > to.ordinal(); }
};

}  // namespace minewatch::policy
