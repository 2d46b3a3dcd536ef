// The whole batch scan (run_batch_scan: chunking, routing by meter, UTF-8 check, parsing, engine, mining
// features) on the generated file of chunk_stream_bench, plain and compressed, on 1 and 2 threads. The macro
// benchmark (run_macro.sh) measures the same through the CLI on files of hundreds of millions of readings.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch::bench {
namespace {

// Args: kind (0 plain, 1 gzip, 2 zstd), threads.
void BM_BatchScan(benchmark::State& state) {
  const ReadingsFiles& files = shared_readings_files();
  const int kind = static_cast<int>(state.range(0));
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = {kind == 0 ? files.plain : kind == 1 ? files.gzip : files.zstd};
  options.threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    const BatchScanResult result = run_batch_scan(options, zones);
    if (result.readings_accepted != files.rows) state.SkipWithError("the scan did not accept every reading");
    benchmark::DoNotOptimize(result.days_closed);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files.rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * files.bytes));  // uncompressed bytes
}

}  // namespace

BENCHMARK(BM_BatchScan)
    ->ArgNames({"kind", "threads"})
    ->Args({0, 1})
    ->Args({0, 2})
    ->Args({1, 2})
    ->Args({2, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace minewatch::bench
