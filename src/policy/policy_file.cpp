// Reading a policy file (policy.h): the TOML schema of docs/policy.md, checked key by key.
#include <filesystem>

#include "minewatch/core/error.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/io/toml_file.h"
#include "minewatch/io/toml_section.h"
#include "minewatch/policy/policy.h"
#include "minewatch/policy/register_file.h"

namespace minewatch::policy {
namespace {

std::int64_t parse_day_or(const TomlSection& s, const char* key, const std::string& text,
                          std::int64_t absent) {
  if (text.empty()) return absent;
  const std::optional<std::int64_t> day = parse_iso_day(text);
  if (!day) s.fail_section(key, "bad date (expected YYYY-MM-DD): '" + text + "'");
  return *day;
}

BanKind parse_ban(const TomlSection& s, const std::string& text) {
  if (text == "none") return BanKind::none;
  if (text == "all_year") return BanKind::all_year;
  if (text == "seasonal") return BanKind::seasonal;
  s.fail_section("ban", "expected none, all_year or seasonal, not '" + text + "'");
}

RegionRule read_region(TomlSection& s, ZoneTable& zones) {
  RegionRule r;
  r.line = s.line();
  std::string ban = "none", season_from, season_to, valid_from, valid_to;
  s.required_text("code", r.code);
  s.text("name", r.name);
  s.required_text("tz", r.tz);
  s.text("ban", ban);
  s.text("season_from", season_from);
  s.text("season_to", season_to);
  s.text("valid_from", valid_from);
  s.text("valid_to", valid_to);
  s.texts("districts", r.districts);
  s.texts("transformers", r.transformers);
  s.text("source", r.source);
  s.finish();
  zones.intern(r.tz, {s.path(), r.line, s.qualified("tz")});
  r.ban = parse_ban(s, ban);
  const bool has_window = !season_from.empty() || !season_to.empty();
  if (r.ban == BanKind::seasonal) {
    const auto from = parse_month_day(season_from);
    const auto to = parse_month_day(season_to);
    if (!from)
      s.fail_section("season_from", "a seasonal ban needs season_from as MM-DD, not '" + season_from + "'");
    if (!to) s.fail_section("season_to", "a seasonal ban needs season_to as MM-DD, not '" + season_to + "'");
    r.season = {*from, *to};
  } else if (has_window) {
    s.fail_section("season_from", "a season window only goes with ban = \"seasonal\"");
  }
  r.valid_from = parse_day_or(s, "valid_from", valid_from, kOpenStart);
  r.valid_to = parse_day_or(s, "valid_to", valid_to, kOpenEnd);
  if (r.valid_from > r.valid_to) s.fail_section("valid_to", "valid_to is before valid_from");
  return r;
}

bool overlap(const RegionRule& a, const RegionRule& b) {
  return a.code == b.code && a.districts == b.districts && a.transformers == b.transformers &&
         a.valid_from <= b.valid_to && b.valid_from <= a.valid_to;
}

void read_register(TomlSection& s, Policy& policy) {
  std::string file;
  s.text("file", file);
  s.number("individual_limit_kwh_per_month", policy.individual_limit_kwh_per_month);
  s.number("capacity_tolerance", policy.capacity_tolerance);
  if (policy.individual_limit_kwh_per_month < 0)
    s.fail_section("individual_limit_kwh_per_month", "must not be negative");
  if (policy.capacity_tolerance < 0) s.fail_section("capacity_tolerance", "must not be negative");
  if (const toml::array* entries = s.array_of_tables("entries")) {
    for (std::size_t i = 0; i < entries->size(); ++i) {
      TomlSection e((*entries)[i].as_table(), s.path(), s.qualified("entries[" + std::to_string(i) + "]"));
      Registration r;
      std::vector<std::string> meters;
      std::string from, to;
      e.required_text("taxpayer_id", r.taxpayer_id);
      e.texts("meters", meters);
      e.number("capacity_kw", r.capacity_kw);
      e.text("from", from);
      e.text("to", to);
      e.finish();
      if (meters.empty()) e.fail_section("meters", "a registration names at least one meter");
      if (!(r.capacity_kw > 0)) e.fail_section("capacity_kw", "must be a positive number of kW");
      r.from = parse_day_or(e, "from", from, kOpenStart);
      r.to = parse_day_or(e, "to", to, kOpenEnd);
      if (r.from > r.to) e.fail_section("to", "to is before from");
      r.where = s.path() + ":" + std::to_string(e.line());
      for (const std::string& m : meters) {
        r.meter_id = m;
        policy.registrations.push_back(r);
      }
    }
  }
  s.finish();
  if (!file.empty()) {
    const std::filesystem::path base = std::filesystem::path(s.path()).parent_path();
    const std::filesystem::path csv =
        std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : base / file;
    auto rows = load_register_csv(csv.string());
    policy.registrations.insert(policy.registrations.end(), rows.begin(), rows.end());
  }
}

void read_tariffs(const toml::array& array, const std::string& path, Policy& policy) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    TomlSection s(array[i].as_table(), path, "tariffs[" + std::to_string(i) + "]");
    Tariff t;
    s.text("region", t.region);
    s.required_text("class", t.tariff_class);
    s.number("price_per_kwh", t.price_per_kwh);
    s.boolean("subsidised", t.subsidised);
    s.finish();
    if (!(t.price_per_kwh >= 0)) s.fail_section("price_per_kwh", "must not be negative");
    for (const Tariff& other : policy.tariffs)
      if (other.region == t.region && other.tariff_class == t.tariff_class)
        s.fail_section("class", "a second price for " + t.tariff_class + " in " + t.region);
    policy.tariffs.push_back(t);
  }
}

