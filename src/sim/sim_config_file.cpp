// Reading config/simulator.toml over the built-in defaults (the declarations are in sim_config.h).

#include <cstdio>
#include <set>

#include "minewatch/core/error.h"
#include "minewatch/io/toml_file.h"
#include "minewatch/io/toml_section.h"
#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {
namespace {

// One table of the file (io/toml_section.h) with the simulator's own shapes of value.
class Section : public TomlSection {
 public:
  using TomlSection::TomlSection;

  void range(const char* key, Range& value) {
    const toml::node* node = get(key);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr || array->size() != 2) fail(*node, key, "expected [lo, hi]");
    value.lo = as_number(*array->get(0), key);
    value.hi = as_number(*array->get(1), key);
  }
  void lognormal(const char* key, LogNormal& value) {
    const toml::node* node = get(key);
    if (node == nullptr) return;
    const toml::table* t = node->as_table();
    if (t == nullptr) fail(*node, key, "expected { median = ..., sigma = ... }");
    Section inner(t, path(), qualified(key), nullptr);
    inner.number("median", value.median);
    inner.number("sigma", value.sigma);
    inner.finish();
  }
  // An inline table of named weights, e.g. { h1 = 1, h2 = 1 }.
  template <std::size_t N>
  void weights(const char* key, std::array<double, N>& value, const std::array<const char*, N>& names) {
    const toml::node* node = get(key);
    if (node == nullptr) return;
    const toml::table* t = node->as_table();
    if (t == nullptr) fail(*node, key, "expected an inline table of weights");
    Section inner(t, path(), qualified(key), nullptr);
    for (std::size_t i = 0; i < N; ++i) inner.number(names[i], value[i]);
    inner.finish();
  }
};

const toml::table* subtable(const toml::table& root, const char* key) {
  return root.get_as<toml::table>(key);
}

void read_region(Section& s, RegionConfig& r) {
  s.text("code", r.code);
  s.text("name", r.name);
  s.text("tz", r.tz);
  s.number("lat", r.lat);
  s.number("lon", r.lon);
  s.number("share", r.share);
  s.number("mining_factor", r.mining_factor);
  s.number("t_jan", r.t_jan);
  s.number("t_jul", r.t_jul);
  s.number("t_sd_winter", r.t_sd_winter);
  s.number("t_sd_summer", r.t_sd_summer);
  s.text("ban", r.ban);
  s.text("season_from", r.season_from);
  s.text("season_to", r.season_to);
  s.text("valid_from", r.valid_from);
  s.text("valid_to", r.valid_to);
}

void read_mining(Section& s, MiningConfig& m, const std::string& path, std::vector<std::string>* absent) {
  s.number("registered_share", m.registered_share);
  s.number("started_before_share", m.started_before_share);
  s.number("stopped_share", m.stopped_share);
  s.range("growth_steps", m.growth_steps);
  s.range("initial_fraction", m.initial_fraction);
  s.number("outages_per_month", m.outages_per_month);
  s.range("outage_hours", m.outage_hours);
  s.number("slot_noise_sigma", m.slot_noise_sigma);
  s.number("cooling_overhead", m.cooling_overhead);
  s.number("cooling_per_c", m.cooling_per_c);
  s.number("curtail_share", m.curtail_share);
  s.range("morning_peak_hours", m.morning_peak_hours);
  s.range("evening_peak_hours", m.evening_peak_hours);
  s.number("law_abiding_share", m.law_abiding_share);
  s.number("theft_share", m.theft_share);
  s.range("home_rigs", m.home_rigs);
  s.range("garage_kw", m.garage_kw);
  s.range("industrial_kw", m.industrial_kw);
  s.range("industrial_meters", m.industrial_meters);
  s.number("heater_balance_temp_c", m.heater_balance_temp_c);
  s.number("heater_full_temp_c", m.heater_full_temp_c);
  s.number("heater_min_fraction", m.heater_min_fraction);
  s.number("night_start_hour", m.night_start_hour);
  s.number("night_end_hour", m.night_end_hour);
  s.range("split_meters", m.split_meters);
  s.number("cap_kwh_per_month", m.cap_kwh_per_month);
  const std::array<const char*, kDisguiseCount> names = {"none",       "mixed", "capped",
                                                         "night_only", "split", "heater"};
  s.weights("home_disguise", m.home_disguise, names);
  s.weights("garage_disguise", m.garage_disguise, names);
  if (const toml::array* rigs = s.array_of_tables("rigs")) {
    m.rigs.clear();
    for (std::size_t i = 0; i < rigs->size(); ++i) {
      RigConfig rig;
      Section r((*rigs)[i].as_table(), path, "mining.rigs[" + std::to_string(i) + "]", absent);
      r.text("model", rig.model);
      r.number("kw", rig.kw);
      r.number("home", rig.home);
      r.number("garage", rig.garage);
      r.number("industrial", rig.industrial);
      r.finish();
      m.rigs.push_back(rig);
    }
  }
}

