#include "minewatch/io/readings_layout.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "minewatch/core/error.h"

namespace minewatch {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Column names that real exports use for the same thing (lower case). A balance file (docs/balance.md) is
// keyed by transformer_id, its "meter" being the transformer's balance meter.
constexpr std::array<std::string_view, 8> kMeterAliases = {
    "meter_id", "meter", "customer_id", "lclid", "cons_no", "id", "meterid", "transformer_id"};
constexpr std::array<std::string_view, 10> kTimeAliases = {
    "ts",   "timestamp",      "time",         "datetime", "reading_datetime",
    "tstp", "interval_start", "interval_end", "day",      "date"};
constexpr std::array<std::string_view, 7> kEnergyAliases = {
    "kwh", "energy_kwh", "general_supply_kwh", "energy(kwh/hh)", "consumption_kwh", "value", "energy"};
constexpr std::array<std::string_view, 4> kOptionalNumberColumns = {"kvarh", "voltage_v", "current_a", "pf"};

template <std::size_t N>
std::size_t find_column(const std::vector<std::string>& lowered,
                        const std::array<std::string_view, N>& aliases) {
  for (std::string_view alias : aliases) {
    const auto it = std::find(lowered.begin(), lowered.end(), alias);
    if (it != lowered.end()) return static_cast<std::size_t>(it - lowered.begin());
  }
  return SIZE_MAX;
}

bool parse_small_int(std::string_view text, int& value) {
  if (text.empty() || text.size() > 4) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

std::string header_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

}  // namespace

const char* readings_format_name(ReadingsFormat f) {
  switch (f) {
    case ReadingsFormat::automatic:
      return "auto";
    case ReadingsFormat::long_csv:
      return "long";
    case ReadingsFormat::sgcc:
      return "sgcc";
    case ReadingsFormat::wide_interval:
      return "wide-interval";
  }
  return "?";
}

bool parse_readings_format(std::string_view name, ReadingsFormat& out) {
  for (auto f : {ReadingsFormat::automatic, ReadingsFormat::long_csv, ReadingsFormat::sgcc,
                 ReadingsFormat::wide_interval}) {
    if (name == readings_format_name(f)) {
      out = f;
      return true;
    }
  }
  return false;
}

bool parse_header_date(std::string_view text, std::int64_t& days) {
  const char separator = text.find('/') != std::string_view::npos ? '/' : '-';
  const auto first = text.find(separator);
  if (first == std::string_view::npos) return false;
  const auto second = text.find(separator, first + 1);
  if (second == std::string_view::npos) return false;
  int year = 0;
  int month = 0;
  int day = 0;
  if (first != 4 || !parse_small_int(text.substr(0, first), year) ||
      !parse_small_int(text.substr(first + 1, second - first - 1), month) ||
      !parse_small_int(text.substr(second + 1), day))
    return false;
  return days_from_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day), days);
}

