// Shared inputs of the micro-benchmarks: synthetic 30-minute readings in the canonical long CSV layout
// (meter_id,ts,kwh), generated in memory and, for the file readers, written once to a temporary directory.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace minewatch::bench {

// The order of rows in a generated file: one meter's rows together (a per-meter export), or every meter at
// one instant before the next instant (a head-end's interval dump, and the order a stream sees).
enum class RowOrder { meter_major, time_major };

inline constexpr std::int64_t kStartUtc = 1735689600;  // 2025-01-01T00:00:00Z
inline constexpr std::int64_t kIntervalSeconds = 1800;
inline constexpr int kSlotsPerDay = 48;

// "M0000042"
std::string meter_name(std::uint32_t meter);
// "2025-01-01T00:30:00Z"
std::string iso_utc(std::int64_t seconds);
// A plausible household kWh per half hour with three decimals, deterministic in (meter, slot).
float reading_kwh(std::uint32_t meter, std::int64_t slot);

// The CSV text, header included: meters x days x 48 rows.
std::string make_readings_csv(std::uint32_t meters, int days, RowOrder order);

// The lines of make_readings_csv without the header, each without its newline.
std::vector<std::string> make_readings_lines(std::uint32_t meters, int days, RowOrder order);

// Generated files, created on first use in a fresh temporary directory and removed at exit.
struct ReadingsFiles {
  std::string plain;
  std::string gzip;
  std::string zstd;
  std::uint64_t bytes = 0;  // uncompressed
  std::uint64_t rows = 0;   // data rows (readings)
  std::uint64_t gzip_bytes = 0;
  std::uint64_t zstd_bytes = 0;
};
// About 45 MB of CSV: 2,000 meters x 14 days, meter-major.
const ReadingsFiles& shared_readings_files();

}  // namespace minewatch::bench
