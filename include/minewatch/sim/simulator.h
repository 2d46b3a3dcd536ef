// sim layer: `minewatch simulate` as a library call. Plans the grid, then generates transformers in parallel
// and streams every file to disk in a fixed order: the same seed gives the same bytes for any number of
// threads.
//
// Files (docs/simulator.md describes every column): readings.csv, meters.csv, events.csv, balance.csv,
// weather.csv, registry.csv, policy.toml, truth.csv, truth_transformers.csv, and unless [network] enabled =
// false, net_truth.csv, leases.csv, flows.csv; with zstd, the CSVs end in .csv.zst. [electrical] enabled adds
// kvarh,voltage_v,current_a,pf to readings.csv.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include "minewatch/sim/electrical.h"
#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

struct SimOptions {
  std::string out_dir;
  std::uint32_t meters = 1000;
  int days = 30;
  std::string start = "2025-01-01";  // the first local day, in every region
  std::uint64_t seed = 1;
  int interval_s = 1800;  // 15, 30 or 60 minutes
  bool zstd = false;
  int zstd_level = 3;
  unsigned threads = 0;  // 0: all hardware threads
  std::size_t chunk_bytes = 4u << 20;
  std::size_t max_queued_bytes = 32u << 20;
  // Called from the main thread now and then with (meters done, meters in all).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct SimReport {
  std::uint32_t meters = 0;
  std::uint32_t transformers = 0;
  std::uint64_t readings = 0;
  std::uint64_t missing_readings = 0;
  std::uint64_t events = 0;
  std::uint64_t readings_bytes = 0;  // uncompressed CSV bytes of readings
  std::uint64_t file_bytes = 0;      // bytes of all files on disk
  std::array<std::uint32_t, kMeterClassCount> class_counts{};
  std::uint32_t mining_sites = 0;
  std::uint32_t registered_sites = 0;
  std::uint32_t thefts = 0;
  std::uint32_t taps = 0;
  std::uint32_t covered_subscribers = 0;  // network data (0 when [network] enabled = false)
  std::uint64_t leases = 0;
  std::uint64_t flow_records = 0;
  // [electrical] enabled: meters with channels, and thieves by the physics of their channels (none: sound).
  std::uint32_t channel_meters = 0;
  std::array<std::uint32_t, kElectricalKindCount> electrical_kinds{};
  unsigned threads = 1;
  double seconds = 0;
};

// Throws InputError for bad options (place: the option) and std::runtime_error for I/O failures; a failed run
// leaves no partial file under its final name.
SimReport run_simulation(const SimConfig& config, const SimOptions& options);

// "15m", "30m", "60m", "1h" (and plain seconds) to seconds; false below 15 minutes or for anything that does
// not divide a day.
bool parse_interval(const std::string& text, int& seconds);

}  // namespace minewatch::sim
