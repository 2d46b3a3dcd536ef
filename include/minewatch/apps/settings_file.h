// apps layer: the settings file (TOML). Thresholds are data: config/minewatch.toml lists every key with
// its default, and `minewatch scan --config FILE` overrides any of them.
#pragma once

#include <string>

#include "minewatch/cases/net_fusion.h"
#include "minewatch/detect/mining_profile.h"
#include "minewatch/detect/mining_score.h"
#include "minewatch/detect/transformer_balance.h"
#include "minewatch/io/readings_layout.h"

namespace minewatch {

struct Settings {
  MiningScoreConfig mining;
  MiningProfileConfig mining_profile;
  ValueLimits limits;
  NetFusionConfig network;
  BalanceConfig balance;
};

// Reads the file over the defaults. Throws InputError naming the file, line and key for an unknown key or a
// value of the wrong type.
Settings load_settings(const std::string& path);

// The path of a file shipped in data/ (MINEWATCH_DATA_DIR in the environment overrides the build's).
std::string shipped_data_path(const std::string& name);

}  // namespace minewatch
