// policy layer: answering the questions a violation check asks of a policy, per meter and local day: is
// mining banned here today, is this meter registered today and for how many kW, is it an AI data centre's,
// what does its energy cost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/policy/policy.h"

namespace minewatch::policy {

// Where a meter sits, as far as a rule's scope can tell.
struct MeterPlace {
  std::string_view region;
  std::string_view district;  // empty when the registry has none
  std::string_view transformer;
};

class PolicyRules {
 public:
  explicit PolicyRules(Policy policy);

  const Policy& policy() const { return policy_; }

  // The rule banning mining at `place` on the local day, or null when mining is allowed. A scoped rule (by
  // district or transformer) that matches wins over the whole-region rule of the same day.
  const RegionRule* ban_on(const MeterPlace& place, std::int64_t local_day) const;
  // Whether the policy names the region at all (a meter in an unknown region has no rule: allowed).
  bool knows_region(std::string_view region) const;
  // The zone the policy judges the region's days in; empty when the region is unknown.
  std::string_view region_zone(std::string_view region) const;

  // The registration covering the meter on the day, or null.
  const Registration* registration_on(std::string_view meter_id, std::int64_t local_day) const;
  // The meter's first registration on any day, or null when it was never registered.
  const Registration* any_registration(std::string_view meter_id) const;

  // The AI data centre the meter belongs to, or null.
  const AiDataCentre* ai_data_centre(std::string_view meter_id) const;

  // The tariff of the class in the region (region first, then "*"), or null when the policy prices neither.
  const Tariff* tariff(std::string_view region, std::string_view tariff_class) const;

 private:
  static bool rule_covers(const RegionRule& rule, const MeterPlace& place, std::int64_t local_day);

  Policy policy_;
  std::unordered_map<std::string, std::vector<std::size_t>> rules_by_region_;
  std::unordered_map<std::string, std::vector<std::size_t>> registrations_by_meter_;
  std::unordered_map<std::string, std::size_t> centre_by_meter_;
};

}  // namespace minewatch::policy
