#include "minewatch/io/meter_events.h"

#include <algorithm>
#include <array>
#include <vector>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/csv_rows.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/io/meter_registry.h"

namespace minewatch {
namespace {

bool is_event_code(std::string_view code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string lower_case(std::string_view code) {
  std::string out(code);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-') c = '_';
  }
  return out;
}

}  // namespace

const char* event_kind_name(EventKind kind) {
  static constexpr std::array<const char*, kEventKindCount> names = {
      "cover_open", "magnetic_field", "reverse_flow", "clock_set", "power_loss", "other"};
  return names[static_cast<std::size_t>(kind)];
}

EventKind event_kind_of(std::string_view code) {
  static const std::unordered_map<std::string, EventKind> kinds = {
      {"cover_open", EventKind::cover_open},
      {"cover_opened", EventKind::cover_open},
      {"terminal_cover_open", EventKind::cover_open},
      {"meter_cover_open", EventKind::cover_open},
      {"magnetic_field", EventKind::magnetic_field},
      {"magnet", EventKind::magnetic_field},
      {"magnetic_tamper", EventKind::magnetic_field},
      {"reverse_flow", EventKind::reverse_flow},
      {"reverse_energy", EventKind::reverse_flow},
      {"reverse_current", EventKind::reverse_flow},
      {"clock_set", EventKind::clock_set},
      {"clock_adjust", EventKind::clock_set},
      {"time_set", EventKind::clock_set},
      {"power_loss", EventKind::power_loss},
      {"power_fail", EventKind::power_loss},
      {"power_failure", EventKind::power_loss},
      {"power_outage", EventKind::power_loss},
  };
  const auto it = kinds.find(lower_case(code));
  return it == kinds.end() ? EventKind::other : it->second;
}

MeterEvents MeterEvents::load(const std::string& path, const MeterRegistry* registry) {
  const std::string text = read_whole_file(path);
  LineSplitter lines(text);
  std::string_view line;
  std::vector<std::string_view> fields;
  std::string unquoted;
  if (!lines.next(line) || !split_csv_line(trim(line), fields, unquoted))
    throw InputError({path, 1, ""}, "empty file: expected the header meter_id,ts,code");
  std::size_t id_col = SIZE_MAX;
  std::size_t ts_col = SIZE_MAX;
  std::size_t code_col = SIZE_MAX;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto name = trim(fields[i]);
    if (name == "meter_id") id_col = i;
    if (name == "ts") ts_col = i;
    if (name == "code") code_col = i;
  }
  for (auto [col, name] :
       {std::pair{id_col, "meter_id"}, std::pair{ts_col, "ts"}, std::pair{code_col, "code"}}) {
    if (col == SIZE_MAX) throw InputError({path, 1, name}, "missing column");
  }
  const std::size_t needed = std::max({id_col, ts_col, code_col}) + 1;

  MeterEvents events;
  TimestampParser timestamps;
  std::uint64_t line_no = 1;
  while (next_csv_row(lines, path, line_no, fields, unquoted)) {
    if (fields.size() < needed) throw InputError({path, line_no, ""}, "missing field");
    const auto id = trim(fields[id_col]);
    const auto code = trim(fields[code_col]);
    ParsedTimestamp ts;
    if (id.empty()) throw InputError({path, line_no, "meter_id"}, "empty meter id");
    if (!timestamps.parse(trim(fields[ts_col]), ts))
      throw InputError({path, line_no, "ts"}, "bad timestamp", fields[ts_col]);
    if (!is_event_code(code)) throw InputError({path, line_no, "code"}, "bad event code", code);
    if (registry != nullptr && registry->find(id) == nullptr)
      throw InputError({path, line_no, "meter_id"}, "unknown meter (not in the meter registry)", id);
    MeterEventCounts& counts = events.by_meter_[std::string(id)];
    ++counts.total;
    counts.first_ts = std::min(counts.first_ts, ts.seconds);
    counts.last_ts = std::max(counts.last_ts, ts.seconds);
    ++counts.by_code[std::string(code)];
    counts.timeline.push_back({ts.seconds, event_kind_of(code), ts.kind != TimestampKind::utc});
    ++events.total_;
  }
  // Files are mostly in time order per meter: sort only the timelines that are not.
  for (auto& [id, counts] : events.by_meter_) {
    auto& t = counts.timeline;
    const auto earlier = [](const TimedEvent& a, const TimedEvent& b) { return a.ts < b.ts; };
    if (!std::is_sorted(t.begin(), t.end(), earlier)) std::stable_sort(t.begin(), t.end(), earlier);
  }
  return events;
}

const MeterEventCounts* MeterEvents::find(std::string_view meter_id) const {
  const auto it = by_meter_.find(std::string(meter_id));
  return it == by_meter_.end() ? nullptr : &it->second;
}

}  // namespace minewatch
