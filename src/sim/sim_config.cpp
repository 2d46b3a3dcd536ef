#include "minewatch/sim/sim_config.h"

#include <cmath>

#include "minewatch/core/error.h"
#include "minewatch/policy/season_window.h"
#include "minewatch/sim/calendar.h"
#include "minewatch/sim/network_plan.h"

namespace minewatch::sim {
namespace {

// The ten regions the issue asks for. Temperatures are rounded monthly means of each region's capital from
// climate normals (docs/simulator.md cites them); ban windows follow Government Decree No. 1869 of 23 Dec
// 2024.
std::vector<RegionConfig> default_regions() {
  const std::string from = "2025-01-01";
  const std::string to = "2031-03-15";
  auto region = [&](std::string code, std::string name, std::string tz, double lat, double lon, double share,
                    double mining, double t_jan, double t_jul, double sd_winter, std::string ban) {
    RegionConfig r;
    r.code = std::move(code);
    r.name = std::move(name);
    r.tz = std::move(tz);
    r.lat = lat;
    r.lon = lon;
    r.share = share;
    r.mining_factor = mining;
    r.t_jan = t_jan;
    r.t_jul = t_jul;
    r.t_sd_winter = sd_winter;
    r.t_sd_summer = 2.5;
    r.ban = std::move(ban);
    if (r.ban != "none") {
      r.valid_from = from;
      r.valid_to = to;
    }
    if (r.ban == "seasonal") {
      r.season_from = "11-15";
      r.season_to = "03-15";
    }
    return r;
  };
  return {
      region("RU-IRK", "Irkutsk Oblast", "Asia/Irkutsk", 52.29, 104.28, 0.20, 3.0, -17.5, 18.5, 5.0,
             "seasonal"),
      region("RU-NVS", "Novosibirsk Oblast", "Asia/Novosibirsk", 55.03, 82.92, 0.12, 1.5, -16.5, 19.5, 5.5,
             "none"),
      region("RU-BA", "Bashkortostan", "Asia/Yekaterinburg", 54.73, 55.96, 0.12, 1.5, -12.5, 19.8, 5.0,
             "none"),
      region("RU-KK", "Khakassia", "Asia/Krasnoyarsk", 53.72, 91.43, 0.05, 1.5, -18.5, 20.0, 5.0, "none"),
      region("RU-TYU", "Tyumen Oblast", "Asia/Yekaterinburg", 57.15, 65.53, 0.08, 0.8, -14.5, 19.0, 5.5,
             "none"),
      region("RU-MUR", "Murmansk Oblast", "Europe/Moscow", 68.97, 33.07, 0.05, 1.0, -10.0, 13.0, 4.5, "none"),
      region("RU-BU", "Buryatia", "Asia/Irkutsk", 51.83, 107.58, 0.07, 1.2, -22.5, 19.5, 5.0, "seasonal"),
      region("RU-ZAB", "Zabaykalsky Krai", "Asia/Chita", 52.03, 113.50, 0.06, 1.2, -24.0, 18.5, 5.0,
             "seasonal"),
      region("RU-DA", "Dagestan", "Europe/Moscow", 42.98, 47.50, 0.08, 1.5, 2.5, 25.0, 3.0, "all_year"),
      region("RU-MOW", "Moscow", "Europe/Moscow", 55.76, 37.62, 0.17, 0.3, -6.5, 19.5, 4.5, "none"),
  };
}

// Wall power of the nominal mode from the makers' specifications (docs/simulator.md), and how common each
// model is at home, in garages and in industrial containers (weights, normalised per scale).
std::vector<RigConfig> default_rigs() {
  return {
      {"Antminer S9", 1.323, 0.40, 0.15, 0.0},        {"Antminer S19", 3.25, 0.15, 0.30, 0.25},
      {"Antminer S19j Pro", 3.068, 0.10, 0.25, 0.25}, {"Antminer S19 XP", 3.01, 0.05, 0.15, 0.25},
      {"Antminer S21", 3.5, 0.05, 0.10, 0.25},        {"GPU rig 6x", 1.2, 0.25, 0.05, 0.0},
  };
}

[[noreturn]] void bad(const std::string& source, const std::string& key, const std::string& problem) {
  throw InputError({source, 0, key}, problem);
}

void check_range(const std::string& source, const std::string& key, const Range& r, double min, double max) {
  if (!(r.lo <= r.hi) || r.lo < min || r.hi > max)
    bad(source, key,
        "expected [lo, hi] with " + std::to_string(min) + " <= lo <= hi <= " + std::to_string(max));
}

void check_share(const std::string& source, const std::string& key, double v) {
  if (!(v >= 0 && v <= 1)) bad(source, key, "expected a share between 0 and 1");
}

void check_weights(const std::string& source, const std::string& key, const double* w, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!(w[i] >= 0)) bad(source, key, "weights must not be negative");
    sum += w[i];
  }
  if (!(sum > 0)) bad(source, key, "at least one weight must be positive");
}

}  // namespace

const char* disguise_name(Disguise d) {
  switch (d) {
    case Disguise::none:
      return "none";
    case Disguise::mixed:
      return "mixed";
    case Disguise::capped:
      return "capped";
    case Disguise::night_only:
      return "night_only";
    case Disguise::split:
      return "split";
    case Disguise::heater:
      return "heater";
    case Disguise::count_:
      break;
  }
  return "?";
}

