// sim layer: the plan of the synthetic grid, drawn once before any reading: transformers, meters, their
// classes, mining sites, thefts and taps. O(meters) memory (about 120 bytes a meter); the readings are
// generated from it block by block (simulator.h). Everything the truth files say comes from here or from the
// generators.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/sim/sim_config.h"

namespace minewatch::sim {

enum class MeterClass : std::uint8_t {
  household,
  household_electric,  // electric heating that follows the temperature (some with night storage heaters)
  holiday_home,        // dacha: weekends and summer; some keep a frost guard heater on in winter
  business,            // small business with working hours
  cold_store,
  greenhouse,
  pump,
  bakery,
  server_room,
  ai_datacentre,      // a licensed AI data centre's feeder meter
  mining_home,        // 1-15 rigs on a household meter, with the household's own load
  mining_garage,      // 50-500 kW
  mining_industrial,  // containers, 0.5-5 MW per site
  mining_aidc,        // a mining hall hidden inside a designated AI data centre
  count_
};
inline constexpr std::size_t kMeterClassCount = static_cast<std::size_t>(MeterClass::count_);
const char* class_name(MeterClass c);
constexpr bool is_mining(MeterClass c) {
  return c == MeterClass::mining_home || c == MeterClass::mining_garage ||
         c == MeterClass::mining_industrial || c == MeterClass::mining_aidc;
}

enum class Tariff : std::uint8_t { household, business, industrial };
const char* tariff_name(Tariff t);

enum class TheftType : std::uint8_t { none, h1, h2, h3, h4, h5, h6 };
const char* theft_name(TheftType t);
enum class Tamper : std::uint8_t { none, cover_open, magnetic_field };
const char* tamper_name(Tamper t);

inline constexpr std::int32_t kNever = INT32_MAX;

// A meter's part of a mining site. Days count from the first day of the window and may be negative.
struct MiningPlan {
  double kw = 0;                // power on this meter once fully built (after a cap), kW
  double initial_fraction = 1;  // of kw at the start step
  std::uint32_t rig_model = 0;  // index into config.mining.rigs
  std::uint32_t rig_count = 0;  // rigs on this meter once fully built
  std::int32_t start_day = 0;
  std::int32_t end_day = kNever;
  double start_hour = 0;  // local hour of the start step
  std::uint8_t growth_steps = 0;
  Disguise disguise = Disguise::none;
  bool registered = false;
  bool law_abiding = false;  // stops for a seasonal ban
  bool curtails = false;     // stops at grid peak hours
};

struct TheftPlan {
  TheftType type = TheftType::none;
  Tamper tamper = Tamper::none;
  std::int32_t start_day = kNever;
  double alpha = 1;  // h1 factor (and the magnet's)
};

struct MeterPlan {
  std::uint32_t transformer = 0;
  std::uint32_t region = 0;
  std::uint32_t site = 0;  // 0: none; else the site number (mining sites and AI data centres)
  std::uint32_t subscriber = 0;
  MeterClass cls = MeterClass::household;
  Tariff tariff = Tariff::household;
  float contract_kw = 0;
  float scale_kw = 0;  // the class's own size: a home's mean kW, a shop's open kW, a compressor's kW, ...
  double lat = 0;
  double lon = 0;
  MiningPlan mining;  // rig_count > 0 for mining classes
  TheftPlan theft;
};

enum class TapKind : std::uint8_t { none, mining, heater };
const char* tap_name(TapKind k);

struct TransformerPlan {
  std::uint32_t first_meter = 0;
  std::uint32_t meter_count = 0;
  std::uint32_t region = 0;
  bool industrial = false;  // a site's own transformer (mining container, AI data centre)
  double loss_fraction = 0;
  TapKind tap = TapKind::none;
  double tap_kw = 0;
  std::int32_t tap_start_day = kNever;
};

struct SitePlan {
  std::uint32_t number = 0;
  MeterClass cls = MeterClass::mining_home;  // the class of its first meter; ai_datacentre for AI DCs
  std::uint32_t first_meter = 0;
  std::uint32_t meter_count = 0;
  bool registered = false;
  std::string taxpayer;              // INN with valid check digits: 12 digits for people, 10 for companies
  std::int64_t registered_from = 0;  // day number
};

struct GridPlan {
  std::vector<MeterPlan> meters;
  std::vector<TransformerPlan> transformers;
  std::vector<SitePlan> sites;  // in meter order
};

struct PlanWindow {
  std::uint64_t seed = 1;
  std::uint32_t meters = 1000;
  std::int64_t first_day = 0;  // local day number of the first day
  int days = 30;
};

GridPlan plan_grid(const SimConfig& config, const PlanWindow& window);

// Ids as written in the files.
std::string meter_id(std::uint32_t index);        // M0000001
std::string transformer_id(std::uint32_t index);  // T000001
std::string subscriber_id(std::uint32_t number);  // S12345678
std::string site_id(std::uint32_t number);        // SITE000001

}  // namespace minewatch::sim