ReadingsLayout ReadingsLayout::from_header(std::string_view header, const std::string& file,
                                           ReadingsFormat requested) {
  if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);  // UTF-8 BOM
  header = trim(header);
  if (!is_valid_utf8(header)) throw InputError({file, 1, ""}, "header is not valid UTF-8");
  std::vector<std::string_view> fields;
  std::string unquoted;
  if (header.empty() || !split_csv_line(header, fields, unquoted))
    throw InputError({file, 1, ""}, "missing or malformed header line", header);

  ReadingsLayout layout;
  std::vector<std::string> lowered;
  for (auto f : fields) {
    layout.column_names_.emplace_back(trim(f));
    lowered.push_back(lower(trim(f)));
  }

  std::size_t date_columns = 0;
  for (const auto& name : layout.column_names_) {
    std::int64_t days = 0;
    if (parse_header_date(name, days)) ++date_columns;
  }
  const std::size_t meter = find_column(lowered, kMeterAliases);
  const std::size_t date = find_column(lowered, std::array<std::string_view, 2>{"date", "day"});

  ReadingsFormat format = requested;
  if (format == ReadingsFormat::automatic) {
    if (lowered[0] == "cons_no" || date_columns >= 3) {
      format = ReadingsFormat::sgcc;
    } else if (meter != SIZE_MAX && date != SIZE_MAX && layout.column_names_.size() >= 26) {
      format = ReadingsFormat::wide_interval;
    } else {
      format = ReadingsFormat::long_csv;
    }
  }
  layout.format_ = format;

  const auto require = [&](std::size_t column, std::string_view what) {
    if (column == SIZE_MAX)
      throw InputError({file, 1, std::string(what)},
                       std::string("missing column (") + readings_format_name(format) + " layout)",
                       header_list(layout.column_names_));
    return column;
  };

  switch (format) {
    case ReadingsFormat::automatic:
    case ReadingsFormat::long_csv: {
      layout.meter_column_ = require(meter, "meter_id");
      layout.ts_column_ = require(find_column(lowered, kTimeAliases), "ts");
      layout.kwh_column_ = require(find_column(lowered, kEnergyAliases), "kwh");
      for (std::size_t c = 0; c < kOptionalNumberColumns.size(); ++c) {
        const auto it = std::find(lowered.begin(), lowered.end(), kOptionalNumberColumns[c]);
        if (it != lowered.end()) layout.channel_columns_[c] = static_cast<std::size_t>(it - lowered.begin());
      }
      layout.plain_long_ = layout.column_names_.size() == 3 && layout.meter_column_ == 0 &&
                           layout.ts_column_ == 1 && layout.kwh_column_ == 2;
      break;
    }
    case ReadingsFormat::sgcc: {
      layout.meter_column_ = meter != SIZE_MAX ? meter : 0;
      const auto flag = std::find(lowered.begin(), lowered.end(), "flag");
      if (flag != lowered.end()) layout.flag_column_ = static_cast<std::size_t>(flag - lowered.begin());
      for (std::size_t i = 0; i < layout.column_names_.size(); ++i) {
        if (i == layout.meter_column_ || i == layout.flag_column_) continue;
        std::int64_t days = 0;
        if (!parse_header_date(layout.column_names_[i], days))
          throw InputError({file, 1, layout.column_names_[i]},
                           "sgcc layout: column is not a date (YYYY/M/D or YYYY-MM-DD)");
        layout.day_columns_.emplace_back(days, i);
      }
      if (layout.day_columns_.empty()) throw InputError({file, 1, ""}, "sgcc layout: no date columns");
      std::sort(layout.day_columns_.begin(), layout.day_columns_.end());
      for (std::size_t i = 1; i < layout.day_columns_.size(); ++i) {
        if (layout.day_columns_[i].first == layout.day_columns_[i - 1].first)
          throw InputError({file, 1, layout.column_names_[layout.day_columns_[i].second]},
                           "sgcc layout: the same date appears in two columns");
      }
      break;
    }
    case ReadingsFormat::wide_interval: {
      layout.meter_column_ = require(meter, "meter_id");
      layout.date_column_ = require(date, "date");
      const std::size_t first = std::max(layout.meter_column_, layout.date_column_) + 1;
      const std::size_t intervals =
          layout.column_names_.size() - std::min(first, layout.column_names_.size());
      if (std::min(layout.meter_column_, layout.date_column_) != 0 ||
          std::max(layout.meter_column_, layout.date_column_) != 1)
        throw InputError({file, 1, "meter_id"},
                         "wide-interval layout: meter_id and date must be the first two columns");
      if (intervals != 24 && intervals != 48 && intervals != 96)
        throw InputError({file, 1, ""},
                         "wide-interval layout: expected 24, 48 or 96 interval columns, found " +
                             std::to_string(intervals));
      layout.first_interval_column_ = first;
      layout.wide_interval_seconds_ = kSecondsPerDay / static_cast<std::int64_t>(intervals);
      break;
    }
  }
  return layout;
}

RowProblem ReadingsLayout::check_energy(std::string_view text, std::size_t column, const ValueLimits& limits,
                                        float& kwh, RowError& error) const {
  RowProblem problem = RowProblem::none;
  if (!parse_float(trim(text), kwh)) {
    problem = RowProblem::bad_number;
  } else if (kwh < 0) {
    problem = RowProblem::negative_value;
  } else if (kwh > limits.max_reading_kwh) {
    problem = RowProblem::absurd_value;
  }
  if (problem != RowProblem::none) error = {problem, column_names_[column], text};
  return problem;
}

