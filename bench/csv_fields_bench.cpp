// Splitting a reading's line into fields and parsing its kWh: split_csv_line + parse_float against the
// std::getline / std::stringstream code that a first version would use. Then the whole row as the scan parses
// it (UTF-8 check, split, ReadingsLayout::parse with the timestamp), for the per-row budget.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/readings_layout.h"

namespace minewatch::bench {
namespace {

// 200 meters x 2 days, meter-major: 19,200 lines, about 0.7 MB, which stays in L2/L3 like a chunk being
// parsed.
const std::vector<std::string>& lines() {
  static const std::vector<std::string> all = make_readings_lines(200, 2, RowOrder::meter_major);
  return all;
}

std::int64_t bytes_of(const std::vector<std::string>& texts) {
  std::int64_t n = 0;
  for (const auto& t : texts) n += static_cast<std::int64_t>(t.size()) + 1;  // with the newline
  return n;
}

void report(benchmark::State& state) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * static_cast<std::int64_t>(lines().size()));
  state.SetBytesProcessed(iterations * bytes_of(lines()));
}

void BM_SplitCsvLine_ParseFloat(benchmark::State& state) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  double total = 0;
  for (auto _ : state) {
    for (const auto& line : lines()) {
      float kwh = 0;
      if (!split_csv_line(line, fields, unquoted) || fields.size() != 3 || !parse_float(fields[2], kwh))
        state.SkipWithError("split_csv_line/parse_float failed");
      total += kwh;
    }
    benchmark::DoNotOptimize(total);
  }
  report(state);
}

void BM_SplitCsvLine(benchmark::State& state) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  for (auto _ : state) {
    for (const auto& line : lines()) {
      split_csv_line(line, fields, unquoted);
      benchmark::DoNotOptimize(fields.data());
    }
  }
  report(state);
}

// Baseline: std::getline over a std::istringstream per line, the float read by operator>>.
void BM_Baseline_GetlineStringstream(benchmark::State& state) {
  std::vector<std::string> fields(3);
  double total = 0;
  for (auto _ : state) {
    for (const auto& line : lines()) {
      std::istringstream in(line);
      std::size_t n = 0;
      while (n < fields.size() && std::getline(in, fields[n], ',')) ++n;
      std::istringstream number(fields[2]);
      float kwh = 0;
      if (n != 3 || !(number >> kwh) || !number.eof()) state.SkipWithError("getline/stringstream failed");
      total += kwh;
    }
    benchmark::DoNotOptimize(total);
  }
  report(state);
}

// Baseline with the cheaper number parsing a careful first version would pick: getline + std::strtof.
void BM_Baseline_GetlineStrtof(benchmark::State& state) {
  std::vector<std::string> fields(3);
  double total = 0;
  for (auto _ : state) {
    for (const auto& line : lines()) {
      std::istringstream in(line);
      std::size_t n = 0;
      while (n < fields.size() && std::getline(in, fields[n], ',')) ++n;
      char* end = nullptr;
      const float kwh = std::strtof(fields[2].c_str(), &end);
      if (n != 3 || end != fields[2].c_str() + fields[2].size()) state.SkipWithError("getline/strtof failed");
      total += kwh;
    }
    benchmark::DoNotOptimize(total);
  }
  report(state);
}

// The number alone: parse_float (fast_float) against std::strtof and std::from_chars.
std::vector<std::string> kwh_texts() {
  std::vector<std::string> out;
  for (const auto& line : lines()) out.push_back(line.substr(line.rfind(',') + 1));
  return out;
}

template <typename Parse>
void run_number(benchmark::State& state, Parse parse) {
  static const std::vector<std::string> texts = kwh_texts();
  double total = 0;
  std::int64_t bytes = 0;
  for (const auto& t : texts) bytes += static_cast<std::int64_t>(t.size());
  for (auto _ : state) {
    for (const auto& t : texts) total += parse(t);
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(texts.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
}

void BM_Number_ParseFloat(benchmark::State& state) {
  run_number(state, [](const std::string& t) {
    float v = 0;
    parse_float(t, v);
    return v;
  });
}
void BM_Number_Strtof(benchmark::State& state) {
  run_number(state, [](const std::string& t) { return std::strtof(t.c_str(), nullptr); });
}
void BM_Number_FromChars(benchmark::State& state) {
  run_number(state, [](const std::string& t) {
    float v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
  });
}

// One row as the scan handles it, once its meter is known: UTF-8 check, split, timestamp and kWh validated.
void BM_Row_ValidateSplitParse(benchmark::State& state) {
  const ReadingsLayout layout =
      ReadingsLayout::from_header("meter_id,ts,kwh", "bench.csv", ReadingsFormat::automatic);
  TimestampParser timestamps;
  const ValueLimits limits;
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::vector<ParsedReading> readings;
  RowError error;
  double total = 0;
  for (auto _ : state) {
    for (const auto& line : lines()) {
      if (!is_valid_utf8(line) || !split_csv_line(line, fields, unquoted) ||
          layout.parse(fields, timestamps, limits, readings, error) != RowProblem::none)
        state.SkipWithError("row rejected");
      total += readings[0].kwh;
    }
    benchmark::DoNotOptimize(total);
  }
  report(state);
}

}  // namespace

BENCHMARK(BM_SplitCsvLine_ParseFloat);
BENCHMARK(BM_SplitCsvLine);
BENCHMARK(BM_Baseline_GetlineStringstream);
BENCHMARK(BM_Baseline_GetlineStrtof);
BENCHMARK(BM_Number_ParseFloat);
BENCHMARK(BM_Number_Strtof);
BENCHMARK(BM_Number_FromChars);
BENCHMARK(BM_Row_ValidateSplitParse);

}  // namespace minewatch::bench
