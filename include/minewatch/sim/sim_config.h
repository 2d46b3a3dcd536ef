// sim layer: every parameter of the synthetic grid, with its default. config/simulator.toml lists the same
// keys with the same values and says where each figure comes from; a unit test keeps the two equal. The facts
// behind the defaults are cited in docs/simulator.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace minewatch::sim {

struct Range {
  double lo = 0;
  double hi = 0;
  friend bool operator==(const Range&, const Range&) = default;
};

struct LogNormal {
  double median = 1;
  double sigma = 0;
  friend bool operator==(const LogNormal&, const LogNormal&) = default;
};

// A region: where its meters are, its climate and its mining rules (rules are data: the policy file carries
// them).
struct RegionConfig {
  std::string code;  // ISO 3166-2:RU, must be in data/regions.csv
  std::string name;
  std::string tz;  // IANA zone, must agree with data/regions.csv
  double lat = 0;
  double lon = 0;
  double share = 0;          // weight of the region among meters
  double mining_factor = 1;  // multiplies the mining classes' shares
  double t_jan = 0;          // mean temperature of January and July, °C (climate normals)
  double t_jul = 0;
  double t_sd_winter = 4;  // standard deviation of the daily anomaly in winter and summer, °C
  double t_sd_summer = 2.5;
  std::string ban = "none";  // none | all_year | seasonal
  std::string season_from;   // local "MM-DD", inclusive
  std::string season_to;     // local "MM-DD", exclusive
  std::string valid_from;    // "YYYY-MM-DD"
  std::string valid_to;
  friend bool operator==(const RegionConfig&, const RegionConfig&) = default;
};

struct WeatherConfig {
  double diurnal_amplitude_c = 4.0;
  double anomaly_persistence = 0.75;
  friend bool operator==(const WeatherConfig&, const WeatherConfig&) = default;
};

struct GridConfig {
  Range meters_per_transformer{30, 150};
  Range loss_fraction{0.02, 0.05};
  double tap_share = 0.06;
  Range tap_kw{3.0, 30.0};
  double tap_mining_share = 0.6;
  double tap_started_before_share = 0.5;
  double outages_per_year = 2.0;
  Range outage_hours{1.0, 6.0};
  double comms_gaps_per_meter_year = 0.5;
  Range comms_gap_hours{1.0, 12.0};
  double industrial_mining_sites_per_10k = 2.0;
  double ai_datacentres_per_10k = 0.5;
  friend bool operator==(const GridConfig&, const GridConfig&) = default;
};

// Shares of the meters on residential transformers; plain households take the rest.
struct ClassShares {
  double household_electric = 0.06;
  double holiday_home = 0.03;
  double business = 0.06;
  double cold_store = 0.004;
  double greenhouse = 0.002;
  double pump = 0.004;
  double bakery = 0.003;
  double server_room = 0.003;
  double mining_home = 0.012;
  double mining_garage = 0.004;
  friend bool operator==(const ClassShares&, const ClassShares&) = default;
};

struct HouseholdConfig {
  LogNormal mean_kw{0.30, 0.40};
  Range base_fraction{0.25, 0.45};
  Range morning_hour{6.0, 8.0};
  Range evening_hour{18.5, 21.0};
  double weekend_delay_hours = 1.5;
  double home_by_day_share = 0.35;
  double slot_noise_sigma = 0.35;
  double day_noise_sigma = 0.15;
  double appliance_events_per_day = 3.0;
  Range appliance_kwh{0.2, 1.0};
  double winter_lighting = 0.25;
  double vacation_share = 0.5;
  Range vacation_days{7, 21};
  double vacation_base_fraction = 0.5;
  friend bool operator==(const HouseholdConfig&, const HouseholdConfig&) = default;
};

struct ElectricHeatingConfig {
  Range kw_at_design{4.0, 12.0};
  double balance_temp_c = 16.0;
  double design_temp_c = -30.0;
  double night_storage_share = 0.3;
  double night_start_hour = 23;
  double night_end_hour = 7;
  friend bool operator==(const ElectricHeatingConfig&, const ElectricHeatingConfig&) = default;
};

