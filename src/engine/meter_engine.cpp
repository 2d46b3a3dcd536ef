#include "minewatch/engine/meter_engine.h"

#include <algorithm>
#include <stdexcept>

#include "minewatch/core/checkpoint.h"

namespace minewatch {
namespace {

constexpr std::int64_t kUnitSeconds = 900;  // the engine's finest grain: 15 minutes
constexpr std::int64_t kMaxUnitsPerDay = 128;

}  // namespace

MeterEngine::MeterEngine(const ZoneTable& zones, DaySink& sink, EngineOptions options)
    : zones_(zones), sink_(sink), options_(options) {
  add_clocks();
}

void MeterEngine::add_clocks() {
  // Zones interned after the engine was built (a stream meets new meters) get their clocks here.
  for (std::size_t i = clocks_.size(); i < zones_.size(); ++i)
    clocks_.emplace_back(zones_.zone(static_cast<ZoneId>(i)));
}

MeterIndex MeterEngine::add_meter(ZoneId zone) {
  if (zone >= clocks_.size()) add_clocks();
  if (zone >= clocks_.size()) throw std::out_of_range("MeterEngine::add_meter: zone not in the zone table");
  MeterState state;
  state.zone = zone;
  meters_.push_back(state);
  return static_cast<MeterIndex>(meters_.size() - 1);
}

void MeterEngine::open_day(MeterState& state, const LocalDay& day) {
  state.open = OpenDay{};
  state.open.day = day.day;
  state.open.start_utc = day.start_utc;
  state.open.end_utc = day.end_utc;
  state.open.is_open = true;
}

void MeterEngine::close_day(MeterIndex meter, MeterState& state) {
  OpenDay& open = state.open;
  if (!open.is_open) return;
  DayRecord& record = scratch_;
  record.day = open.day;
  record.start_utc = open.start_utc;
  record.interval_s = state.history.interval_s;
  record.readings = open.readings;
  const std::int64_t day_seconds = open.end_utc - open.start_utc;
  record.hours = static_cast<std::uint8_t>((day_seconds + 1800) / 3600);
  record.expected =
      record.interval_s > 0
          ? static_cast<std::uint16_t>(std::max<std::int64_t>(1, day_seconds / record.interval_s))
          : 0;
  record.weekday = iso_weekday(open.day);
  record.kwh = open.kwh;
  record.hourly_kwh = open.hourly_kwh;
  ++state.history.days_closed;
  open.is_open = false;
  sink_.on_day(meter, record);
}

std::int64_t MeterEngine::resolve_instant(ZoneClock& clock, const ParsedTimestamp& ts,
                                          std::int64_t& written) const {
  switch (ts.kind) {
    case TimestampKind::utc:
      written = ts.seconds;
      return options_.timestamps_mark_interval_end ? written - 1 : written;
    case TimestampKind::local:
      written = clock.local_to_utc(ts.seconds);
      return options_.timestamps_mark_interval_end ? written - 1 : written;
    case TimestampKind::local_date:
      written = clock.local_to_utc(ts.seconds);
      return written;
  }
  return written;
}

std::int64_t MeterEngine::local_day_of(MeterIndex meter, const ParsedTimestamp& ts) {
  if (ts.kind == TimestampKind::local_date) return floor_div(ts.seconds, kSecondsPerDay);
  ZoneClock& clock = clocks_[meters_[meter].zone];
  std::int64_t written = 0;
  return clock.day_of(resolve_instant(clock, ts, written)).day;
}

RowProblem MeterEngine::apply(MeterIndex meter, const ParsedTimestamp& ts, float kwh) {
  MeterState& state = meters_[meter];
  ZoneClock& clock = clocks_[state.zone];

  std::int64_t written = 0;
  const std::int64_t instant = resolve_instant(clock, ts, written);

  OpenDay& open = state.open;
  MeterHistory& history = state.history;
  // Late: before the open day, or inside or before the last closed one.
  if (history.readings > 0 && instant < (open.is_open ? open.start_utc : open.end_utc)) {
    ++history.late;
    return RowProblem::late_reading;
  }
  // The interval is updated before a day closes, so that the first day already knows it.
  const std::int64_t gap_clock = ts.kind == TimestampKind::local_date ? ts.seconds : written;
  if (state.previous_ts != INT64_MIN && gap_clock > state.previous_ts) {
    const auto gap =
        static_cast<std::int32_t>(std::min<std::int64_t>(gap_clock - state.previous_ts, kSecondsPerDay));
    const std::int32_t interval = std::max<std::int32_t>(gap, static_cast<std::int32_t>(kUnitSeconds));
    if (history.interval_s == 0 || interval < history.interval_s) history.interval_s = interval;
  }
  if (!open.is_open || instant >= open.end_utc) {
    close_day(meter, state);
    open_day(state, ts.kind == TimestampKind::local_date ? clock.day_at(floor_div(ts.seconds, kSecondsPerDay))
                                                         : clock.day_of(instant));
  }

  const std::int64_t offset = instant - open.start_utc;
  const std::int64_t unit = std::min(offset / kUnitSeconds, kMaxUnitsPerDay - 1);
  const std::uint64_t bit = std::uint64_t{1} << (unit & 63);
  std::uint64_t& word = open.seen_units[static_cast<std::size_t>(unit >> 6)];
  if ((word & bit) != 0) {
    ++state.history.duplicates;
    return RowProblem::duplicate_reading;
  }
  word |= bit;

  open.kwh += kwh;
  open.hourly_kwh[static_cast<std::size_t>(std::min<std::int64_t>(offset / 3600, 24))] += kwh;
  ++open.readings;

  state.previous_ts = std::max(state.previous_ts, gap_clock);
  history.first_ts = std::min(history.first_ts, written);
  history.last_ts = std::max(history.last_ts, written);
  ++history.readings;
  return RowProblem::none;
}

void MeterEngine::close_days_ending_by(std::int64_t utc) {
  for (std::size_t m = 0; m < meters_.size(); ++m) {
    MeterState& state = meters_[m];
    if (state.open.is_open && state.open.end_utc <= utc) close_day(static_cast<MeterIndex>(m), state);
  }
}

void MeterEngine::close_all() {
  for (std::size_t m = 0; m < meters_.size(); ++m) close_day(static_cast<MeterIndex>(m), meters_[m]);
}

void MeterEngine::save_checkpoint(std::ostream& out) const {
  write_checkpoint_section(out, "MWEN", meters_);
}

void MeterEngine::load_checkpoint(std::istream& in) {
  std::vector<MeterState> meters = read_checkpoint_section<MeterState>(in, "MWEN");
  for (const MeterState& m : meters) {
    if (m.zone >= clocks_.size()) add_clocks();
    if (m.zone >= clocks_.size())
      throw std::runtime_error("checkpoint: a meter's zone is not in this zone table");
  }
  meters_ = std::move(meters);
}

}  // namespace minewatch
