#include "minewatch/cases/case_value.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace minewatch {

double fall_since(const DailySeries* series, std::int64_t start) {
  if (series == nullptr || start == kNoDay) return 0;
  double before = 0, after = 0;
  int n_before = 0, n_after = 0;
  for (std::size_t i = 0; i < series->size(); ++i) {
    const float kwh = (*series)[i].kwh;
    if (std::isnan(kwh)) continue;
    if (series->day(i) < start) {
      before += kwh;
      ++n_before;
    } else {
      after += kwh;
      ++n_after;
    }
  }
  if (n_before == 0 || n_after == 0) return 0;
  const double days_since = static_cast<double>(series->day(series->size() - 1) - start + 1);
  return std::max(0.0, before / n_before - after / n_after) * days_since;
}

bool rigs_stopped_near(const MeterFindings& m, std::int64_t day) {
  if (day == kNoDay || m.series == nullptr) return false;
  const MiningMeter mm{
      m.meter_id, {}, m.tariff, m.mining_kw, std::isfinite(m.other_load_kw) ? m.other_load_kw : 0.0,
      m.series};
  const std::vector<std::int64_t> days = mining_days(mm);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const bool last_of_run = i + 1 == days.size() || days[i + 1] != days[i] + 1;
    const bool series_goes_on = days[i] < m.series->day(m.series->size() - 1);
    if (last_of_run && series_goes_on && days[i] >= day - 7 && days[i] <= day + 7) return true;
  }
  return false;
}

double price_of(const policy::PolicyRules& rules, const MeterFindings& m, const std::string& tariff_class) {
  const policy::Tariff* t = rules.tariff(m.region, tariff_class);
  if (t == nullptr) t = rules.tariff(m.region, rules.policy().default_tariff_class);
  return t == nullptr ? 0.0 : t->price_per_kwh;
}

double fine_of(const policy::Fines& f, ViolationKind kind) {
  switch (kind) {
    case ViolationKind::unregistered:
      return f.unregistered;
    case ViolationKind::over_capacity:
      return f.over_capacity;
    case ViolationKind::banned_region:
      return f.banned_region;
    case ViolationKind::ai_data_centre:
      return f.ai_data_centre;
    case ViolationKind::household_tariff:
      return f.household_tariff;
  }
  return 0;
}

double violation_energy_value(const MeterFindings& m, const std::vector<Violation>& violations,
                              const policy::PolicyRules& rules) {
  const std::string& commercial_class = rules.policy().commercial_tariff_class;
  const double commercial = price_of(rules, m, commercial_class);
  const double own = price_of(rules, m, m.tariff);
  std::map<std::int64_t, double> by_day;
  for (const Violation& v : violations) {
    double value = 0;
    if (v.kind == ViolationKind::banned_region || v.kind == ViolationKind::ai_data_centre)
      value = v.mining_kwh * commercial;
    else if (v.kind == ViolationKind::household_tariff)
      value = v.mining_kwh * std::max(0.0, commercial - own);
    by_day[v.day] = std::max(by_day[v.day], value);
  }
  double total = 0;
  for (const auto& [day, value] : by_day) total += value;
  return total;
}

}  // namespace minewatch