void read_electrical(Section& s, ElectricalConfig& e) {
  s.boolean("enabled", e.enabled);
  s.number("nominal_v", e.nominal_v);
  s.number("transformer_offset_sd", e.transformer_offset_sd);
  s.number("evening_sag", e.evening_sag);
  s.number("walk_sd", e.walk_sd);
  s.number("walk_persistence", e.walk_persistence);
  s.range("feeder_drop", e.feeder_drop);
  s.number("noise_sd", e.noise_sd);
  s.range("home_pf", e.home_pf);
  s.range("business_pf", e.business_pf);
  s.range("rig_pf", e.rig_pf);
  s.number("pf_noise_sd", e.pf_noise_sd);
  s.number("single_phase_max_kw", e.single_phase_max_kw);
  s.number("register_share", e.register_share);
  s.number("reversed_ct_share", e.reversed_ct_share);
}

void read_network(Section& s, NetworkConfig& n) {
  s.boolean("enabled", n.enabled);
  s.number("coverage", n.coverage);
  s.integer("flow_days", n.flow_days);
  s.text("address_range", n.address_range);
  s.number("pool_slack", n.pool_slack);
  s.range("lease_days", n.lease_days);
  s.weights("miner_kinds", n.miner_kinds, std::array<const char*, 3>{"pool_listed", "pool_tls", "vpn"});
  s.texts("listed_pools", n.listed_pools);
  s.text("unlisted_pool_range", n.unlisted_pool_range);
  s.number("unlisted_tls_share", n.unlisted_tls_share);
  s.range("pool_packet_interval_s", n.pool_packet_interval_s);
  s.range("pool_bytes_per_packet", n.pool_bytes_per_packet);
  s.text("vpn_range", n.vpn_range);
  s.lognormal("vpn_mb_per_hour", n.vpn_mb_per_hour);
  s.text("server_range", n.server_range);
  s.range("web_flows_per_day", n.web_flows_per_day);
  s.number("business_flow_factor", n.business_flow_factor);
  s.number("keepalive_share", n.keepalive_share);
  s.range("keepalive_interval_s", n.keepalive_interval_s);
  s.number("bitcoin_node_share", n.bitcoin_node_share);
  s.range("bitcoin_peers", n.bitcoin_peers);
  s.lognormal("bitcoin_mb_per_peer_hour", n.bitcoin_mb_per_peer_hour);
}

}  // namespace

