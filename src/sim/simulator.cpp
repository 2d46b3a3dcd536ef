#include "minewatch/sim/simulator.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "minewatch/core/error.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/sim/network_flows.h"
#include "minewatch/sim/ordered_writer.h"
#include "minewatch/sim/static_outputs.h"
#include "minewatch/sim/unit_generator.h"

namespace minewatch::sim {
namespace {

enum Stream : std::size_t {
  readings,
  balance,
  events,
  truth,
  truth_transformers,
  leases,
  flows,
  stream_count
};

std::vector<RegionRules> region_rules(const SimConfig& config) {
  std::vector<RegionRules> out;
  for (const auto& r : config.regions) {
    RegionRules rules;
    rules.seasonal = r.ban == "seasonal";
    if (const auto from = policy::parse_month_day(r.season_from)) rules.season.from = *from;
    if (const auto to = policy::parse_month_day(r.season_to)) rules.season.to = *to;
    std::int64_t d = 0;
    if (parse_date(r.valid_from, d)) rules.valid_from = d;
    if (parse_date(r.valid_to, d)) rules.valid_to = d;
    out.push_back(rules);
  }
  return out;
}

void write_small_file(const std::string& path, const std::string& text, ZstdFramer* framer) {
  AtomicFile file(path);
  file.write(framer != nullptr ? framer->frame(text) : text);
  file.commit();
}

void check_options(const SimOptions& o) {
  if (o.meters == 0) throw InputError({"--meters", 0, ""}, "need at least one meter");
  if (o.meters > 99999999)
    throw InputError({"--meters", 0, ""}, "at most 99,999,999 meters (8-digit subscriber ids)");
  if (o.days <= 0 || o.days > 36600) throw InputError({"--days", 0, ""}, "expected 1 to 36600 days");
  if (o.interval_s < 900 || 86400 % o.interval_s != 0)
    throw InputError({"--interval", 0, ""}, "the interval must divide a day, from 15 minutes up");
  if (o.zstd_level < 1 || o.zstd_level > 19) throw InputError({"--zstd-level", 0, ""}, "expected 1 to 19");
}

// Each region's local days of the simulation in UTC, and the last flow_days of them.
std::vector<NetworkWindow> network_windows(const SimConfig& config, const ZoneTable& zones,
                                           const std::vector<ZoneId>& region_zones, std::int64_t first_day,
                                           int days) {
  std::vector<NetworkWindow> out;
  const int flow_days = static_cast<int>(std::min<std::int64_t>(config.network.flow_days, days));
  for (std::size_t r = 0; r < config.regions.size(); ++r) {
    ZoneClock clock(zones.zone(region_zones[r]));
    NetworkWindow w;
    w.period_from = clock.day_at(first_day).start_utc;
    w.period_to = clock.day_at(first_day + days - 1).end_utc;
    w.flows_from = flow_days > 0 ? clock.day_at(first_day + days - flow_days).start_utc : w.period_to;
    out.push_back(w);
  }
  return out;
}

}  // namespace

bool parse_interval(const std::string& text, int& seconds) {
  if (text.empty()) return false;
  std::size_t digits = 0;
  long value = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9' && value < 1000000)
    value = value * 10 + (text[digits++] - '0');
  if (digits == 0) return false;
  const std::string unit = text.substr(digits);
  long scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m" || unit == "min") scale = 60;
  if (unit == "h") scale = 3600;
  if (scale == 0 || value <= 0) return false;
  const long s = value * scale;
  // The engine's finest grain is 15 minutes (engine/meter_engine.h), so nothing shorter.
  if (s < 900 || s > 86400 || 86400 % s != 0) return false;
  seconds = static_cast<int>(s);
  return true;
}

SimReport run_simulation(const SimConfig& config, const SimOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  check_options(options);
  validate_sim_config(config, "simulator config");
  std::int64_t first_day = 0;
  if (!parse_date(options.start, first_day))
    throw InputError({"--start", 0, ""}, "expected YYYY-MM-DD", options.start);

  ZoneTable zones;
  std::vector<ZoneId> region_zones;
  for (const auto& r : config.regions)
    region_zones.push_back(zones.intern(r.tz, {"simulator config", 0, "regions." + r.code + ".tz"}));
  const WeatherTable weather(config, options.seed, first_day, options.days);
  const HolidayCalendar holidays(config.holidays);
  const GridPlan plan = plan_grid(config, {options.seed, options.meters, first_day, options.days});

  namespace fs = std::filesystem;
  fs::create_directories(options.out_dir);
  const std::string ext = options.zstd ? ".csv.zst" : ".csv";
  auto path = [&](const char* name) {
    return (fs::path(options.out_dir) / (std::string(name) + ext)).string();
  };
  std::unique_ptr<ZstdFramer> main_framer;
  if (options.zstd) main_framer = std::make_unique<ZstdFramer>(options.zstd_level);
  write_small_file(path("meters"), meters_csv(config, plan), main_framer.get());
  write_small_file(path("registry"), registry_csv(config, plan, options.seed, first_day), main_framer.get());
  write_small_file(path("weather"), weather_csv(config, weather), main_framer.get());
  write_small_file((fs::path(options.out_dir) / "policy.toml").string(),
                   policy_toml(config, plan, std::string("registry") + ext), nullptr);

  // Network data (network_plan.h): planned here, leases and flows drawn per transformer by the workers.
  const bool network = config.network.enabled;
  NetworkPlan net;
  std::vector<NetworkWindow> net_windows;
  if (network) {
    net = plan_network(config, plan, options.seed);
    net_windows = network_windows(config, zones, region_zones, first_day, options.days);
    write_small_file(path("net_truth"), net_truth_csv(plan, net), main_framer.get());
  }
  std::vector<std::string> paths = {path("readings"), path("balance"), path("events"), path("truth"),
                                    path("truth_transformers")};
  if (network) {
    paths.push_back(path("leases"));
    paths.push_back(path("flows"));
  }
  OrderedWriter writer(paths, options.max_queued_bytes);
  const std::array<std::string, stream_count> headers = {
      UnitGenerator::readings_header(config.electrical.enabled),
      "transformer_id,ts,kwh\n",
      "meter_id,ts,code\n",
      UnitGenerator::truth_header(),
      UnitGenerator::truth_transformers_header(),
      "subscriber_id,ip,from,to\n",
      "ts,src_ip,dst_ip,dst_port,bytes,packets,duration_s\n"};
  for (std::size_t s = 0; s < paths.size(); ++s)
    writer.prologue(s, main_framer ? main_framer->frame(headers[s]) : headers[s]);

  SimShared shared{config,
                   plan,
                   weather,
                   holidays,
                   zones,
                   region_zones,
                   region_rules(config),
                   {options.seed, first_day, options.days, options.interval_s,
                    network ? options.days - static_cast<int>(std::min<std::int64_t>(config.network.flow_days,
                                                                                     options.days))
                            : INT32_MAX}};
  const auto units = static_cast<std::uint32_t>(plan.transformers.size());
  unsigned threads =
      options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::uint32_t>(units, 1));

