#include "minewatch/apps/settings_file.h"

#include <cstdlib>
#include <type_traits>

#include "minewatch/core/error.h"
#include "minewatch/io/toml_file.h"

namespace minewatch {
namespace {

// Reads `key` of `section` into `value` when present; a value of another type stops with the file, line and
// key.
template <typename As, typename Stored>
void read_value(const toml::table& table, const std::string& path, const std::string& section,
                const char* key, Stored& value, const char* expected) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  // A number may be written as an integer; true or false only as such (toml++ would read 1 as true).
  const auto read = std::is_same_v<As, bool> ? node->value_exact<As>() : node->value<As>();
  if (!read) {
    throw InputError({path, static_cast<std::uint64_t>(node->source().begin.line), section + "." + key},
                     expected);
  }
  value = static_cast<Stored>(*read);
}

template <typename Number>
void read_float(const toml::table& table, const std::string& path, const std::string& section,
                const char* key, Number& value) {
  read_value<double>(table, path, section, key, value, "expected a number");
}

void read_bool(const toml::table& table, const std::string& path, const std::string& section, const char* key,
               bool& value) {
  read_value<bool>(table, path, section, key, value, "expected true or false");
}

void reject_unknown_keys(const toml::table& table, const std::string& path, const std::string& section,
                         std::initializer_list<const char*> known) {
  for (const auto& [key, node] : table) {
    bool ok = false;
    for (const char* k : known) ok = ok || key.str() == k;
    if (!ok) {
      throw InputError({path, static_cast<std::uint64_t>(node.source().begin.line),
                        section + "." + std::string(key.str())},
                       "unknown key");
    }
  }
}

void check_range(const toml::table& table, const std::string& path, const std::string& section,
                 const char* key, double value, double low, double high, const char* what) {
  if (value >= low && value <= high) return;
  const auto line = static_cast<std::uint64_t>(table.get(key)->source().begin.line);
  throw InputError({path, line, section + "." + key}, what);
}

// The analyst's keys of the transformer balance (docs/balance.md): the losses a network can have, the flag
// and who is named. The split's internals (pool, terms) stay in BalanceConfig.
void read_balance(const toml::table& table, const std::string& path, BalanceConfig& b) {
  const std::string section = "balance";
  reject_unknown_keys(table, path, section,
                      {"max_loss_share", "typical_loss_share", "loss_prior_sd", "score_half_share",
                       "flag_score", "culprit_min_share", "suspect_min_share", "max_imputed_share",
                       "min_step_share", "heating_base_c", "measure_old_deficits"});
  for (auto [key, value] : {std::pair{"max_loss_share", &b.max_loss_share},
                            {"typical_loss_share", &b.typical_loss_share},
                            {"culprit_min_share", &b.culprit_min_share},
                            {"suspect_min_share", &b.suspect_min_share},
                            {"max_imputed_share", &b.max_imputed_share},
                            {"min_step_share", &b.min_step_share}}) {
    read_float(table, path, section, key, *value);
    if (table.contains(key))
      check_range(table, path, section, key, *value, 0, 1, "expected a share from 0 to 1");
  }
  for (auto [key, value] : {std::pair{"loss_prior_sd", &b.loss_prior_sd},
                            {"score_half_share", &b.score_half_share},
                            {"flag_score", &b.flag_score}}) {
    read_float(table, path, section, key, *value);
    if (table.contains(key))
      check_range(table, path, section, key, *value, 1e-6, 1, "expected a value above 0, at most 1");
  }
  read_float(table, path, section, "heating_base_c", b.heating_base_c);
  read_bool(table, path, section, "measure_old_deficits", b.measure_old_deficits);
  if (table.contains("typical_loss_share") || table.contains("max_loss_share"))
    check_range(
        table, path, section, table.contains("typical_loss_share") ? "typical_loss_share" : "max_loss_share",
        b.typical_loss_share, 0, b.max_loss_share, "typical_loss_share must not exceed max_loss_share");
}

}  // namespace