void read_fines(TomlSection& s, Fines& f) {
  s.number("unregistered", f.unregistered);
  s.number("over_capacity", f.over_capacity);
  s.number("banned_region", f.banned_region);
  s.number("ai_data_centre", f.ai_data_centre);
  s.number("household_tariff", f.household_tariff);
  s.finish();
}

}  // namespace

const char* ban_kind_name(BanKind kind) {
  switch (kind) {
    case BanKind::none:
      return "none";
    case BanKind::all_year:
      return "all_year";
    case BanKind::seasonal:
      return "seasonal";
  }
  return "?";
}

Policy load_policy(const std::string& path) {
  const toml::table root = parse_toml_file(path);
  Policy policy;
  policy.path = path;
  ZoneTable zones;  // only to check that each tz exists
  TomlSection top(&root, path, "");

  if (const toml::array* regions = top.array_of_tables("regions")) {
    for (std::size_t i = 0; i < regions->size(); ++i) {
      TomlSection s((*regions)[i].as_table(), path, "regions[" + std::to_string(i) + "]");
      RegionRule rule = read_region(s, zones);
      for (const RegionRule& earlier : policy.regions) {
        if (earlier.code == rule.code && earlier.tz != rule.tz)
          s.fail_section("tz", rule.code + " has another zone at line " + std::to_string(earlier.line));
        if (overlap(earlier, rule))
          s.fail_section("valid_from", "overlaps the rule for " + rule.code + " at line " +
                                           std::to_string(earlier.line) + " (same scope, same days)");
      }
      policy.regions.push_back(std::move(rule));
    }
  }
  TomlSection reg(top.table("register"), path, "register");
  read_register(reg, policy);
  if (const toml::array* centres = top.array_of_tables("ai_data_centres")) {
    for (std::size_t i = 0; i < centres->size(); ++i) {
      TomlSection s((*centres)[i].as_table(), path, "ai_data_centres[" + std::to_string(i) + "]");
      AiDataCentre c;
      s.required_text("site", c.site);
      s.text("region", c.region);
      s.texts("meters", c.meters);
      s.finish();
      if (c.meters.empty()) s.fail_section("meters", "an AI data centre names at least one meter");
      policy.ai_data_centres.push_back(std::move(c));
    }
  }
  if (const toml::array* tariffs = top.array_of_tables("tariffs")) read_tariffs(*tariffs, path, policy);
  TomlSection fines(top.table("fines"), path, "fines");
  read_fines(fines, policy.fines);
  TomlSection cases(top.table("cases"), path, "cases");
  cases.text("default_tariff_class", policy.default_tariff_class);
  cases.text("commercial_tariff_class", policy.commercial_tariff_class);
  cases.finish();
  top.finish();
  return policy;
}

}  // namespace minewatch::policy
