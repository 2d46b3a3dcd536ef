// policy layer: the rules that govern mining, as data (docs/policy.md has the schema and the sources).
// Regions with their bans and seasons, the miners' register, designated AI data centres, tariffs and fines
// are read from a TOML file and checked as they are read: every error names the file, the line and the key.
// Nothing about a particular country is in code; data/policy/russia.toml is the shipped file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/policy/season_window.h"

namespace minewatch::policy {

inline constexpr std::int64_t kOpenStart = INT64_MIN / 2;  // valid_from absent: always in force before
inline constexpr std::int64_t kOpenEnd = INT64_MAX / 2;    // valid_to absent: in force with no end

enum class BanKind { none, all_year, seasonal };
const char* ban_kind_name(BanKind kind);

// One rule of one region for a span of days. A region may carry several rules one after another (a rule that
// changed mid-period), and rules for parts of it (scope by district or transformer) beside a whole-region
// one.
struct RegionRule {
  std::string code;  // ISO 3166-2 code, e.g. RU-IRK
  std::string name;
  std::string tz;  // IANA zone: the region's local calendar, in which seasons and validity are judged
  BanKind ban = BanKind::none;
  SeasonWindow season;                   // for BanKind::seasonal
  std::int64_t valid_from = kOpenStart;  // local days, both ends inclusive
  std::int64_t valid_to = kOpenEnd;
  std::vector<std::string> districts;     // empty: the whole region
  std::vector<std::string> transformers;  // empty: the whole region
  std::string source;                     // the decree the rule comes from
  std::uint64_t line = 0;                 // where it is written, for messages

  bool scoped() const { return !districts.empty() || !transformers.empty(); }
};

// One meter of a registered miner (Federal Tax Service register) for a span of days.
struct Registration {
  std::string taxpayer_id;
  std::string meter_id;
  double capacity_kw = 0;  // the registered power
  std::int64_t from = kOpenStart;
  std::int64_t to = kOpenEnd;
  std::string where;  // "registry.csv:12" or "policy.toml:40", for evidence
};

struct AiDataCentre {
  std::string site;
  std::string region;
  std::vector<std::string> meters;
};

// A price of energy for a tariff class, in one region or (region "*") everywhere else.
struct Tariff {
  std::string region = "*";
  std::string tariff_class;
  double price_per_kwh = 0;  // RUB
  bool subsidised = false;   // a household (population) rate that may not pay for business-scale mining
};

// RUB per case, the expected penalty when the violation is confirmed (0 where no fine is in force).
struct Fines {
  double unregistered = 0;
  double over_capacity = 0;
  double banned_region = 0;
  double ai_data_centre = 0;
  double household_tariff = 0;
};

struct Policy {
  std::string path;
  std::vector<RegionRule> regions;
  std::vector<Registration> registrations;
  std::vector<AiDataCentre> ai_data_centres;
  std::vector<Tariff> tariffs;
  Fines fines;
  // An individual may mine without registering below this consumption (kWh per calendar month).
  double individual_limit_kwh_per_month = 6000;
  // Mining above registered capacity x (1 + tolerance) is a violation: estimates of kW carry error.
  double capacity_tolerance = 0.2;
  // The tariff class billed for energy taken without paying when a meter's own class has no price.
  std::string default_tariff_class = "household";
  // The class whose price business-scale mining owes (the tariff gap of a household_tariff violation).
  std::string commercial_tariff_class = "business";
};

// Reads and checks a policy file. The register may be inline ([[register.entries]]) and/or a CSV file
// (taxpayer_id,meter_id,capacity_kw,from,to) named relative to the policy file. Throws InputError naming
// file, line and key: unknown keys, bad dates or month-days, a seasonal ban without its window, a window on
// a non-seasonal ban, from after to, overlapping rules for the same region and scope, an unknown zone.
Policy load_policy(const std::string& path);

}  // namespace minewatch::policy