Settings load_settings(const std::string& path) {
  const toml::table root = parse_toml_file(path);
  Settings s;
  reject_unknown_keys(root, path, "", {"mining", "mining_profile", "limits", "network", "balance"});
  if (const auto* mining = root.get_as<toml::table>("mining")) {
    auto& m = s.mining;
    reject_unknown_keys(
        *mining, path, "mining",
        {"min_kw", "full_kw", "load_factor_low", "load_factor_high", "base_ratio_low", "base_ratio_high",
         "daily_load_factor_low", "daily_load_factor_high", "daily_base_ratio_low", "daily_base_ratio_high",
         "daily_change_low", "daily_change_high", "rhythm_tolerance", "rhythm_limit", "min_complete_days",
         "suspect_threshold"});
    read_float(*mining, path, "mining", "min_kw", m.min_kw);
    read_float(*mining, path, "mining", "full_kw", m.full_kw);
    read_float(*mining, path, "mining", "load_factor_low", m.load_factor_low);
    read_float(*mining, path, "mining", "load_factor_high", m.load_factor_high);
    read_float(*mining, path, "mining", "base_ratio_low", m.base_ratio_low);
    read_float(*mining, path, "mining", "base_ratio_high", m.base_ratio_high);
    read_float(*mining, path, "mining", "daily_load_factor_low", m.daily_load_factor_low);
    read_float(*mining, path, "mining", "daily_load_factor_high", m.daily_load_factor_high);
    read_float(*mining, path, "mining", "daily_base_ratio_low", m.daily_base_ratio_low);
    read_float(*mining, path, "mining", "daily_base_ratio_high", m.daily_base_ratio_high);
    read_float(*mining, path, "mining", "daily_change_low", m.daily_change_low);
    read_float(*mining, path, "mining", "daily_change_high", m.daily_change_high);
    read_float(*mining, path, "mining", "rhythm_tolerance", m.rhythm_tolerance);
    read_float(*mining, path, "mining", "rhythm_limit", m.rhythm_limit);
    read_float(*mining, path, "mining", "min_complete_days", m.min_complete_days);
    read_float(*mining, path, "mining", "suspect_threshold", m.suspect_threshold);
  }
  if (const auto* profile = root.get_as<toml::table>("mining_profile")) {
    auto& p = s.mining_profile;
    const std::string section = "mining_profile";
    reject_unknown_keys(*profile, path, section,
                        {"min_step_kw", "noise_multiple", "min_segment_days", "household_night_kw",
                         "ordinary_night_max_kw", "ordinary_night_multiple", "partial_day_share"});
    read_float(*profile, path, section, "min_step_kw", p.change_points.min_step_kw);
    read_float(*profile, path, section, "noise_multiple", p.change_points.noise_multiple);
    float min_segment_days = static_cast<float>(p.change_points.min_segment_days);
    read_float(*profile, path, section, "min_segment_days", min_segment_days);
    if (!(min_segment_days >= 1 && min_segment_days <= 366)) {
      const auto line = static_cast<std::uint64_t>(profile->get("min_segment_days")->source().begin.line);
      throw InputError({path, line, section + ".min_segment_days"}, "expected 1 to 366 days");
    }
    p.change_points.min_segment_days = static_cast<std::size_t>(min_segment_days);
    read_float(*profile, path, section, "household_night_kw", p.household_night_kw);
    read_float(*profile, path, section, "ordinary_night_max_kw", p.ordinary_night_max_kw);
    read_float(*profile, path, section, "ordinary_night_multiple", p.ordinary_night_multiple);
    read_float(*profile, path, section, "partial_day_share", p.partial_day_share);
  }
  if (const auto* limits = root.get_as<toml::table>("limits")) {
    reject_unknown_keys(*limits, path, "limits", {"max_reading_kwh"});
    read_float(*limits, path, "limits", "max_reading_kwh", s.limits.max_reading_kwh);
  }
  if (const auto* network = root.get_as<toml::table>("network")) {
    const std::string section = "network";
    reject_unknown_keys(*network, path, section,
                        {"protocol_ratio", "pool_ratio", "pattern_ratio", "quiet_ratio"});
    NetFusionConfig& n = s.network;
    for (auto [key, value] : {std::pair{"protocol_ratio", &n.protocol_ratio},
                              {"pool_ratio", &n.pool_ratio},
                              {"pattern_ratio", &n.pattern_ratio},
                              {"quiet_ratio", &n.quiet_ratio}}) {
      read_float(*network, path, section, key, *value);
      if (!(*value > 0)) {
        const auto line = static_cast<std::uint64_t>(network->get(key)->source().begin.line);
        throw InputError({path, line, section + "." + key}, "expected a likelihood ratio above 0");
      }
    }
  }
  if (const auto* balance = root.get_as<toml::table>("balance")) read_balance(*balance, path, s.balance);
  return s;
}

std::string shipped_data_path(const std::string& name) {
  const char* from_env = std::getenv("MINEWATCH_DATA_DIR");
  const std::string dir = from_env != nullptr && *from_env != '\0' ? from_env : MINEWATCH_DATA_DIR;
  return dir + "/" + name;
}

}  // namespace minewatch