struct HolidayHomeConfig {
  Range standby_kw{0.02, 0.08};
  double frost_guard_share = 0.4;
  Range frost_guard_kw{0.5, 2.0};
  Range summer_months{5, 9};
  double weekend_use_share = 0.6;
  friend bool operator==(const HolidayHomeConfig&, const HolidayHomeConfig&) = default;
};

struct BusinessConfig {
  LogNormal open_kw{5.0, 0.6};
  Range closed_fraction{0.1, 0.4};
  Range open_hour{7, 10};
  Range close_hour{17, 22};
  double six_day_share = 0.4;
  double seven_day_share = 0.3;
  double cooling_per_c = 0.02;
  double slot_noise_sigma = 0.15;
  friend bool operator==(const BusinessConfig&, const BusinessConfig&) = default;
};

struct ColdStoreConfig {
  Range compressor_kw{8.0, 60.0};
  Range duty_at_5c{0.45, 0.6};
  double duty_per_c = 0.012;
  Range cycle_minutes{15.0, 40.0};
  Range defrosts_per_day{2, 4};
  Range defrost_minutes{20.0, 40.0};
  double defrost_kw_fraction = 0.3;
  double aux_fraction = 0.05;
  friend bool operator==(const ColdStoreConfig&, const ColdStoreConfig&) = default;
};

struct GreenhouseConfig {
  Range lamp_kw{20.0, 300.0};
  Range photoperiod_hours{16.0, 18.0};
  Range lights_on_hour{1.0, 5.0};
  double aux_fraction = 0.1;
  double peak_avoid_share = 0.3;
  friend bool operator==(const GreenhouseConfig&, const GreenhouseConfig&) = default;
};

struct PumpConfig {
  Range kw{7.5, 75.0};
  double vfd_share = 0.4;
  double cycling_share = 0.4;
  Range run_hours{1.0, 4.0};
  Range idle_hours{0.5, 3.0};
  Range irrigation_months{5, 9};
  friend bool operator==(const PumpConfig&, const PumpConfig&) = default;
};

struct BakeryConfig {
  Range oven_kw{15.0, 80.0};
  Range start_hour{1.0, 4.0};
  Range bake_hours{6.0, 9.0};
  double base_fraction = 0.15;
  friend bool operator==(const BakeryConfig&, const BakeryConfig&) = default;
};

struct ServerRoomConfig {
  Range it_kw{3.0, 40.0};
  double cooling_base = 0.25;
  double cooling_per_c = 0.015;
  double it_noise_sigma = 0.02;
  friend bool operator==(const ServerRoomConfig&, const ServerRoomConfig&) = default;
};

struct AiDatacentreConfig {
  Range meters{2, 6};
  Range kw_per_meter{300.0, 2500.0};
  Range pue{1.15, 1.35};
  double pue_per_c = 0.004;
  double dips_per_month = 2.0;
  Range dip_hours{2.0, 12.0};
  Range dip_level{0.4, 0.7};
  double mining_share = 0.2;
  Range mining_rigs{100, 600};
  friend bool operator==(const AiDatacentreConfig&, const AiDatacentreConfig&) = default;
};

// A mining rig model and how common it is at each scale of site.
struct RigConfig {
  std::string model;
  double kw = 0;  // power at the wall, nominal mode
  double home = 0;
  double garage = 0;
  double industrial = 0;
  friend bool operator==(const RigConfig&, const RigConfig&) = default;
};

enum class Disguise : std::uint8_t { none, mixed, capped, night_only, split, heater, count_ };
inline constexpr std::size_t kDisguiseCount = static_cast<std::size_t>(Disguise::count_);
const char* disguise_name(Disguise d);

