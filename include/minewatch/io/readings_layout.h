// io layer: the three layouts of reading files, recognised from the header, and the parsing of one row.
//
//   long          meter_id,ts,kwh[,kvarh,voltage_v,current_a,pf]   one reading per row (columns in any order,
//                 common aliases accepted: customer_id, LCLid, reading_datetime, tstp, day, ...)
//   sgcc          CONS_NO[,FLAG],<date>,<date>,...                   one row per meter, daily kWh, dates in
//                 any order, blank = missing (the SGCC theft data set's layout)
//   wide_interval meter_id,date,<N interval columns>                 one row per meter and local day,
//                 N = 24, 48 or 96 (60/30/15-minute intervals, in order from local midnight)
// docs/formats.md is the reference.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/row_problem.h"

namespace minewatch {

enum class ReadingsFormat : std::uint8_t { automatic, long_csv, sgcc, wide_interval };

const char* readings_format_name(ReadingsFormat f);
// "auto", "long", "sgcc", "wide-interval"; false when unknown.
bool parse_readings_format(std::string_view name, ReadingsFormat& out);

struct ParsedReading {
  ParsedTimestamp ts;
  float kwh = 0;
};

// The optional channels of a long row: NaN when the file has no such column or the cell is blank. Interval
// values as exported (reactive energy; mean voltage, current and power factor of the interval).
struct ReadingChannels {
  float kvarh = NAN;
  float voltage_v = NAN;
  float current_a = NAN;
  float pf = NAN;
};

// Limits that make a value absurd rather than merely large (docs/formats.md).
struct ValueLimits {
  float max_reading_kwh = 1.0e6f;
};

class ReadingsLayout {
 public:
  // Reads the header line. Throws InputError naming the file and the missing or bad column.
  static ReadingsLayout from_header(std::string_view header, const std::string& file,
                                    ReadingsFormat requested);

  ReadingsFormat format() const { return format_; }
  std::size_t meter_column() const { return meter_column_; }
  std::size_t column_count() const { return column_names_.size(); }
  const std::string& column_name(std::size_t i) const { return column_names_[i]; }
  // The interval of a wide_interval layout in seconds (0 otherwise).
  std::int64_t wide_interval_seconds() const { return wide_interval_seconds_; }
  // The label column of an sgcc layout, FLAG, when present.
  bool has_flag() const { return flag_column_ != kNoColumn; }
  std::size_t flag_column() const { return flag_column_; }

  // True when a long layout has a voltage_v or current_a column: the readings' physics can be checked
  // (detect/reading_physics.h). Files without them never pay for the check.
  bool has_physics_channels() const {
    return channel_columns_[1] != kNoColumn || channel_columns_[2] != kNoColumn;
  }

  // True for the plain long layout "meter,ts,kwh" (in that order, nothing else), which has a fast path.
  bool is_plain_long() const { return plain_long_; }
  // The fast path: `rest` is the row after "meter_id,". Parses "ts,kwh" without splitting, and returns false
  // for anything unusual (quotes, spaces, more fields, a bad or out-of-range value), after which the caller
  // takes the general path, which classifies the problem.
  bool parse_plain_long_rest(std::string_view rest, TimestampParser& timestamps, const ValueLimits& limits,
                             ParsedReading& out) const {
    const std::size_t comma = rest.find(',');
    if (comma == std::string_view::npos) return false;
    return timestamps.parse(rest.substr(0, comma), out.ts) && parse_float(rest.substr(comma + 1), out.kwh) &&
           out.kwh >= 0 && out.kwh <= limits.max_reading_kwh;
  }

  // Parses a row already split into fields into `out` (cleared first): one reading for long, one per present
  // value for the wide layouts, in time order. Returns the problem of the first bad field, with `error`.
  // On negative_value the row is rejected all the same, but `out` ends with the negative reading (its time
  // and kWh), so that a caller may keep it as reverse-flow evidence (decision 0008). `channels`, when given,
  // receives the optional channels of a long row.
  RowProblem parse(const std::vector<std::string_view>& fields, TimestampParser& timestamps,
                   const ValueLimits& limits, std::vector<ParsedReading>& out, RowError& error,
                   ReadingChannels* channels = nullptr) const;

 private:
  static constexpr std::size_t kNoColumn = SIZE_MAX;

  RowProblem parse_long(const std::vector<std::string_view>& fields, TimestampParser& timestamps,
                        const ValueLimits& limits, std::vector<ParsedReading>& out, RowError& error,
                        ReadingChannels* channels) const;
  RowProblem parse_sgcc(const std::vector<std::string_view>& fields, const ValueLimits& limits,
                        std::vector<ParsedReading>& out, RowError& error) const;
  RowProblem parse_wide_interval(const std::vector<std::string_view>& fields, TimestampParser& timestamps,
                                 const ValueLimits& limits, std::vector<ParsedReading>& out,
                                 RowError& error) const;
  RowProblem check_energy(std::string_view text, std::size_t column, const ValueLimits& limits, float& kwh,
                          RowError& error) const;

  ReadingsFormat format_ = ReadingsFormat::long_csv;
  std::vector<std::string> column_names_;
  std::size_t meter_column_ = 0;
  std::size_t ts_column_ = kNoColumn;
  std::size_t kwh_column_ = kNoColumn;
  std::size_t flag_column_ = kNoColumn;
  std::size_t date_column_ = kNoColumn;
  bool plain_long_ = false;
  // kvarh, voltage_v, current_a, pf (kNoColumn: absent): validated as numbers, handed out on request.
  std::array<std::size_t, 4> channel_columns_{kNoColumn, kNoColumn, kNoColumn, kNoColumn};
  // sgcc: (day, column) in day order.
  std::vector<std::pair<std::int64_t, std::size_t>> day_columns_;
  // wide_interval: the first interval column and the interval.
  std::size_t first_interval_column_ = 0;
  std::int64_t wide_interval_seconds_ = 0;
};

// Parses an SGCC-style date header: "2014/1/1", "2014-01-01", "2014/01/01"; false otherwise.
bool parse_header_date(std::string_view text, std::int64_t& days);

}  // namespace minewatch