SimConfig load_sim_config(const std::string& path, std::vector<std::string>* absent) {
  const toml::table root = parse_toml_file(path);
  SimConfig c = default_sim_config();
  Section top(&root, path, "", absent);  // for [[regions]]; the other top-level keys are checked below

  Section weather(subtable(root, "weather"), path, "weather", absent);
  weather.number("diurnal_amplitude_c", c.weather.diurnal_amplitude_c);
  weather.number("anomaly_persistence", c.weather.anomaly_persistence);
  weather.finish();

  Section calendar(subtable(root, "calendar"), path, "calendar", absent);
  calendar.texts("holidays", c.holidays);
  calendar.finish();

  if (const toml::array* regions = top.array_of_tables("regions")) {
    c.regions.clear();
    for (std::size_t i = 0; i < regions->size(); ++i) {
      RegionConfig r;
      Section s((*regions)[i].as_table(), path, "regions[" + std::to_string(i) + "]", nullptr);
      read_region(s, r);
      s.finish();
      c.regions.push_back(r);
    }
  }

  Section grid(subtable(root, "grid"), path, "grid", absent);
  auto& g = c.grid;
  grid.range("meters_per_transformer", g.meters_per_transformer);
  grid.range("loss_fraction", g.loss_fraction);
  grid.number("tap_share", g.tap_share);
  grid.range("tap_kw", g.tap_kw);
  grid.number("tap_mining_share", g.tap_mining_share);
  grid.number("tap_started_before_share", g.tap_started_before_share);
  grid.number("outages_per_year", g.outages_per_year);
  grid.range("outage_hours", g.outage_hours);
  grid.number("comms_gaps_per_meter_year", g.comms_gaps_per_meter_year);
  grid.range("comms_gap_hours", g.comms_gap_hours);
  grid.number("industrial_mining_sites_per_10k", g.industrial_mining_sites_per_10k);
  grid.number("ai_datacentres_per_10k", g.ai_datacentres_per_10k);
  grid.finish();

  Section classes(subtable(root, "classes"), path, "classes", absent);
  auto& k = c.classes;
  classes.number("household_electric", k.household_electric);
  classes.number("holiday_home", k.holiday_home);
  classes.number("business", k.business);
  classes.number("cold_store", k.cold_store);
  classes.number("greenhouse", k.greenhouse);
  classes.number("pump", k.pump);
  classes.number("bakery", k.bakery);
  classes.number("server_room", k.server_room);
  classes.number("mining_home", k.mining_home);
  classes.number("mining_garage", k.mining_garage);
  classes.finish();

  Section household(subtable(root, "household"), path, "household", absent);
  auto& h = c.household;
  household.lognormal("mean_kw", h.mean_kw);
  household.range("base_fraction", h.base_fraction);
  household.range("morning_hour", h.morning_hour);
  household.range("evening_hour", h.evening_hour);
  household.number("weekend_delay_hours", h.weekend_delay_hours);
  household.number("home_by_day_share", h.home_by_day_share);
  household.number("slot_noise_sigma", h.slot_noise_sigma);
  household.number("day_noise_sigma", h.day_noise_sigma);
  household.number("appliance_events_per_day", h.appliance_events_per_day);
  household.range("appliance_kwh", h.appliance_kwh);
  household.number("winter_lighting", h.winter_lighting);
  household.number("vacation_share", h.vacation_share);
  household.range("vacation_days", h.vacation_days);
  household.number("vacation_base_fraction", h.vacation_base_fraction);
  household.finish();

  Section heating(subtable(root, "electric_heating"), path, "electric_heating", absent);
  auto& e = c.electric_heating;
  heating.range("kw_at_design", e.kw_at_design);
  heating.number("balance_temp_c", e.balance_temp_c);
  heating.number("design_temp_c", e.design_temp_c);
  heating.number("night_storage_share", e.night_storage_share);
  heating.number("night_start_hour", e.night_start_hour);
  heating.number("night_end_hour", e.night_end_hour);
  heating.finish();

  Section holiday(subtable(root, "holiday_home"), path, "holiday_home", absent);
  auto& hh = c.holiday_home;
  holiday.range("standby_kw", hh.standby_kw);
  holiday.number("frost_guard_share", hh.frost_guard_share);
  holiday.range("frost_guard_kw", hh.frost_guard_kw);
  holiday.range("summer_months", hh.summer_months);
  holiday.number("weekend_use_share", hh.weekend_use_share);
  holiday.finish();

  Section business(subtable(root, "business"), path, "business", absent);
  auto& b = c.business;
  business.lognormal("open_kw", b.open_kw);
  business.range("closed_fraction", b.closed_fraction);
  business.range("open_hour", b.open_hour);
  business.range("close_hour", b.close_hour);
  business.number("six_day_share", b.six_day_share);
  business.number("seven_day_share", b.seven_day_share);
  business.number("cooling_per_c", b.cooling_per_c);
  business.number("slot_noise_sigma", b.slot_noise_sigma);
  business.finish();

  Section cold(subtable(root, "cold_store"), path, "cold_store", absent);
  auto& cs = c.cold_store;
  cold.range("compressor_kw", cs.compressor_kw);
  cold.range("duty_at_5c", cs.duty_at_5c);
  cold.number("duty_per_c", cs.duty_per_c);
  cold.range("cycle_minutes", cs.cycle_minutes);
  cold.range("defrosts_per_day", cs.defrosts_per_day);
  cold.range("defrost_minutes", cs.defrost_minutes);
  cold.number("defrost_kw_fraction", cs.defrost_kw_fraction);
  cold.number("aux_fraction", cs.aux_fraction);
  cold.finish();

  Section green(subtable(root, "greenhouse"), path, "greenhouse", absent);
  auto& gh = c.greenhouse;
  green.range("lamp_kw", gh.lamp_kw);
  green.range("photoperiod_hours", gh.photoperiod_hours);
  green.range("lights_on_hour", gh.lights_on_hour);
  green.number("aux_fraction", gh.aux_fraction);
  green.number("peak_avoid_share", gh.peak_avoid_share);
  green.finish();

  Section pump(subtable(root, "pump"), path, "pump", absent);
  auto& p = c.pump;
  pump.range("kw", p.kw);
  pump.number("vfd_share", p.vfd_share);
  pump.number("cycling_share", p.cycling_share);
  pump.range("run_hours", p.run_hours);
  pump.range("idle_hours", p.idle_hours);
  pump.range("irrigation_months", p.irrigation_months);
  pump.finish();

  Section bakery(subtable(root, "bakery"), path, "bakery", absent);
  auto& bk = c.bakery;
  bakery.range("oven_kw", bk.oven_kw);
  bakery.range("start_hour", bk.start_hour);
  bakery.range("bake_hours", bk.bake_hours);
  bakery.number("base_fraction", bk.base_fraction);
  bakery.finish();

  Section server(subtable(root, "server_room"), path, "server_room", absent);
  auto& sr = c.server_room;
  server.range("it_kw", sr.it_kw);
  server.number("cooling_base", sr.cooling_base);
  server.number("cooling_per_c", sr.cooling_per_c);
  server.number("it_noise_sigma", sr.it_noise_sigma);
  server.finish();

  Section aidc(subtable(root, "ai_datacentre"), path, "ai_datacentre", absent);
  auto& a = c.ai_datacentre;
  aidc.range("meters", a.meters);
  aidc.range("kw_per_meter", a.kw_per_meter);
  aidc.range("pue", a.pue);
  aidc.number("pue_per_c", a.pue_per_c);
  aidc.number("dips_per_month", a.dips_per_month);
  aidc.range("dip_hours", a.dip_hours);
  aidc.range("dip_level", a.dip_level);
  aidc.number("mining_share", a.mining_share);
  aidc.range("mining_rigs", a.mining_rigs);
  aidc.finish();

  Section mining(subtable(root, "mining"), path, "mining", absent);
  read_mining(mining, c.mining, path, absent);
  mining.finish();

  Section theft(subtable(root, "theft"), path, "theft", absent);
  auto& t = c.theft;
  theft.number("share", t.share);
  theft.weights("type_weights", t.type_weights,
                std::array<const char*, 6>{"h1", "h2", "h3", "h4", "h5", "h6"});
  theft.range("alpha", t.alpha);
  theft.number("h2_min_hours", t.h2_min_hours);
  theft.number("started_before_share", t.started_before_share);
  theft.number("tamper_share", t.tamper_share);
  theft.number("magnet_share", t.magnet_share);
  theft.number("magnet_episodes_per_week", t.magnet_episodes_per_week);
  theft.range("magnet_hours", t.magnet_hours);
  theft.finish();

  Section events(subtable(root, "events"), path, "events", absent);
  events.number("clock_set_per_meter_year", c.events.clock_set_per_meter_year);
  events.number("benign_cover_open_per_meter_year", c.events.benign_cover_open_per_meter_year);
  events.finish();

  Section policy(subtable(root, "policy"), path, "policy", absent);
  policy.number("individual_limit_kwh_per_month", c.policy.individual_limit_kwh_per_month);
  policy.text("register_from", c.policy.register_from);
  policy.finish();

  Section network(subtable(root, "network"), path, "network", absent);
  read_network(network, c.network);
  network.finish();

  Section electrical(subtable(root, "electrical"), path, "electrical", absent);
  read_electrical(electrical, c.electrical);
  electrical.finish();

  // The top level holds only the tables above and the [[regions]] array.
  const std::set<std::string> top_keys = {
      "weather",       "calendar", "regions",    "grid",       "classes", "household", "electric_heating",
      "holiday_home",  "business", "cold_store", "greenhouse", "pump",    "bakery",    "server_room",
      "ai_datacentre", "mining",   "theft",      "events",     "policy",  "network",   "electrical"};
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (top_keys.count(name) == 0) throw InputError({path, toml_line(node), name}, "unknown key");
    if (name != "regions" && !node.is_table())
      throw InputError({path, toml_line(node), name}, "expected a table");
  }

  validate_sim_config(c, path);
  return c;
}

}  // namespace minewatch::sim
