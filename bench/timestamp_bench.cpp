// TimestampParser::parse against date::parse through std::istringstream, the library baseline that the
// parser's header names as the bottleneck it replaces. Both parse the same 30-minute timestamps; a check
// before timing makes sure they agree.
#include <benchmark/benchmark.h>
#include <date/date.h>

#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_support.h"
#include "minewatch/core/timestamp.h"

namespace minewatch::bench {
namespace {

// 30 days of 30-minute timestamps in the given style: consecutive ones share a date 47 times out of 48.
std::vector<std::string> timestamps(const char* style) {
  std::vector<std::string> out;
  for (std::int64_t s = 0; s < 30 * kSlotsPerDay; ++s) {
    const std::int64_t t = kStartUtc + s * kIntervalSeconds;
    const std::string iso = iso_utc(t);  // 2025-01-01T00:30:00Z
    const std::string style_name = style;
    if (style_name == "utc") {
      out.push_back(iso);
    } else if (style_name == "offset") {  // the same instant written in Moscow time
      out.push_back(iso_utc(t + 3 * 3600).substr(0, 19) + "+03:00");
    } else if (style_name == "epoch") {
      out.push_back(std::to_string(t));
    }
  }
  return out;
}

// Every timestamp on a different date: defeats the parser's one-date cache (its worst case).
std::vector<std::string> timestamps_distinct_dates() {
  std::vector<std::string> out;
  for (std::int64_t d = 0; d < 1440; ++d) out.push_back(iso_utc(kStartUtc + d * 86400 + (d % 48) * 1800));
  return out;
}

std::int64_t bytes_of(const std::vector<std::string>& texts) {
  std::int64_t n = 0;
  for (const auto& t : texts) n += static_cast<std::int64_t>(t.size());
  return n;
}

void report(benchmark::State& state, const std::vector<std::string>& texts) {
  const auto iterations = static_cast<std::int64_t>(state.iterations());
  state.SetItemsProcessed(iterations * static_cast<std::int64_t>(texts.size()));
  state.SetBytesProcessed(iterations * bytes_of(texts));
}

void run_parser(benchmark::State& state, const std::vector<std::string>& texts) {
  TimestampParser parser;
  ParsedTimestamp parsed;
  for (auto _ : state) {
    for (const auto& t : texts) {
      if (!parser.parse(t, parsed)) state.SkipWithError("TimestampParser rejected a timestamp");
      benchmark::DoNotOptimize(parsed);
    }
  }
  report(state, texts);
}

void BM_TimestampParser_Utc(benchmark::State& state) {
  run_parser(state, timestamps("utc"));
}
void BM_TimestampParser_Offset(benchmark::State& state) {
  run_parser(state, timestamps("offset"));
}
void BM_TimestampParser_Epoch(benchmark::State& state) {
  run_parser(state, timestamps("epoch"));
}
void BM_TimestampParser_DistinctDates(benchmark::State& state) {
  run_parser(state, timestamps_distinct_dates());
}

// The library baseline: what the parser would be without hand-writing it. "%FT%T%Ez" does not take 'Z', so
// the UTC case names the literal, as code written against the library does.
bool date_parse(std::istringstream& in, const std::string& text, const char* format, std::int64_t& seconds) {
  in.clear();
  in.str(text);
  date::sys_seconds tp;
  in >> date::parse(format, tp);
  if (in.fail()) return false;
  seconds = tp.time_since_epoch().count();
  return true;
}

// A fresh std::istringstream per field: the straightforward use.
void run_date_parse_fresh(benchmark::State& state, const std::vector<std::string>& texts,
                          const char* format) {
  std::int64_t seconds = 0;
  for (auto _ : state) {
    for (const auto& t : texts) {
      std::istringstream in;
      if (!date_parse(in, t, format, seconds)) state.SkipWithError("date::parse rejected a timestamp");
      benchmark::DoNotOptimize(seconds);
    }
  }
  report(state, texts);
}

// One std::istringstream reused (str() + clear()): the library's best case.
void run_date_parse_reused(benchmark::State& state, const std::vector<std::string>& texts,
                           const char* format) {
  std::int64_t seconds = 0;
  std::istringstream in;
  for (auto _ : state) {
    for (const auto& t : texts) {
      if (!date_parse(in, t, format, seconds)) state.SkipWithError("date::parse rejected a timestamp");
      benchmark::DoNotOptimize(seconds);
    }
  }
  report(state, texts);
}

void BM_DateParse_Utc_FreshStream(benchmark::State& state) {
  run_date_parse_fresh(state, timestamps("utc"), "%FT%TZ");
}
void BM_DateParse_Utc_ReusedStream(benchmark::State& state) {
  run_date_parse_reused(state, timestamps("utc"), "%FT%TZ");
}
void BM_DateParse_Offset_ReusedStream(benchmark::State& state) {
  run_date_parse_reused(state, timestamps("offset"), "%FT%T%Ez");
}

// Both parsers must give the same instants, or the comparison means nothing.
[[maybe_unused]] const bool checked = [] {
  for (const char* style : {"utc", "offset"}) {
    TimestampParser parser;
    std::istringstream in;
    for (const auto& t : timestamps(style)) {
      ParsedTimestamp ours;
      std::int64_t theirs = 0;
      const char* format = std::string(style) == "utc" ? "%FT%TZ" : "%FT%T%Ez";
      if (!parser.parse(t, ours) || !date_parse(in, t, format, theirs) || ours.seconds != theirs)
        throw std::logic_error("timestamp_bench: TimestampParser and date::parse disagree on " + t);
    }
  }
  return true;
}();

}  // namespace

BENCHMARK(BM_TimestampParser_Utc);
BENCHMARK(BM_TimestampParser_Offset);
BENCHMARK(BM_TimestampParser_Epoch);
BENCHMARK(BM_TimestampParser_DistinctDates);
BENCHMARK(BM_DateParse_Utc_FreshStream);
BENCHMARK(BM_DateParse_Utc_ReusedStream);
BENCHMARK(BM_DateParse_Offset_ReusedStream);

}  // namespace minewatch::bench