  SimReport report;
  std::atomic<std::uint32_t> next_unit{0};
  std::atomic<std::uint64_t> meters_done{0};
  std::atomic<unsigned> running{threads};
  std::mutex mutex;
  std::exception_ptr error;
  auto work = [&] {
    try {
      UnitGenerator generator(shared, options.chunk_bytes);
      std::unique_ptr<ZstdFramer> framer;
      if (options.zstd) framer = std::make_unique<ZstdFramer>(options.zstd_level);
      auto emit = [&](std::uint32_t unit, std::size_t stream, std::string_view text) {
        if (text.empty()) return;
        std::string piece = writer.take_buffer();
        if (framer) {
          framer->frame(text, piece);
        } else {
          piece.assign(text);
        }
        writer.put(unit, stream, std::move(piece));
      };
      UnitText text;
      std::optional<NetworkGenerator> net_generator;
      if (network) net_generator.emplace(config, plan, net, options.seed, net_windows);
      std::string lease_text, flow_text;
      for (std::uint32_t u = next_unit++; u < units; u = next_unit++) {
        const UnitStats stats =
            generator.generate(u, text, [&](std::string_view chunk) { emit(u, readings, chunk); });
        emit(u, balance, text.balance);
        emit(u, events, text.events);
        emit(u, truth, text.truth);
        emit(u, truth_transformers, text.truth_transformers);
        NetworkUnitStats net_stats;
        if (net_generator) {
          net_stats = net_generator->generate(u, text.runs, lease_text, flow_text);
          emit(u, leases, lease_text);
          emit(u, flows, flow_text);
        }
        writer.end_unit(u);
        meters_done += plan.transformers[u].meter_count;
        std::lock_guard lock(mutex);
        report.readings += stats.readings;
        report.missing_readings += stats.missing_readings;
        report.events += stats.events;
        report.readings_bytes += stats.readings_bytes;
        report.leases += net_stats.leases;
        report.flow_records += net_stats.flows;
        report.channel_meters += stats.channel_meters;
        for (std::size_t k = 0; k < kElectricalKindCount; ++k)
          report.electrical_kinds[k] += stats.electrical_kinds[k];
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!error) error = std::current_exception();
      writer.cancel();
    }
    --running;
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
  while (running > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (options.progress) options.progress(meters_done, options.meters);
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  writer.finish(units);

  report.meters = options.meters;
  report.transformers = units;
  report.threads = threads;
  for (const auto& m : plan.meters) ++report.class_counts[static_cast<std::size_t>(m.cls)];
  for (const auto& m : plan.meters) report.thefts += m.theft.type != TheftType::none ? 1 : 0;
  for (const auto& t : plan.transformers) report.taps += t.tap != TapKind::none ? 1 : 0;
  for (const auto& s : plan.sites) {
    if (s.cls == MeterClass::ai_datacentre) continue;
    ++report.mining_sites;
    report.registered_sites += s.registered ? 1 : 0;
  }
  for (const char* name :
       {"readings", "meters", "events", "balance", "weather", "registry", "truth", "truth_transformers"})
    report.file_bytes += fs::file_size(path(name));
  report.file_bytes += fs::file_size(fs::path(options.out_dir) / "policy.toml");
  if (network) {
    report.covered_subscribers = net.covered;
    for (const char* name : {"net_truth", "leases", "flows"}) report.file_bytes += fs::file_size(path(name));
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace minewatch::sim