SimConfig default_sim_config() {
  SimConfig c;
  // Labour Code of the Russian Federation, Art. 112: non-working public holidays.
  c.holidays = {"01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07",
                "01-08", "02-23", "03-08", "05-01", "05-09", "06-12", "11-04"};
  c.regions = default_regions();
  c.mining.rigs = default_rigs();
  return c;
}

void validate_sim_config(const SimConfig& c, const std::string& source) {
  if (c.regions.empty()) bad(source, "regions", "at least one region is needed");
  double region_weight = 0;
  for (const auto& r : c.regions) {
    const std::string key = "regions." + r.code;
    if (r.code.empty() || r.tz.empty()) bad(source, key, "a region needs code and tz");
    if (!(r.share >= 0) || !(r.mining_factor >= 0)) bad(source, key, "share and mining_factor must be >= 0");
    region_weight += r.share;
    if (r.ban != "none" && r.ban != "all_year" && r.ban != "seasonal")
      bad(source, key + ".ban", "expected none, all_year or seasonal");
    if (r.ban == "seasonal" &&
        (!policy::parse_month_day(r.season_from) || !policy::parse_month_day(r.season_to)))
      bad(source, key, "a seasonal ban needs season_from and season_to as \"MM-DD\"");
    std::int64_t d = 0;
    if (!r.valid_from.empty() && !parse_date(r.valid_from, d))
      bad(source, key + ".valid_from", "expected YYYY-MM-DD");
    if (!r.valid_to.empty() && !parse_date(r.valid_to, d))
      bad(source, key + ".valid_to", "expected YYYY-MM-DD");
  }
  if (!(region_weight > 0)) bad(source, "regions", "the region shares must not all be zero");
  for (const auto& h : c.holidays) {
    if (!policy::parse_month_day(h)) bad(source, "calendar.holidays", "expected \"MM-DD\": " + h);
  }
  const auto& g = c.grid;
  check_range(source, "grid.meters_per_transformer", g.meters_per_transformer, 1, 1e6);
  check_range(source, "grid.loss_fraction", g.loss_fraction, 0, 0.5);
  check_share(source, "grid.tap_share", g.tap_share);
  check_range(source, "grid.tap_kw", g.tap_kw, 0, 1e5);
  const auto& k = c.classes;
  const double trap_and_mining = k.household_electric + k.holiday_home + k.business + k.cold_store +
                                 k.greenhouse + k.pump + k.bakery + k.server_room + k.mining_home +
                                 k.mining_garage;
  if (!(trap_and_mining >= 0 && trap_and_mining < 1))
    bad(source, "classes", "the class shares must sum below 1");
  check_share(source, "mining.registered_share", c.mining.registered_share);
  check_range(source, "mining.home_rigs", c.mining.home_rigs, 1, 1e4);
  check_range(source, "mining.split_meters", c.mining.split_meters, 2, 20);
  check_range(source, "mining.industrial_meters", c.mining.industrial_meters, 1, 100);
  check_weights(source, "mining.home_disguise", c.mining.home_disguise.data(), kDisguiseCount);
  check_weights(source, "mining.garage_disguise", c.mining.garage_disguise.data(), kDisguiseCount);
  if (c.mining.rigs.empty()) bad(source, "mining.rigs", "at least one rig model is needed");
  double home = 0, garage = 0, industrial = 0;
  for (const auto& rig : c.mining.rigs) {
    if (!(rig.kw > 0)) bad(source, "mining.rigs." + rig.model, "kw must be positive");
    home += rig.home;
    garage += rig.garage;
    industrial += rig.industrial;
  }
  if (!(home > 0 && garage > 0 && industrial > 0))
    bad(source, "mining.rigs", "each scale (home, garage, industrial) needs a rig with positive weight");
  check_share(source, "theft.share", c.theft.share);
  check_weights(source, "theft.type_weights", c.theft.type_weights.data(), c.theft.type_weights.size());
  check_range(source, "theft.alpha", c.theft.alpha, 0, 1);
  check_range(source, "ai_datacentre.meters", c.ai_datacentre.meters, 1, 100);
  std::int64_t d = 0;
  if (!parse_date(c.policy.register_from, d)) bad(source, "policy.register_from", "expected YYYY-MM-DD");
  validate_network_config(c.network, source);
  const auto& e = c.electrical;
  check_range(source, "electrical.nominal_v", {e.nominal_v, e.nominal_v}, 50, 1000);
  check_range(source, "electrical.feeder_drop", e.feeder_drop, 0, 0.2);
  check_range(source, "electrical.home_pf", e.home_pf, 0.5, 1);
  check_range(source, "electrical.business_pf", e.business_pf, 0.5, 1);
  check_range(source, "electrical.rig_pf", e.rig_pf, 0.5, 1);
  for (const auto& [key, v] : {std::pair{"transformer_offset_sd", e.transformer_offset_sd},
                               {"evening_sag", e.evening_sag},
                               {"walk_sd", e.walk_sd},
                               {"noise_sd", e.noise_sd},
                               {"pf_noise_sd", e.pf_noise_sd}})
    check_range(source, std::string("electrical.") + key, {v, v}, 0, 0.1);
  check_share(source, "electrical.walk_persistence", e.walk_persistence);
  check_share(source, "electrical.register_share", e.register_share);
  check_share(source, "electrical.reversed_ct_share", e.reversed_ct_share);
  if (!(e.single_phase_max_kw >= 0)) bad(source, "electrical.single_phase_max_kw", "must be >= 0");
}

}  // namespace minewatch::sim