struct MiningConfig {
  double registered_share = 0.30;
  double started_before_share = 0.5;
  double stopped_share = 0.08;
  Range growth_steps{0, 3};
  Range initial_fraction{0.3, 1.0};
  double outages_per_month = 0.6;
  Range outage_hours{1.0, 24.0};
  double slot_noise_sigma = 0.01;
  double cooling_overhead = 0.03;
  double cooling_per_c = 0.004;
  double curtail_share = 0.25;
  Range morning_peak_hours{8, 11};
  Range evening_peak_hours{17, 21};
  double law_abiding_share = 0.5;
  double theft_share = 0.15;
  Range home_rigs{1, 15};
  Range garage_kw{50.0, 500.0};
  Range industrial_kw{500.0, 5000.0};
  Range industrial_meters{1, 4};
  double heater_balance_temp_c = 10.0;
  double heater_full_temp_c = -15.0;
  double heater_min_fraction = 0.2;
  double night_start_hour = 23;
  double night_end_hour = 7;
  Range split_meters{2, 4};
  double cap_kwh_per_month = 6000;
  std::array<double, kDisguiseCount> home_disguise{0.35, 0.25, 0.10, 0.10, 0.05, 0.15};
  std::array<double, kDisguiseCount> garage_disguise{0.55, 0.0, 0.10, 0.10, 0.20, 0.05};
  std::vector<RigConfig> rigs;
  friend bool operator==(const MiningConfig&, const MiningConfig&) = default;
};

struct TheftConfig {
  double share = 0.03;
  std::array<double, 6> type_weights{1, 1, 1, 1, 1, 1};  // h1..h6 (Jokar et al. 2016)
  Range alpha{0.1, 0.8};
  double h2_min_hours = 4.0;
  double started_before_share = 0.3;
  double tamper_share = 0.4;
  double magnet_share = 0.5;
  double magnet_episodes_per_week = 1.5;
  Range magnet_hours{6.0, 72.0};
  friend bool operator==(const TheftConfig&, const TheftConfig&) = default;
};

struct EventsConfig {
  double clock_set_per_meter_year = 0.3;
  double benign_cover_open_per_meter_year = 0.02;
  friend bool operator==(const EventsConfig&, const EventsConfig&) = default;
};

struct PolicyConfig {
  double individual_limit_kwh_per_month = 6000;
  std::string register_from = "2024-11-01";
  friend bool operator==(const PolicyConfig&, const PolicyConfig&) = default;
};

// The telecom's view of its subscribers: leases.csv, flows.csv and net_truth.csv (docs/simulator.md,
// "Network data"). Addresses are IPv4 ranges in CIDR notation, endpoints "a.b.c.d:port".
struct NetworkConfig {
  bool enabled = true;
  double coverage = 0.6;        // share of subscribers who are the telecom's customers
  std::int64_t flow_days = 14;  // flow records of the last days only (telecoms keep them briefly)
  std::string address_range = "100.64.0.0/10";  // subscribers' dynamic addresses (RFC 6598 shared space)
  double pool_slack = 0.2;                      // spare addresses in each area's pool beyond its subscribers
  Range lease_days{1.0, 7.0};
  std::array<double, 3> miner_kinds{0.5, 0.35, 0.15};  // pool_listed, pool_tls, vpn
  // Endpoints that data/net/pools.csv lists (185.71.66.39 and 185.71.66.20 are nanopool's, any port there).
  std::vector<std::string> listed_pools{"185.71.66.39:9999", "185.71.66.20:14444", "185.71.66.20:6666"};
  std::string unlisted_pool_range = "203.0.113.0/24";  // pools and proxies nobody listed (TEST-NET-3)
  double unlisted_tls_share = 0.6;                     // of pool_tls: port 443; the others a random high port
  Range pool_packet_interval_s{2.0, 8.0};  // one small message each way this often (Stratum jobs, shares)
  Range pool_bytes_per_packet{100.0, 300.0};
  std::string vpn_range = "198.51.100.0/24";  // VPN servers (TEST-NET-2)
  LogNormal vpn_mb_per_hour{40.0, 0.6};
  std::string server_range = "198.18.0.0/15";  // web, video, push and Bitcoin peers (RFC 2544 space)
  Range web_flows_per_day{3.0, 30.0};          // a subscriber's mean, drawn once
  double business_flow_factor = 3.0;           // shops, facilities, data centres: this many times more
  double keepalive_share = 0.15;               // homes with an always-on push/IoT connection
  Range keepalive_interval_s{20.0, 90.0};
  double bitcoin_node_share = 0.01;  // homes running a Bitcoin node
  Range bitcoin_peers{8.0, 10.0};
  LogNormal bitcoin_mb_per_peer_hour{8.0, 0.8};
  friend bool operator==(const NetworkConfig&, const NetworkConfig&) = default;
};

