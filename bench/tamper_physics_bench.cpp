// What the physics counters of tamper evidence cost the batch scan (docs/tamper.md). The same 2,000 meters x
// 14 days of readings in three files, scanned in one run on 2 threads:
//   0  meter_id,ts,kwh                              no channels: the plain fast path, no physics state at all
//   1  meter_id,ts,kwh,v,i,p                         the same width with three columns the layout ignores
//   2  meter_id,ts,kwh,voltage_v,current_a,pf        channels: parsed and checked per reading
// 1 vs 0 is the price of wider rows (the general path); 2 vs 1 the price of the check itself.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_support.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch::bench {
namespace {

struct ChannelFiles {
  std::string paths[3];
  std::uint64_t rows = 0;
  ChannelFiles() {
    const auto lines = make_readings_lines(2000, 14, RowOrder::meter_major);
    rows = lines.size();
    const char* headers[3] = {"meter_id,ts,kwh", "meter_id,ts,kwh,v,i,p",
                              "meter_id,ts,kwh,voltage_v,current_a,pf"};
    const auto dir = std::filesystem::temp_directory_path();
    for (int k = 0; k < 3; ++k) {
      paths[k] = (dir / ("minewatch-bench-channels-" + std::to_string(k) + ".csv")).string();
      std::ofstream out(paths[k]);
      out << headers[k] << '\n';
      for (const auto& line : lines) {
        out << line;
        if (k > 0) out << ",230.1,4.02,0.95";  // about 0.44 kWh a half hour: consistent physics
        out << '\n';
      }
    }
  }
  ~ChannelFiles() {
    for (const auto& p : paths) std::remove(p.c_str());
  }
};

const ChannelFiles& channel_files() {
  static const ChannelFiles files;
  return files;
}

// Arg: the file (0 no channels, 1 ignored columns, 2 channels).
void BM_ScanWithChannels(benchmark::State& state) {
  const ChannelFiles& files = channel_files();
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = {files.paths[state.range(0)]};
  options.threads = 2;
  for (auto _ : state) {
    const BatchScanResult result = run_batch_scan(options, zones);
    if (result.readings_accepted != files.rows) state.SkipWithError("the scan did not accept every reading");
    benchmark::DoNotOptimize(result.days_closed);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * files.rows));
}

}  // namespace

BENCHMARK(BM_ScanWithChannels)
    ->ArgName("file")
    ->DenseRange(0, 2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace minewatch::bench
