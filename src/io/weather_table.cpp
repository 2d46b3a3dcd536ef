#include "minewatch/io/weather_table.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"

namespace minewatch {
namespace {

constexpr float kColdestC = -90.0f;  // below the coldest temperature ever measured at a weather station
constexpr float kHottestC = 60.0f;
constexpr std::int64_t kMaxSpanDays = 200 * 366;

bool parse_date(std::string_view text, std::int64_t& day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int year = 0;
  unsigned month = 0;
  unsigned dom = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    year = year * 10 + (text[i] - '0');
  }
  for (std::size_t i : {5u, 6u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    month = month * 10 + static_cast<unsigned>(text[i] - '0');
  }
  for (std::size_t i : {8u, 9u}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    dom = dom * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return days_from_date(year, month, dom, day);
}

}  // namespace

WeatherTable WeatherTable::load(const std::string& path) {
  const std::string contents = read_whole_file(path);
  LineSplitter lines(contents);
  const CsvHeader csv = read_csv_header(lines, path);
  const std::vector<std::string>& header = csv.names;
  const std::size_t region_col = csv.require("region");
  const std::size_t date_col = csv.require("date");
  const std::size_t temp_col = csv.require("temp_c");

  WeatherTable table;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < header.size())
      throw InputError({path, line_no, header[fields.size()]}, "missing field");
    const std::string_view region = trim(fields[region_col]);
    if (region.empty()) throw InputError({path, line_no, "region"}, "empty region");
    std::int64_t day = 0;
    if (!parse_date(trim(fields[date_col]), day))
      throw InputError({path, line_no, "date"}, "not a date (YYYY-MM-DD)", trim(fields[date_col]));
    float temp = 0;
    if (!parse_float(trim(fields[temp_col]), temp))
      throw InputError({path, line_no, "temp_c"}, "not a number", trim(fields[temp_col]));
    if (!(temp >= kColdestC && temp <= kHottestC))
      throw InputError({path, line_no, "temp_c"}, "temperature outside -90..60 C", trim(fields[temp_col]));

    RegionDays& days = table.regions_[std::string(region)];
    if (days.temps.empty()) days.first_day = day;
    if (day < days.first_day) {
      // Rows out of date order: shift what is there to make room in front.
      const auto shift = static_cast<std::size_t>(days.first_day - day);
      days.temps.insert(days.temps.begin(), shift, NAN);
      days.first_day = day;
    }
    const std::int64_t index = day - days.first_day;
    if (index > kMaxSpanDays)
      throw InputError({path, line_no, "date"}, "more than 200 years after the first date");
    const auto i = static_cast<std::size_t>(index);
    if (i >= days.temps.size()) days.temps.resize(i + 1, NAN);
    if (!std::isnan(days.temps[i]))
      throw InputError({path, line_no, "date"}, "second temperature for the same region and date",
                       trim(fields[date_col]));
    days.temps[i] = temp;
  }
  return table;
}

std::vector<float> WeatherTable::temperatures(std::string_view region, std::int64_t first_day,
                                              std::size_t count) const {
  std::vector<float> out(count, NAN);
  const auto it = regions_.find(std::string(region));
  if (it == regions_.end()) return out;
  const RegionDays& days = it->second;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t index = first_day + static_cast<std::int64_t>(i) - days.first_day;
    if (index >= 0 && static_cast<std::size_t>(index) < days.temps.size())
      out[i] = days.temps[static_cast<std::size_t>(index)];
  }
  return out;
}

}  // namespace minewatch
