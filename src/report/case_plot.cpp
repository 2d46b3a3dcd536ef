#include "minewatch/report/case_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "minewatch/core/timestamp.h"
#include "minewatch/report/html_text.h"

namespace minewatch::report {
namespace {

// Fewer days than this before the start give no baseline: the level is then the rigs' alone.
constexpr std::size_t kBaselineDays = 3;

bool has_kind(const CaseRow& c, std::string_view kind) {
  return std::find(c.kinds.begin(), c.kinds.end(), kind) != c.kinds.end();
}

}  // namespace

LinePlot case_load_plot(const CaseRow& c, std::span<const CaseLoad> loads, const FarmRow* farm) {
  std::set<std::string> meters;
  std::map<std::int64_t, std::pair<double, std::size_t>> by_day;  // day -> (sum, meters with a value)
  for (const CaseLoad& l : loads) {
    if (l.case_id != c.case_id) continue;
    meters.insert(l.meter_id);
    auto& [sum, seen] = by_day[l.day];
    if (l.kwh) sum += *l.kwh, ++seen;
  }
  LinePlot plot;
  plot.title = fmt::format("Daily energy of {}", c.site.empty() ? c.case_id : c.site);
  plot.y_label = "kWh/day";
  plot.line_label = meters.size() == 1 ? fmt::format("meter {}", *meters.begin())
                                       : fmt::format("sum of {} meters", meters.size());
  if (by_day.empty()) return plot;
  plot.first_day = by_day.begin()->first;
  const std::int64_t last = by_day.rbegin()->first;
  plot.y.assign(static_cast<std::size_t>(last - plot.first_day + 1), std::nullopt);
  for (const auto& [day, value] : by_day)
    if (value.second == meters.size()) plot.y[static_cast<std::size_t>(day - plot.first_day)] = value.first;

  const bool mining = farm != nullptr || has_kind(c, "mining");
  const std::int64_t start = farm && farm->mining_start != kNoDay ? farm->mining_start : c.first_day;
  // A farm without an end is still mining: its block runs to the last day drawn.
  const std::int64_t end = farm ? farm->mining_end : c.last_day;
  if (start == kNoDay) return plot;
  plot.shade_from = std::max(start, plot.first_day);
  if (end != kNoDay) plot.shade_to = std::min(end, last);
  plot.shade_label = mining ? "mining block" : "case days";
  plot.marker_day = start;
  plot.marker_label = fmt::format("{} {}", mining ? "mining from" : "from", format_day(start));
  const double kw = farm ? farm->mining_kw : c.mining_kw.value_or(0);
  if (!mining || kw <= 0) return plot;
  std::vector<double> before;
  for (std::int64_t d = plot.first_day; d < start && d <= last; ++d)
    if (const auto& v = plot.y[static_cast<std::size_t>(d - plot.first_day)]) before.push_back(*v);
  double baseline = 0;
  if (before.size() >= kBaselineDays) {
    std::sort(before.begin(), before.end());
    baseline = before.size() % 2 ? before[before.size() / 2]
                                 : (before[before.size() / 2 - 1] + before[before.size() / 2]) / 2;
  }
  plot.level = baseline + kw * 24;
  plot.level_label =
      baseline > 0
          ? fmt::format("expected: {} kWh/day before + {} kW rigs × 24 h = {} kWh/day",
                        group_thousands(baseline), group_thousands(kw, 1), group_thousands(*plot.level))
          : fmt::format("expected: {} kW rigs × 24 h = {} kWh/day", group_thousands(kw, 1),
                        group_thousands(*plot.level));
  return plot;
}

}  // namespace minewatch::report
