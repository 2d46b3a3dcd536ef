#include "bench_support.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "minewatch/core/timestamp.h"

namespace minewatch::bench {
namespace {

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("bench: cannot write " + path);
}

std::uint64_t write_gzip(const std::string& path, const std::string& text) {
  gzFile file = gzopen(path.c_str(), "wb6");
  if (file == nullptr) throw std::runtime_error("bench: cannot write " + path);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = static_cast<unsigned>(std::min<std::size_t>(text.size() - done, 1u << 20));
    if (gzwrite(file, text.data() + done, n) != static_cast<int>(n))
      throw std::runtime_error("bench: gzwrite failed");
    done += n;
  }
  gzclose(file);
  return std::filesystem::file_size(path);
}

std::uint64_t write_zstd(const std::string& path, const std::string& text) {
  std::string compressed(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(compressed.data(), compressed.size(), text.data(), text.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("bench: ZSTD_compress failed");
  compressed.resize(n);
  write_file(path, compressed);
  return n;
}

// Owns the temporary directory; its destructor (at exit) removes it.
struct TempFiles {
  ReadingsFiles files;
  std::filesystem::path dir;

  TempFiles() {
    std::string pattern = (std::filesystem::temp_directory_path() / "minewatch-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("bench: mkdtemp failed");
    dir = pattern;
    const std::string text = make_readings_csv(2000, 14, RowOrder::meter_major);
    files.plain = (dir / "readings.csv").string();
    files.gzip = (dir / "readings.csv.gz").string();
    files.zstd = (dir / "readings.csv.zst").string();
    write_file(files.plain, text);
    files.gzip_bytes = write_gzip(files.gzip, text);
    files.zstd_bytes = write_zstd(files.zstd, text);
    files.bytes = text.size();
    files.rows = 2000ULL * 14 * kSlotsPerDay;
  }
  ~TempFiles() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

}  // namespace

std::string meter_name(std::uint32_t meter) {
  return fmt::format("M{:07}", meter);
}

std::string iso_utc(std::int64_t seconds) {
  return format_utc(seconds);
}

float reading_kwh(std::uint32_t meter, std::int64_t slot) {
  // A cheap hash into [0.050, 1.549] kWh, then rounded to watt-hours as meters export them.
  std::uint64_t x = (static_cast<std::uint64_t>(meter) << 32) ^ static_cast<std::uint64_t>(slot);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return static_cast<float>(50 + x % 1500) / 1000.0f;
}

namespace {

// Calls row(meter, slot) in the requested order.
template <typename Row>
void for_each_row(std::uint32_t meters, int days, RowOrder order, Row row) {
  const std::int64_t slots = static_cast<std::int64_t>(days) * kSlotsPerDay;
  if (order == RowOrder::meter_major) {
    for (std::uint32_t m = 0; m < meters; ++m)
      for (std::int64_t s = 0; s < slots; ++s) row(m, s);
  } else {
    for (std::int64_t s = 0; s < slots; ++s)
      for (std::uint32_t m = 0; m < meters; ++m) row(m, s);
  }
}

void append_row(std::string& out, std::uint32_t m, std::int64_t s) {
  fmt::format_to(std::back_inserter(out), "{},{},{:.3f}", meter_name(m),
                 iso_utc(kStartUtc + s * kIntervalSeconds), reading_kwh(m, s));
}

}  // namespace

std::vector<std::string> make_readings_lines(std::uint32_t meters, int days, RowOrder order) {
  std::vector<std::string> lines;
  lines.reserve(static_cast<std::size_t>(meters) * static_cast<std::size_t>(days) * kSlotsPerDay);
  for_each_row(meters, days, order, [&](std::uint32_t m, std::int64_t s) {
    lines.emplace_back();
    append_row(lines.back(), m, s);
  });
  return lines;
}

std::string make_readings_csv(std::uint32_t meters, int days, RowOrder order) {
  std::string text = "meter_id,ts,kwh\n";
  text.reserve(static_cast<std::size_t>(meters) * static_cast<std::size_t>(days) * kSlotsPerDay * 37);
  for_each_row(meters, days, order, [&](std::uint32_t m, std::int64_t s) {
    append_row(text, m, s);
    text += '\n';
  });
  return text;
}

const ReadingsFiles& shared_readings_files() {
  static const TempFiles temp;
  return temp.files;
}

}  // namespace minewatch::bench
