// The mining detector's per-meter scoring work, once per meter at the end of a scan: profile_mining on a
// 90-day (and 365-day) series of a household with a rig block switched on mid-way, with weather; the cost per
// meter that docs/BENCHMARKS.md multiplies by the meters of a scan.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "minewatch/detect/daily_series.h"
#include "minewatch/detect/mining_profile.h"

namespace minewatch::bench {
namespace {

DailySeries household_with_rigs(int days) {
  DailySeries series;
  for (int d = 0; d < days; ++d) {
    const float wobble = 0.1f * std::sin(static_cast<float>(d) * 1.7f);
    const float rigs = d >= days / 2 ? 5.3f : 0.0f;
    DaySummary s;
    s.night_low_kw = 0.2f + wobble * 0.2f + rigs;
    s.day_low_kw = 0.35f + wobble * 0.3f + rigs;
    s.kwh = 24.0f * (0.9f + wobble + rigs);
    series.add(20089 + d, s);
  }
  return series;
}

// Arg: days in the series.
void BM_ProfileMining(benchmark::State& state) {
  const int days = static_cast<int>(state.range(0));
  const DailySeries series = household_with_rigs(days);
  std::vector<float> temps(series.size());
  for (std::size_t i = 0; i < temps.size(); ++i)
    temps[i] = -10.0f + 8.0f * std::sin(static_cast<float>(i) * 0.1f);
  const MiningProfileConfig config;
  for (auto _ : state) {
    const MiningProfile p = profile_mining(series, temps, 0.15f, config);
    benchmark::DoNotOptimize(p.block_kw);
  }
  state.SetItemsProcessed(state.iterations());  // meters
}
BENCHMARK(BM_ProfileMining)->Arg(90)->Arg(365);

}  // namespace
}  // namespace minewatch::bench
