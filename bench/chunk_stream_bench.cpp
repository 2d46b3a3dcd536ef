// ChunkStream throughput on one generated file (about 45 MB of CSV, written once to a temporary directory and
// read from the page cache): plain (memory-mapped) against gzip and zstd (decompressed by a producer thread).
// Consumers only find the line ends, so the figure is the reader's ceiling, not the scan's. The baselines are
// the libraries themselves, streaming into one reused 1 MB buffer on the calling thread: what ChunkStream's
// producer could reach.
#include <benchmark/benchmark.h>

#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>
#include <memory>
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

// Baseline: ZSTD_decompressStream of the same file into one reused buffer, line ends counted.
std::uint64_t zstd_lines(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), &ZSTD_freeDCtx);
  std::vector<char> in(ZSTD_DStreamInSize());
  std::vector<char> out(1 << 20);
  std::uint64_t lines = 0;
  std::size_t n = 0;
  while ((n = std::fread(in.data(), 1, in.size(), file.get())) > 0) {
    ZSTD_inBuffer input{in.data(), n, 0};
    while (input.pos < input.size) {
      ZSTD_outBuffer output{out.data(), out.size(), 0};
      if (ZSTD_isError(ZSTD_decompressStream(context.get(), &output, &input))) return 0;
      lines += count_lines(std::string_view(out.data(), output.pos));
    }
  }
  return lines;
}

// Baseline: zlib's gzread of the same file into one reused buffer, line ends counted.
std::uint64_t gzip_lines(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return 0;
  gzbuffer(file, 1 << 20);
  std::vector<char> out(1 << 20);
  std::uint64_t lines = 0;
  int n = 0;
  while ((n = gzread(file, out.data(), static_cast<unsigned>(out.size()))) > 0)
    lines += count_lines(std::string_view(out.data(), static_cast<std::size_t>(n)));
  gzclose(file);
  return lines;
}

// Args: kind (1 gzip, 2 zstd).
void BM_Baseline_Decompress(benchmark::State& state) {
  const ReadingsFiles& files = shared_readings_files();
  const bool gzip = state.range(0) == 1;
  for (auto _ : state) {
    const std::uint64_t lines = gzip ? gzip_lines(files.gzip) : zstd_lines(files.zstd);
    if (lines != files.rows + 1) state.SkipWithError("the baseline saw the wrong number of lines");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files.rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * files.bytes));
}

}  // namespace

BENCHMARK(BM_Baseline_Decompress)
    ->ArgNames({"kind"})
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

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
