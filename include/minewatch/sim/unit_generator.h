// sim layer: generating one unit of work: a transformer, all its meters day by day, its balance meter and its
// truth rows. A worker thread owns one generator and reuses its buffers; memory is O(days) for the balance
// accumulator and O(chunk) for text, never O(meters × days).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/policy/season_window.h"
#include "minewatch/sim/calendar.h"
#include "minewatch/sim/electrical.h"
#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/load_model.h"
#include "minewatch/sim/network_plan.h"
#include "minewatch/sim/theft_model.h"
#include "minewatch/sim/weather.h"

namespace minewatch::sim {

struct SimWindow {
  std::uint64_t seed = 1;
  std::int64_t first_day = 0;  // local day number of the first day, in every region
  int days = 30;
  int interval_s = 1800;
  int runs_from_day = INT32_MAX;  // record when the rigs run (UnitText::runs) from this day index on
};

// The seasonal ban of a region as numbers.
struct RegionRules {
  bool seasonal = false;
  policy::SeasonWindow season;          // the same window the policy layer judges bans by
  std::int64_t valid_from = INT64_MIN;  // day numbers, [from, to)
  std::int64_t valid_to = INT64_MAX;
};

// Read-only state shared by all workers.
struct SimShared {
  const SimConfig& config;
  const GridPlan& plan;
  const WeatherTable& weather;
  const HolidayCalendar& holidays;
  const ZoneTable& zones;
  std::vector<ZoneId> region_zones;
  std::vector<RegionRules> region_rules;
  SimWindow window;
};

// Counters of one unit, summed over the run for the report and the tests.
struct UnitStats {
  std::uint64_t readings = 0;
  std::uint64_t missing_readings = 0;
  std::uint64_t events = 0;
  std::uint64_t readings_bytes = 0;  // uncompressed
  std::uint32_t channel_meters = 0;  // meters with electrical channels written
  std::array<std::uint32_t, kElectricalKindCount> electrical_kinds{};  // thieves by physics kind
};

// The text of a unit other than the readings, which go out in chunks as they grow.
struct UnitText {
  std::string balance;
  std::string events;
  std::string truth;
  std::string truth_transformers;
  std::vector<RigRun> runs;  // the slots where rigs ran (power drawn, grid up), by meter and time, merged
};

class UnitGenerator {
 public:
  using ChunkSink = std::function<void(std::string_view)>;

  UnitGenerator(const SimShared& shared, std::size_t chunk_bytes);

  // Generates transformer `index`. Readings chunks of about chunk_bytes go to `sink` as they fill (their
  // boundaries depend on the data only, so compressed frames are reproducible); the rest lands in `text`.
  UnitStats generate(std::uint32_t index, UnitText& text, const ChunkSink& sink);

  // The truth.csv and truth_transformers.csv headers, and readings.csv's (with channels or without).
  static const char* truth_header();
  static const char* readings_header(bool electrical);
  static const char* truth_transformers_header();

 private:
  struct Outage {
    std::int64_t from = 0;
    std::int64_t to = 0;
  };

  void prepare_days(std::uint32_t region);
  void generate_meter(std::uint32_t meter, const TransformerPlan& t, UnitText& text, UnitStats& stats,
                      const ChunkSink& sink);
  void write_balance(const TransformerPlan& t, std::uint32_t index, UnitText& text, Rng& rng);
  double outage_fraction(std::int64_t from, std::int64_t to) const;
  void flush_if_full(const ChunkSink& sink, bool force);

  const SimShared& s_;
  std::size_t chunk_bytes_;
  std::vector<ZoneClock> clocks_;  // one per region: ZoneClock is not thread-safe
  std::vector<DayContext> days_;
  std::vector<double> temps_;  // days × max slots
  int max_slots_ = 0;
  std::vector<double> balance_kwh_;  // days × max slots: true energy delivered under the transformer
  std::vector<Outage> outages_;
  std::vector<double> kw_, mining_kw_, true_kwh_, reported_kwh_, up_;
  TransformerVoltage voltage_;  // [electrical] enabled only
  std::vector<ChannelRow> channels_;
  std::vector<MeterEvent> events_;
  std::string readings_;
  std::size_t readings_used_ = 0;
};

}  // namespace minewatch::sim
