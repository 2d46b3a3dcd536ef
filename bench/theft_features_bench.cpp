// What one meter's theft features cost (detect/theft_features.h): the scan computes them for every meter,
// and `theft train|eval` for every meter of every file. Args: days in the series; 1 = with the intraday
// figures (interval data).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "minewatch/detect/theft_features.h"

namespace minewatch::bench {
namespace {

DailySeries household(int days, unsigned seed, bool theft) {
  std::mt19937 rng(seed);
  std::lognormal_distribution<float> noise(0.0f, 0.2f);
  DailySeries s;
  for (int d = 0; d < days; ++d) {
    const float season = 1.0f + 0.3f * std::cos(6.2832f * static_cast<float>(d) / 365.0f);
    float kwh = 10.0f * season * noise(rng);
    if (theft && d > days / 2) kwh *= 0.5f;
    s.add(16000 + d, {kwh, kwh / 60.0f, kwh / 40.0f});
  }
  return s;
}

void BM_TheftFeatures(benchmark::State& state) {
  const int days = static_cast<int>(state.range(0));
  const bool intraday = state.range(1) != 0;
  std::vector<DailySeries> peers;
  for (unsigned seed = 0; seed < 50; ++seed) peers.push_back(household(days, seed, false));
  std::vector<const DailySeries*> pointers;
  for (const auto& p : peers) pointers.push_back(&p);
  const PeerShape shape = build_peer_shape(pointers);
  const DailySeries meter = household(days, 99, true);
  for (auto _ : state) {
    const TheftFeatureResult r = compute_theft_features(meter, shape, intraday);
    benchmark::DoNotOptimize(r.values.data());
  }
  state.SetItemsProcessed(state.iterations());  // meters
}
BENCHMARK(BM_TheftFeatures)->Args({90, 1})->Args({365, 0})->Args({1035, 0});

}  // namespace
}  // namespace minewatch::bench
