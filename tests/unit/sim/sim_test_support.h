// tests: running small simulations into a private directory and reading their CSV files back.
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/decompress.h"
#include "minewatch/io/line_splitter.h"
#include "minewatch/sim/simulator.h"

namespace minewatch::sim::testing {

class SimDir {
 public:
  SimDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "minewatch_sim_test_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~SimDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  SimDir(const SimDir&) = delete;
  SimDir& operator=(const SimDir&) = delete;
  std::string file(std::string_view name) const { return (path_ / name).string(); }
  std::string sub(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A CSV file as rows of fields (no quoting in the simulator's files), header first.
using Rows = std::vector<std::vector<std::string>>;

inline Rows read_csv(const std::string& path) {
  const std::string text = read_whole_file(path);
  Rows rows;
  LineSplitter lines(text);
  std::string_view line;
  while (lines.next(line)) {
    std::vector<std::string> fields;
    std::size_t from = 0;
    while (true) {
      const std::size_t comma = line.find(',', from);
      fields.emplace_back(
          line.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
      if (comma == std::string_view::npos) break;
      from = comma + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

// Rows keyed by the header's column names.
struct Table {
  std::vector<std::string> header;
  Rows rows;
  std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  }
};

inline Table read_table(const std::string& path) {
  Rows rows = read_csv(path);
  Table t;
  if (rows.empty()) return t;
  t.header = rows.front();
  rows.erase(rows.begin());
  t.rows = std::move(rows);
  return t;
}

inline double number(const std::string& text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ".
inline std::int64_t utc_seconds(std::string_view ts) {
  std::int64_t days = 0;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    std::from_chars(ts.data() + at, ts.data() + at + n, v);
    return v;
  };
  days_from_date(num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2)), days);
  return days * 86400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
}

inline double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Load factor as the scan measures it: mean hourly power over its 95th percentile.
inline double load_factor(const std::vector<double>& hourly_kwh) {
  if (hourly_kwh.empty()) return NAN;
  std::vector<double> sorted = hourly_kwh;
  std::sort(sorted.begin(), sorted.end());
  const double p95 = sorted[static_cast<std::size_t>(0.95 * static_cast<double>(sorted.size() - 1))];
  double mean = 0;
  for (double x : hourly_kwh) mean += x;
  mean /= static_cast<double>(hourly_kwh.size());
  return p95 > 0 ? std::min(1.0, mean / p95) : NAN;
}

// Hourly energy of each meter from readings.csv (meters in file order, hours from the meter's first reading).
inline std::map<std::string, std::vector<double>> hourly_by_meter(const std::string& path) {
  const std::string text = read_whole_file(path);
  std::map<std::string, std::vector<double>> out;
  LineSplitter lines(text);
  std::string_view line;
  lines.next(line);  // header
  std::string current;
  std::vector<double>* series = nullptr;
  std::int64_t first_hour = 0;
  while (lines.next(line)) {
    const std::size_t a = line.find(',');
    const std::size_t b = line.find(',', a + 1);
    const std::string_view id = line.substr(0, a);
    if (series == nullptr || id != current) {
      current = std::string(id);
      series = &out[current];
      first_hour = utc_seconds(line.substr(a + 1, b - a - 1)) / 3600;
    }
    const auto hour =
        static_cast<std::size_t>(utc_seconds(line.substr(a + 1, b - a - 1)) / 3600 - first_hour);
    if (series->size() <= hour) series->resize(hour + 1, 0.0);
    double kwh = 0;
    std::from_chars(line.data() + b + 1, line.data() + line.size(), kwh);
    (*series)[hour] += kwh;
  }
  return out;
}

}  // namespace minewatch::sim::testing
