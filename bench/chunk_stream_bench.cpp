// ChunkStream throughput on one generated file (about 45 MB of CSV, written once to a temporary directory and
// read from the page cache): plain (memory-mapped) against gzip and zstd (decompressed by a producer thread).
// Consumers only find the line ends, so the figure is the reader's ceiling, not the scan's.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "minewatch/io/chunk_stream.h"

namespace minewatch::bench {
namespace {

std::uint64_t count_lines(std::string_view text) {
  std::uint64_t lines = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const void* newline = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (newline == nullptr) break;
    ++lines;
    p = static_cast<const char*>(newline) + 1;
  }
  return lines;
}

std::uint64_t consume(ChunkStream& stream) {
  std::uint64_t lines = 0;
  std::string_view text;
  for (std::uint64_t chunk = 0; stream.acquire(chunk, text); ++chunk) {
    lines += count_lines(text);
    stream.release(chunk);
  }
  return lines;
}

// Args: kind (0 plain, 1 gzip, 2 zstd), consumers (each reads every chunk, as the scan's workers do).
void BM_ChunkStream(benchmark::State& state) {
  const ReadingsFiles& files = shared_readings_files();
  const int kind = static_cast<int>(state.range(0));
  const auto consumers = static_cast<unsigned>(state.range(1));
  const std::string& path = kind == 0 ? files.plain : kind == 1 ? files.gzip : files.zstd;
  const std::uint64_t expected_lines = files.rows + 1;
  for (auto _ : state) {
    ChunkStream stream(path, consumers);
    std::vector<std::uint64_t> lines(consumers, 0);
    std::vector<std::thread> others;
    for (unsigned c = 1; c < consumers; ++c) others.emplace_back([&, c] { lines[c] = consume(stream); });
    lines[0] = consume(stream);
    for (auto& t : others) t.join();
    for (auto n : lines) {
      if (n != expected_lines) state.SkipWithError("a consumer saw the wrong number of lines");
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files.rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * files.bytes));  // uncompressed bytes
  const std::uint64_t on_disk = kind == 0 ? files.bytes : kind == 1 ? files.gzip_bytes : files.zstd_bytes;
  state.counters["file_MB"] = static_cast<double>(on_disk) / 1e6;
  state.counters["ratio"] = static_cast<double>(files.bytes) / static_cast<double>(on_disk);
}

}  // namespace

BENCHMARK(BM_ChunkStream)
    ->ArgNames({"kind", "consumers"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Args({2, 1})
    ->Args({2, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace minewatch::bench