// The electrical channels of readings.csv (kvarh, voltage_v, current_a, pf): off by default, so the files
// stay as they were. Voltages are shares of the nominal (docs/simulator.md, "Electrical channels").
struct ElectricalConfig {
  bool enabled = false;
  double nominal_v = 230.0;              // single-phase household supply (GOST 29322-2014)
  double transformer_offset_sd = 0.015;  // a transformer's tap setting and feeder, share of nominal
  double evening_sag = 0.015;            // the transformer's voltage falls this much at the evening peak
  double walk_sd = 0.005;                // a slow AR(1) wander of the transformer's voltage
  double walk_persistence = 0.98;        // per slot
  Range feeder_drop{0.0, 0.03};          // a meter's drop along its feeder, share of nominal
  double noise_sd = 0.002;               // per reading
  Range home_pf{0.90, 0.98};             // homes: fridges, motors and electronics
  Range business_pf{0.85, 0.95};         // shops and facilities: compressors, pumps, lighting ballasts
  Range rig_pf{0.95, 0.99};              // ASIC and GPU power supplies with active PFC
  double pf_noise_sd = 0.005;
  double single_phase_max_kw = 15.0;  // larger connections are three-phase: their channels are left blank
  // Thieves with channels (magnets excepted: the magnet slows the sensor the channels come from):
  double register_share = 0.3;      // the energy register tampered: the channels still show the true draw
  double reversed_ct_share = 0.25;  // of the other h2 thieves: the current sensor reversed in the window
  friend bool operator==(const ElectricalConfig&, const ElectricalConfig&) = default;
};

struct SimConfig {
  WeatherConfig weather;
  std::vector<std::string> holidays;  // local "MM-DD" days off
  std::vector<RegionConfig> regions;
  GridConfig grid;
  ClassShares classes;
  HouseholdConfig household;
  ElectricHeatingConfig electric_heating;
  HolidayHomeConfig holiday_home;
  BusinessConfig business;
  ColdStoreConfig cold_store;
  GreenhouseConfig greenhouse;
  PumpConfig pump;
  BakeryConfig bakery;
  ServerRoomConfig server_room;
  AiDatacentreConfig ai_datacentre;
  MiningConfig mining;
  TheftConfig theft;
  EventsConfig events;
  PolicyConfig policy;
  NetworkConfig network;
  ElectricalConfig electrical;
  friend bool operator==(const SimConfig&, const SimConfig&) = default;
};

// The built-in defaults, equal to config/simulator.toml.
SimConfig default_sim_config();

// Reads a TOML file over the defaults. Keys absent from the file keep their defaults and are listed in
// `absent` when given; the [[regions]] and [[mining.rigs]] arrays replace the defaults as a whole. Throws
// InputError naming the file, line and key for an unknown key, a value of the wrong type, or an
// inconsistency.
SimConfig load_sim_config(const std::string& path, std::vector<std::string>* absent = nullptr);

// Throws InputError (place: `source`) when the values cannot work: empty ranges, shares outside [0, 1], no
// regions or rigs, a bad ban kind or date.
void validate_sim_config(const SimConfig& config, const std::string& source);

}  // namespace minewatch::sim
