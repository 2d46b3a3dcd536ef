#include "minewatch/policy/policy_rules.h"

#include <algorithm>

namespace minewatch::policy {

PolicyRules::PolicyRules(Policy policy) : policy_(std::move(policy)) {
  for (std::size_t i = 0; i < policy_.regions.size(); ++i)
    rules_by_region_[policy_.regions[i].code].push_back(i);
  for (std::size_t i = 0; i < policy_.registrations.size(); ++i)
    registrations_by_meter_[policy_.registrations[i].meter_id].push_back(i);
  for (std::size_t i = 0; i < policy_.ai_data_centres.size(); ++i)
    for (const std::string& meter : policy_.ai_data_centres[i].meters) centre_by_meter_.emplace(meter, i);
}

bool PolicyRules::rule_covers(const RegionRule& rule, const MeterPlace& place, std::int64_t local_day) {
  if (local_day < rule.valid_from || local_day > rule.valid_to) return false;
  const auto listed = [](const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  };
  if (!rule.districts.empty() && !listed(rule.districts, place.district)) return false;
  if (!rule.transformers.empty() && !listed(rule.transformers, place.transformer)) return false;
  return true;
}

const RegionRule* PolicyRules::ban_on(const MeterPlace& place, std::int64_t local_day) const {
  const auto found = rules_by_region_.find(std::string(place.region));
  if (found == rules_by_region_.end()) return nullptr;
  // The most specific rule in force decides: a scoped rule over the whole-region one (a district exempted
  // from, or added to, its region's ban).
  const RegionRule* deciding = nullptr;
  for (const std::size_t i : found->second) {
    const RegionRule& rule = policy_.regions[i];
    if (!rule_covers(rule, place, local_day)) continue;
    if (deciding == nullptr || (rule.scoped() && !deciding->scoped())) deciding = &rule;
  }
  if (deciding == nullptr) return nullptr;
  switch (deciding->ban) {
    case BanKind::none:
      return nullptr;
    case BanKind::all_year:
      return deciding;
    case BanKind::seasonal:
      return deciding->season.contains(local_day) ? deciding : nullptr;
  }
  return nullptr;
}

bool PolicyRules::knows_region(std::string_view region) const {
  return rules_by_region_.count(std::string(region)) > 0;
}

std::string_view PolicyRules::region_zone(std::string_view region) const {
  const auto found = rules_by_region_.find(std::string(region));
  if (found == rules_by_region_.end()) return {};
  return policy_.regions[found->second.front()].tz;
}

const Registration* PolicyRules::registration_on(std::string_view meter_id, std::int64_t local_day) const {
  const auto found = registrations_by_meter_.find(std::string(meter_id));
  if (found == registrations_by_meter_.end()) return nullptr;
  for (const std::size_t i : found->second) {
    const Registration& r = policy_.registrations[i];
    if (r.from <= local_day && local_day <= r.to) return &r;
  }
  return nullptr;
}

const Registration* PolicyRules::any_registration(std::string_view meter_id) const {
  const auto found = registrations_by_meter_.find(std::string(meter_id));
  return found == registrations_by_meter_.end() ? nullptr : &policy_.registrations[found->second.front()];
}

const AiDataCentre* PolicyRules::ai_data_centre(std::string_view meter_id) const {
  const auto found = centre_by_meter_.find(std::string(meter_id));
  return found == centre_by_meter_.end() ? nullptr : &policy_.ai_data_centres[found->second];
}

const Tariff* PolicyRules::tariff(std::string_view region, std::string_view tariff_class) const {
  const Tariff* fallback = nullptr;
  for (const Tariff& t : policy_.tariffs) {
    if (t.tariff_class != tariff_class) continue;
    if (t.region == region) return &t;
    if (t.region == "*") fallback = &t;
  }
  return fallback;
}

}  // namespace minewatch::policy