RowProblem ReadingsLayout::parse(const std::vector<std::string_view>& fields, TimestampParser& timestamps,
                                 const ValueLimits& limits, std::vector<ParsedReading>& out, RowError& error,
                                 ReadingChannels* channels) const {
  out.clear();
  // Every layout needs all the header's columns (extra trailing fields are ignored).
  if (fields.size() < column_names_.size()) {
    error = {RowProblem::missing_field, column_names_[fields.size()], {}};
    return error.problem;
  }
  switch (format_) {
    case ReadingsFormat::sgcc:
      return parse_sgcc(fields, limits, out, error);
    case ReadingsFormat::wide_interval:
      return parse_wide_interval(fields, timestamps, limits, out, error);
    case ReadingsFormat::automatic:
    case ReadingsFormat::long_csv:
      break;
  }
  return parse_long(fields, timestamps, limits, out, error, channels);
}

RowProblem ReadingsLayout::parse_long(const std::vector<std::string_view>& fields,
                                      TimestampParser& timestamps, const ValueLimits& limits,
                                      std::vector<ParsedReading>& out, RowError& error,
                                      ReadingChannels* channels) const {
  ParsedReading reading;
  if (!timestamps.parse(trim(fields[ts_column_]), reading.ts)) {
    error = {RowProblem::bad_timestamp, column_names_[ts_column_], fields[ts_column_]};
    return error.problem;
  }
  if (const auto p = check_energy(fields[kwh_column_], kwh_column_, limits, reading.kwh, error);
      p != RowProblem::none) {
    if (p == RowProblem::negative_value) out.push_back(reading);
    return p;
  }
  std::array<float, 4> values{NAN, NAN, NAN, NAN};
  for (std::size_t c = 0; c < channel_columns_.size(); ++c) {
    const std::size_t column = channel_columns_[c];
    if (column == kNoColumn) continue;
    const auto text = trim(fields[column]);
    if (!text.empty() && !parse_float(text, values[c])) {
      error = {RowProblem::bad_number, column_names_[column], fields[column]};
      return error.problem;
    }
  }
  if (channels != nullptr) *channels = {values[0], values[1], values[2], values[3]};
  out.push_back(reading);
  return RowProblem::none;
}

RowProblem ReadingsLayout::parse_sgcc(const std::vector<std::string_view>& fields, const ValueLimits& limits,
                                      std::vector<ParsedReading>& out, RowError& error) const {
  if (flag_column_ != kNoColumn) {
    const auto flag = trim(fields[flag_column_]);
    if (!flag.empty() && flag != "0" && flag != "1") {
      error = {RowProblem::bad_number, column_names_[flag_column_], fields[flag_column_]};
      return error.problem;
    }
  }
  for (const auto& [day, column] : day_columns_) {
    const auto text = trim(fields[column]);
    if (text.empty()) continue;  // blank = missing day
    ParsedReading reading;
    reading.ts = {day * kSecondsPerDay, TimestampKind::local_date};
    if (const auto p = check_energy(text, column, limits, reading.kwh, error); p != RowProblem::none) {
      if (p == RowProblem::negative_value) out.push_back(reading);
      return p;
    }
    out.push_back(reading);
  }
  return RowProblem::none;
}

RowProblem ReadingsLayout::parse_wide_interval(const std::vector<std::string_view>& fields,
                                               TimestampParser& timestamps, const ValueLimits& limits,
                                               std::vector<ParsedReading>& out, RowError& error) const {
  ParsedTimestamp day;
  if (!timestamps.parse(trim(fields[date_column_]), day) || day.kind != TimestampKind::local_date) {
    error = {RowProblem::bad_timestamp, column_names_[date_column_], fields[date_column_]};
    return error.problem;
  }
  for (std::size_t column = first_interval_column_; column < column_names_.size(); ++column) {
    const auto text = trim(fields[column]);
    if (text.empty()) continue;
    ParsedReading reading;
    const auto slot = static_cast<std::int64_t>(column - first_interval_column_);
    reading.ts = {day.seconds + slot * wide_interval_seconds_, TimestampKind::local};
    if (const auto p = check_energy(text, column, limits, reading.kwh, error); p != RowProblem::none) {
      if (p == RowProblem::negative_value) out.push_back(reading);
      return p;
    }
    out.push_back(reading);
  }
  return RowProblem::none;
}

}  // namespace minewatch
