// cases layer: the rules of a policy applied to a meter judged mining, day by local day. A day counts as a
// mining day when the meter's energy that day reaches the load beneath plus a quarter of the rigs' estimated
// full day (so a miner who switches off for a seasonal ban breaks no rule on those days, and one that runs
// only at night, or had fewer rigs earlier, still does).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/detect/daily_series.h"
#include "minewatch/policy/policy_rules.h"

namespace minewatch {

enum class ViolationKind { unregistered, over_capacity, banned_region, ai_data_centre, household_tariff };
inline constexpr int kViolationKindCount = 5;
const char* violation_kind_name(ViolationKind kind);

struct Violation {
  std::int64_t day = 0;  // local day
  ViolationKind kind = ViolationKind::unregistered;
  double mining_kwh = 0;  // the rigs' energy that day (estimated kW x 24)
  std::string detail;     // what rule, checkable: the register line, the decree, the month's kWh
};

// A meter judged mining, as the rules see it.
struct MiningMeter {
  std::string_view meter_id;
  policy::MeterPlace place;
  std::string_view tariff_class;
  double mining_kw = 0;      // estimated rigs' power
  double other_load_kw = 0;  // the ordinary load beneath (0 when unknown)
  const DailySeries* series = nullptr;
};

// Every violation of the meter, by day then kind.
std::vector<Violation> find_violations(const MiningMeter& meter, const policy::PolicyRules& rules);

// The days the meter mined (local day numbers), as find_violations judges them.
std::vector<std::int64_t> mining_days(const MiningMeter& meter);

}  // namespace minewatch
