// engine layer: the incremental engine. Per meter it keeps only the open local day and a few counters, takes
// readings one at a time, and hands each day to a DaySink when the day closes. A batch scan feeds it from a
// file; a stream feeds it from messages; the rule for late and duplicate readings is the same
// (docs/formats.md):
//   - a reading for the open day or a later one is accepted; a later day first closes the open one;
//   - a reading for a day already closed is late: counted, rejected, the closed day left as it was;
//   - a second reading for the same 15-minute unit of a day is a duplicate: counted, the first one kept.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/engine/day_record.h"
#include "minewatch/io/row_problem.h"

namespace minewatch {

struct EngineOptions {
  // Interval timestamps mark the end of their interval (00:30 = 00:00..00:30) rather than its start.
  bool timestamps_mark_interval_end = false;
};

// What the engine knows of a meter's whole history: O(1) in its length.
struct MeterHistory {
  std::int64_t first_ts = INT64_MAX;  // earliest accepted reading (as written, UTC)
  std::int64_t last_ts = INT64_MIN;
  std::uint32_t readings = 0;
  std::uint32_t late = 0;
  std::uint32_t duplicates = 0;
  std::uint32_t days_closed = 0;
  std::int32_t interval_s = 0;  // the smallest positive gap between readings, at least 15 minutes
};

class MeterEngine {
 public:
  MeterEngine(const ZoneTable& zones, DaySink& sink, EngineOptions options = {});

  // Adds a meter living in `zone` (a zone of the table, also one interned after the engine was built);
  // indices are dense, in the order of adding.
  MeterIndex add_meter(ZoneId zone);
  std::size_t meter_count() const { return meters_.size(); }

  // Applies one reading. Returns none, late_reading or duplicate_reading.
  RowProblem apply(MeterIndex meter, const ParsedTimestamp& ts, float kwh);

  // Closes the open day of every meter whose day ended at or before `utc` (a stream's watermark).
  void close_days_ending_by(std::int64_t utc);
  // Closes every open day (the end of a batch).
  void close_all();

  const MeterHistory& history(MeterIndex meter) const { return meters_[meter].history; }
  ZoneId zone(MeterIndex meter) const { return meters_[meter].zone; }
  // The local day of the meter's open (or last closed) day: right after an accepted reading, its day.
  std::int64_t open_day(MeterIndex meter) const { return meters_[meter].open.day; }
  // The local day a reading belongs to, by the rule apply() uses, without applying it (for a reading the
  // caller rejects but keeps as evidence, such as a negative one).
  std::int64_t local_day_of(MeterIndex meter, const ParsedTimestamp& ts);

  // Writes / restores every meter's state (core/checkpoint.h). Restoring replaces the current meters;
  // throws std::runtime_error on a checkpoint of another version or layout.
  void save_checkpoint(std::ostream& out) const;
  void load_checkpoint(std::istream& in);

  // Bytes of engine state per meter (docs/architecture.md quotes it).
  static constexpr std::size_t state_bytes_per_meter();

 private:
  struct OpenDay {
    std::int64_t day = 0;
    std::int64_t start_utc = 0;
    std::int64_t end_utc = 0;
    std::array<std::uint64_t, 2> seen_units{};  // 15-minute units that have a reading (25 h = 100 units)
    std::array<float, 25> hourly_kwh{};
    float kwh = 0;
    std::uint16_t readings = 0;
    bool is_open = false;  // false before the first reading and after a close: then [start, end) is closed
  };
  struct MeterState {
    OpenDay open;
    MeterHistory history;
    // The last accepted reading's time, for the interval: the instant, or for daily data the local midnight
    // (so a 23- or 25-hour DST day still reads as one day).
    std::int64_t previous_ts = INT64_MIN;
    ZoneId zone = 0;
  };

  // The instant a reading belongs to (end-marked intervals shifted into their own interval) and the
  // instant as written.
  std::int64_t resolve_instant(ZoneClock& clock, const ParsedTimestamp& ts, std::int64_t& written) const;
  void open_day(MeterState& state, const LocalDay& day);
  void close_day(MeterIndex meter, MeterState& state);

  void add_clocks();

  const ZoneTable& zones_;
  std::vector<ZoneClock> clocks_;  // one per zone: offsets cached per engine (thread)
  DaySink& sink_;
  EngineOptions options_;
  std::vector<MeterState> meters_;
  DayRecord scratch_;
};

constexpr std::size_t MeterEngine::state_bytes_per_meter() {
  return sizeof(MeterState);
}

}  // namespace minewatch
