// MeterEngine::apply per reading: 30-minute data for many meters, a week per iteration, in the two orders a
// file can have (one meter's rows together; every meter at one instant, as a stream sees them), in UTC and in
// a zone with an offset, with a sink that only counts days and with the mining features behind it (the scan).
#include <benchmark/benchmark.h>

#include <array>
#include <memory>

#include "bench_support.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/detect/mining_features.h"
#include "minewatch/engine/meter_engine.h"

namespace minewatch::bench {
namespace {

constexpr int kDays = 7;

class CountingSink final : public DaySink {
 public:
  void on_day(MeterIndex, const DayRecord& day) override { kwh_ += day.kwh; }
  float kwh() const { return kwh_; }

 private:
  float kwh_ = 0;
};

const std::array<float, 1024>& kwh_table() {
  static const std::array<float, 1024> table = [] {
    std::array<float, 1024> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = reading_kwh(static_cast<std::uint32_t>(i), 0);
    return t;
  }();
  return table;
}

// Args: meters, order (0 meter-major, 1 time-major), zone (0 UTC, 1 Asia/Irkutsk), features (0 no, 1 yes).
void BM_MeterEngine_Apply(benchmark::State& state) {
  const auto meters = static_cast<std::uint32_t>(state.range(0));
  const auto order = state.range(1) == 0 ? RowOrder::meter_major : RowOrder::time_major;
  const bool irkutsk = state.range(2) != 0;
  const bool with_features = state.range(3) != 0;

  ZoneTable zones;
  const ZoneId zone = irkutsk ? zones.intern("Asia/Irkutsk") : ZoneId{0};
  const auto& table = kwh_table();
  const std::int64_t slots = static_cast<std::int64_t>(kDays) * kSlotsPerDay;
  std::uint64_t rejected = 0;

  for (auto _ : state) {
    state.PauseTiming();
    auto counting = std::make_unique<CountingSink>();
    auto features = std::make_unique<MiningFeatureAccumulator>();
    DaySink& sink = with_features ? static_cast<DaySink&>(*features) : static_cast<DaySink&>(*counting);
    auto engine = std::make_unique<MeterEngine>(zones, sink);
    for (std::uint32_t m = 0; m < meters; ++m) engine->add_meter(zone);
    features->resize(meters);
    state.ResumeTiming();

    const auto apply = [&](std::uint32_t m, std::int64_t s) {
      const ParsedTimestamp ts{kStartUtc + s * kIntervalSeconds, TimestampKind::utc};
      rejected += engine->apply(m, ts, table[(m + static_cast<std::uint64_t>(s)) & 1023]) != RowProblem::none;
    };
    if (order == RowOrder::meter_major) {
      for (std::uint32_t m = 0; m < meters; ++m)
        for (std::int64_t s = 0; s < slots; ++s) apply(m, s);
    } else {
      for (std::int64_t s = 0; s < slots; ++s)
        for (std::uint32_t m = 0; m < meters; ++m) apply(m, s);
    }
    engine->close_all();
    benchmark::DoNotOptimize(counting->kwh());

    state.PauseTiming();
    engine.reset();
    features.reset();
    counting.reset();
    state.ResumeTiming();
  }
  if (rejected != 0) state.SkipWithError("the engine rejected readings");
  const std::int64_t readings = static_cast<std::int64_t>(meters) * slots;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * readings);
  // Bytes: the parsed form the engine takes (meter index, instant, kWh), for comparison with memory
  // bandwidth.
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations()) * readings *
      static_cast<std::int64_t>(sizeof(MeterIndex) + sizeof(ParsedTimestamp) + sizeof(float)));
  state.counters["engine_B_per_meter"] = static_cast<double>(MeterEngine::state_bytes_per_meter());
  state.counters["features_B_per_meter"] =
      static_cast<double>(MiningFeatureAccumulator::state_bytes_per_meter());
}

}  // namespace

BENCHMARK(BM_MeterEngine_Apply)
    ->ArgNames({"meters", "time_major", "irkutsk", "features"})
    ->Args({1000, 0, 0, 0})
    ->Args({1000, 1, 0, 0})
    ->Args({100000, 0, 0, 0})
    ->Args({100000, 1, 0, 0})
    ->Args({100000, 1, 1, 0})
    ->Args({100000, 0, 0, 1})
    ->Args({100000, 1, 0, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace minewatch::bench
