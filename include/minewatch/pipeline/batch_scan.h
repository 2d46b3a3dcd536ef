// pipeline layer: a batch scan. Reading files at full speed into the incremental engine, partitioned by meter
// across threads, and collecting each meter's history and features. Sits above io, engine and detect; the
// stream runner will feed the same engine and detectors from messages.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/detect/mining_features.h"
#include "minewatch/detect/reading_physics.h"
#include "minewatch/engine/meter_engine.h"
#include "minewatch/io/readings_layout.h"
#include "minewatch/io/row_problem.h"

namespace minewatch {

class MeterRegistry;

struct BatchScanOptions {
  std::vector<std::string> readings_files;
  ReadingsFormat format = ReadingsFormat::automatic;
  unsigned threads = 0;  // 0 = all hardware threads
  bool skip_bad_rows = false;
  EngineOptions engine;
  ValueLimits limits;
  PhysicsThresholds physics;                // for files with voltage_v / current_a columns
  ZoneId default_zone = 0;                  // for meters the registry does not place
  const MeterRegistry* registry = nullptr;  // when set, readings of other meters are bad rows
  // Called now and then from one worker with (file bytes done, file bytes in all) for a progress bar.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct MeterScanResult {
  std::string id;
  ZoneId zone = 0;
  MeterHistory history;
  MiningFeatures features;
  DailySeries series;  // day by day, for change points and the rig-block estimate
  // Impossible physics of the meter's own readings (tamper evidence): negative kWh in any file, the other
  // counters only from files with voltage/current channels; all zero otherwise.
  ReadingPhysics physics;
};

struct FileScanInfo {
  std::string path;
  std::string format;
  std::string compression;
  std::uint64_t bytes = 0;
  std::uint64_t data_rows = 0;
};

struct BatchScanResult {
  std::vector<MeterScanResult> meters;  // in no particular order
  std::vector<FileScanInfo> files;
  std::uint64_t data_rows = 0;
  std::uint64_t readings_accepted = 0;
  std::uint64_t days_closed = 0;
  std::array<std::uint64_t, kRowProblemCount> rejected{};  // rows (or readings, for late/duplicate) by reason
  unsigned threads = 1;
  double seconds = 0;
};

// Runs the scan. Throws InputError for the first bad row in file order unless skip_bad_rows, and for files
// that cannot be read at all (missing, corrupt or truncated compression, a bad header).
BatchScanResult run_batch_scan(const BatchScanOptions& options, const ZoneTable& zones);

// The first line of a (possibly compressed) file, for header sniffing.
std::string read_first_line(const std::string& path);

}  // namespace minewatch
