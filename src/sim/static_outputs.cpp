#include "minewatch/sim/static_outputs.h"

#include <fmt/format.h>

#include "minewatch/core/timestamp.h"
#include "minewatch/sim/rng.h"

namespace minewatch::sim {

std::string meters_csv(const SimConfig& config, const GridPlan& plan) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon\n");
  for (std::uint32_t i = 0; i < plan.meters.size(); ++i) {
    const MeterPlan& m = plan.meters[i];
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{:g},{:.5f},{:.5f}\n", meter_id(i),
                   config.regions[m.region].code, tariff_name(m.tariff), transformer_id(m.transformer),
                   subscriber_id(m.subscriber), m.contract_kw, m.lat, m.lon);
  }
  return fmt::to_string(out);
}

std::string registry_csv(const SimConfig&, const GridPlan& plan, std::uint64_t seed, std::int64_t first_day) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "taxpayer_id,meter_id,capacity_kw,from,to\n");
  for (const SitePlan& site : plan.sites) {
    if (!site.registered) continue;
    Rng rng(seed, Domain::site, site.number);
    // About one registered site in five declares well under what it runs.
    const double declared = rng.chance(0.2) ? rng.uniform(0.3, 0.7) : 1.0;
    for (std::uint32_t i = site.first_meter; i < site.first_meter + site.meter_count; ++i) {
      const MiningPlan& m = plan.meters[i].mining;
      const std::string to = m.end_day == kNever ? "" : format_day(first_day + m.end_day);
      fmt::format_to(std::back_inserter(out), "{},{},{:.1f},{},{}\n", site.taxpayer, meter_id(i),
                     m.kw * declared, format_day(site.registered_from), to);
    }
  }
  return fmt::to_string(out);
}

std::string weather_csv(const SimConfig& config, const WeatherTable& weather) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "region,date,temp_c\n");
  for (std::size_t r = 0; r < config.regions.size(); ++r) {
    for (int i = 0; i < weather.days(); ++i)
      fmt::format_to(std::back_inserter(out), "{},{},{:.1f}\n", config.regions[r].code,
                     format_day(weather.first_day() + i), weather.daily_mean(r, i));
  }
  return fmt::to_string(out);
}

std::string policy_toml(const SimConfig& config, const GridPlan& plan, const std::string& register_file) {
  fmt::memory_buffer out;
  auto o = std::back_inserter(out);
  fmt::format_to(
      o,
      "# The rules of this simulated grid, written by `minewatch simulate` (docs/simulator.md).\n"
      "# Bans follow Government Decree No. 1869 of 23 Dec 2024; seasons are in each region's local time.\n\n"
      "[register]\nfile = \"{}\"\nindividual_limit_kwh_per_month = {:g}\n",
      register_file, config.policy.individual_limit_kwh_per_month);
  for (const RegionConfig& r : config.regions) {
    fmt::format_to(o, "\n[[regions]]\ncode = \"{}\"\nname = \"{}\"\ntz = \"{}\"\nban = \"{}\"\n", r.code,
                   r.name, r.tz, r.ban);
    if (r.ban == "seasonal")
      fmt::format_to(o, "season_from = \"{}\"\nseason_to = \"{}\"\n", r.season_from, r.season_to);
    if (!r.valid_from.empty()) fmt::format_to(o, "valid_from = {}\n", r.valid_from);
    if (!r.valid_to.empty()) fmt::format_to(o, "valid_to = {}\n", r.valid_to);
  }
  for (const SitePlan& site : plan.sites) {
    if (site.cls != MeterClass::ai_datacentre) continue;
    fmt::format_to(o, "\n[[ai_data_centres]]\nsite = \"{}\"\nregion = \"{}\"\nmeters = [",
                   site_id(site.number), config.regions[plan.meters[site.first_meter].region].code);
    for (std::uint32_t i = 0; i < site.meter_count; ++i)
      fmt::format_to(o, "{}\"{}\"", i > 0 ? ", " : "", meter_id(site.first_meter + i));
    fmt::format_to(o, "]\n");
  }
  // Synthetic prices (RUB/kWh) so the simulated grid's cases carry a value; docs/policy.md has the schema.
  fmt::format_to(o,
                 "\n[[tariffs]]\nclass = \"household\"\nprice_per_kwh = 6.0\nsubsidised = true\n"
                 "\n[[tariffs]]\nclass = \"business\"\nprice_per_kwh = 9.0\n"
                 "\n[[tariffs]]\nclass = \"industrial\"\nprice_per_kwh = 7.0\n");
  return fmt::to_string(out);
}

}  // namespace minewatch::sim
