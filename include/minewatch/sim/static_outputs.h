// sim layer: the small files written from the plan alone, before any reading: meters.csv, registry.csv,
// weather.csv and policy.toml. Each is O(meters) or smaller and built in memory.
#pragma once

#include <cstdint>
#include <string>

#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/sim_config.h"
#include "minewatch/sim/weather.h"

namespace minewatch::sim {

// meter_id,region,tariff,transformer_id,subscriber_id,contract_kw,lat,lon
std::string meters_csv(const SimConfig& config, const GridPlan& plan);
// taxpayer_id,meter_id,capacity_kw,from,to: one row per meter of each registered site. Some sites declare
// less capacity than they run (drawn from the site's own stream, so it does not depend on the rest of the
// run).
std::string registry_csv(const SimConfig& config, const GridPlan& plan, std::uint64_t seed,
                         std::int64_t first_day);
// region,date,temp_c
std::string weather_csv(const SimConfig& config, const WeatherTable& weather);
// The rules of the simulated world: regions with their bans, the register file, the AI data centres.
std::string policy_toml(const SimConfig& config, const GridPlan& plan, const std::string& register_file);

}  // namespace minewatch::sim
