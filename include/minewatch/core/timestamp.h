// core layer: parsing the timestamps of readings (ISO 8601 with offset or Z, naive local, dates, epoch
// seconds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace minewatch {

inline constexpr std::int64_t kSecondsPerDay = 86400;

enum class TimestampKind : std::uint8_t {
  utc,         // had 'Z', an offset, or was epoch seconds: an instant
  local,       // a wall-clock time with no offset: resolved in the meter's time zone
  local_date,  // a date alone (daily data): the local day itself
};

struct ParsedTimestamp {
  std::int64_t seconds = 0;  // since 1970-01-01T00:00:00 (UTC for utc, wall clock for local kinds)
  TimestampKind kind = TimestampKind::utc;
};

// Parses one timestamp field. Hand-written because it runs once per reading (hundreds of millions per scan);
// bench/timestamp_bench.cpp measures it against date::parse, which is the bottleneck there. Keeps the last
// date it saw, since consecutive readings mostly share a day. One parser per thread.
class TimestampParser {
 public:
  // Accepts: epoch seconds ("1735689600"); "YYYY-MM-DD"; "YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]" optionally
  // followed by "Z", "+HH:MM", "+HHMM" or "+HH" (or '-'). Returns false for anything else, including
  // impossible dates and times.
  bool parse(std::string_view text, ParsedTimestamp& out);

 private:
  char last_date_[10] = {};
  std::int64_t last_days_ = 0;
  bool has_last_date_ = false;
};

// A day number that means "none" (a blank date, no switch-on seen, no stop).
inline constexpr std::int64_t kNoDay = INT64_MIN;

// Days since 1970-01-01 for a proleptic Gregorian date; false if the date does not exist.
bool days_from_date(int year, unsigned month, unsigned day, std::int64_t& days);

// A day number from exactly "YYYY-MM-DD"; nullopt for anything else or a date that does not exist.
std::optional<std::int64_t> parse_iso_day(std::string_view text);

// Formats an instant as "YYYY-MM-DDTHH:MM:SSZ", and a day number as "YYYY-MM-DD".
std::string format_utc(std::int64_t seconds);
std::string format_day(std::int64_t days);
// format_day, or "" for kNoDay (a blank date column).
std::string format_day_or_empty(std::int64_t days);
// The current instant as format_utc writes it (when a scan ran, when a model was trained).
std::string utc_now();

// Floor division that is correct for negative numerators (instants before 1970).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace minewatch
