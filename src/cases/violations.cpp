#include "minewatch/cases/violations.h"

#include <date/date.h>
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "minewatch/core/timestamp.h"

namespace minewatch {
namespace {

constexpr double kMiningDayShare = 0.25;

// Month key (year * 12 + month - 1) of a local day.
int month_of(std::int64_t day) {
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
}

int days_in_month(int key) {
  const date::year_month ym{date::year{key / 12}, date::month{static_cast<unsigned>(key % 12 + 1)}};
  return static_cast<int>(static_cast<unsigned>((ym / date::last).day()));
}

// A month's consumption from the days seen: the mean complete day times the month's length, so a month the
// data covers in part is judged at the pace it was seen at.
std::map<int, double> monthly_kwh(const DailySeries& series) {
  std::map<int, std::pair<double, int>> sums;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const float kwh = series[i].kwh;
    if (std::isnan(kwh)) continue;
    auto& [sum, days] = sums[month_of(series.day(i))];
    sum += kwh;
    ++days;
  }
  std::map<int, double> out;
  for (const auto& [key, s] : sums) out[key] = s.first / s.second * days_in_month(key);
  return out;
}

std::string month_text(int key) {
  return fmt::format("{:04}-{:02}", key / 12, key % 12 + 1);
}

std::string day_text(std::int64_t day) {
  if (day <= policy::kOpenStart || day >= policy::kOpenEnd) return "";
  return format_day(day);
}

std::string validity(const policy::RegionRule& rule) {
  const std::string from = day_text(rule.valid_from), to = day_text(rule.valid_to);
  if (from.empty() && to.empty()) return "";
  return fmt::format(", in force {}..{}", from.empty() ? "" : from, to.empty() ? "" : to);
}

std::string ban_detail(const policy::RegionRule& rule) {
  std::string text = rule.ban == policy::BanKind::all_year
                         ? fmt::format("{}: mining banned all year", rule.code)
                         : fmt::format("{}: mining banned in season {}..{} ({} local days)", rule.code,
                                       policy::format_month_day(rule.season.from),
                                       policy::format_month_day(rule.season.to), rule.tz);
  if (!rule.districts.empty()) text += " in " + fmt::format("{}", fmt::join(rule.districts, ", "));
  if (!rule.transformers.empty()) text += " behind " + fmt::format("{}", fmt::join(rule.transformers, ", "));
  text += validity(rule);
  if (!rule.source.empty()) text += "; " + rule.source;
  return text;
}

}  // namespace

const char* violation_kind_name(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::unregistered:
      return "unregistered";
    case ViolationKind::over_capacity:
      return "over_capacity";
    case ViolationKind::banned_region:
      return "banned_region";
    case ViolationKind::ai_data_centre:
      return "ai_data_centre";
    case ViolationKind::household_tariff:
      return "household_tariff";
  }
  return "?";
}

std::vector<std::int64_t> mining_days(const MiningMeter& meter) {
  std::vector<std::int64_t> days;
  if (meter.series == nullptr || !(meter.mining_kw > 0)) return days;
  const double other = std::isfinite(meter.other_load_kw) ? std::max(0.0, meter.other_load_kw) : 0.0;
  // A quarter of the rigs' full day: the estimate is the farm's latest power, so a farm that grew (half its
  // rigs a month ago) or runs only at night (8-10 hours) still counts, while a farm switched off for a ban
  // falls back to the load beneath.
  const double threshold = (other + kMiningDayShare * meter.mining_kw) * 24.0;
  for (std::size_t i = 0; i < meter.series->size(); ++i) {
    const float kwh = (*meter.series)[i].kwh;
    if (!std::isnan(kwh) && kwh >= threshold) days.push_back(meter.series->day(i));
  }
  return days;
}

std::vector<Violation> find_violations(const MiningMeter& meter, const policy::PolicyRules& rules) {
  std::vector<Violation> out;
  const std::vector<std::int64_t> days = mining_days(meter);
  if (days.empty()) return out;
  const policy::Policy& policy = rules.policy();
  const std::map<int, double> months = monthly_kwh(*meter.series);
  const policy::Tariff* tariff = rules.tariff(meter.place.region, meter.tariff_class);
  const bool subsidised = tariff != nullptr && tariff->subsidised;
  const bool individual = meter.tariff_class == policy.default_tariff_class || subsidised;
  const double limit = policy.individual_limit_kwh_per_month;
  const double rigs_kwh = meter.mining_kw * 24.0;
  const policy::AiDataCentre* centre = rules.ai_data_centre(meter.meter_id);
  for (const std::int64_t day : days) {
    const auto add = [&](ViolationKind kind, std::string detail) {
      out.push_back({day, kind, rigs_kwh, std::move(detail)});
    };
    const int month = month_of(day);
    const double month_kwh = months.at(month);
    const bool over_limit = month_kwh > limit;
    if (const policy::Registration* reg = rules.registration_on(meter.meter_id, day)) {
      if (meter.mining_kw > reg->capacity_kw * (1.0 + policy.capacity_tolerance))
        add(ViolationKind::over_capacity,
            fmt::format("mining ~{:.1f} kW, registered {:.1f} kW (taxpayer {}, {})", meter.mining_kw,
                        reg->capacity_kw, reg->taxpayer_id, reg->where));
    } else if (!individual || over_limit) {
      add(ViolationKind::unregistered,
          individual ? fmt::format("mining ~{:.1f} kW, not in the register; {} use {:.0f} kWh > the "
                                   "individual limit {:.0f} kWh/month",
                                   meter.mining_kw, month_text(month), month_kwh, limit)
                     : fmt::format("mining ~{:.1f} kW on a {} tariff, not in the register", meter.mining_kw,
                                   meter.tariff_class));
    }
    if (const policy::RegionRule* ban = rules.ban_on(meter.place, day))
      add(ViolationKind::banned_region, ban_detail(*ban));
    if (centre != nullptr)
      add(ViolationKind::ai_data_centre,
          fmt::format("meter of designated AI data centre {}; mining there is not allowed", centre->site));
    if (subsidised && over_limit)
      add(ViolationKind::household_tariff,
          fmt::format("{} tariff (subsidised) with {} use {:.0f} kWh > {:.0f} kWh/month: business-scale "
                      "mining at the population rate",
                      meter.tariff_class, month_text(month), month_kwh, limit));
  }
  return out;
}

}  // namespace minewatch
