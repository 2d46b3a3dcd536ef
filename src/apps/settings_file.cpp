#include "minewatch/apps/settings_file.h"

#include <cstdlib>

#include "minewatch/core/error.h"
#include "minewatch/io/toml_file.h"

namespace minewatch {
namespace {

void read_float(const toml::table& table, const std::string& path, const std::string& section,
                const char* key, float& value) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  const auto number = node->value<double>();
  if (!number) {
    throw InputError({path, static_cast<std::uint64_t>(node->source().begin.line), section + "." + key},
                     "expected a number");
  }
  value = static_cast<float>(*number);
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

}  // namespace

Settings load_settings(const std::string& path) {
  const toml::table root = parse_toml_file(path);
  Settings s;
  reject_unknown_keys(root, path, "", {"mining", "limits"});
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
  if (const auto* limits = root.get_as<toml::table>("limits")) {
    reject_unknown_keys(*limits, path, "limits", {"max_reading_kwh"});
    read_float(*limits, path, "limits", "max_reading_kwh", s.limits.max_reading_kwh);
  }
  return s;
}

std::string shipped_data_path(const std::string& name) {
  const char* from_env = std::getenv("MINEWATCH_DATA_DIR");
  const std::string dir = from_env != nullptr && *from_env != '\0' ? from_env : MINEWATCH_DATA_DIR;
  return dir + "/" + name;
}

}  // namespace minewatch
