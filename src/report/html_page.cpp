#include "minewatch/report/html_page.h"

#include <fmt/format.h>

#include "minewatch/core/timestamp.h"
#include "minewatch/report/case_plot.h"
#include "minewatch/report/html_text.h"
#include "minewatch/report/svg_chart.h"

namespace minewatch::report {
namespace {

// More bars than this make the chart taller than a screen; the table still lists every region.
constexpr std::size_t kChartRegions = 40;

constexpr const char* kStyle = R"(
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px 32px; max-width: 1160px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 30px 0 8px; border-bottom: 2px solid #1f5fa8; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.meta td { padding: 1px 12px 1px 0; color: #444; }
.note { color: #555; font-size: 13px; max-width: 960px; }
.figures { display: flex; gap: 14px; flex-wrap: wrap; margin: 14px 0; }
.figure { border: 1px solid #d5dce6; border-radius: 6px; padding: 8px 14px; background: #f7f9fc; }
.figure b { display: block; font-size: 22px; color: #1f5fa8; }
table.regions { border-collapse: collapse; font-size: 13px; }
table.regions th { background: #1f5fa8; color: #fff; padding: 6px 8px; text-align: right; }
table.regions td { padding: 4px 8px; text-align: right; border-bottom: 1px solid #e1e5ea; white-space: nowrap; }
table.regions th:nth-child(2), table.regions td:nth-child(2) { text-align: left; }
table.regions tr:nth-child(even) td { background: #f4f6f9; }
table.regions tr.total td { font-weight: bold; background: #e6edf7; border-top: 2px solid #1f5fa8; }
.iv { color: #777; font-size: 11px; }
/* In the table an interval or a region's name goes under its figure, so 83 regions' wide figures fit. */
table.regions .iv { display: block; }
.case { border: 1px solid #d5dce6; border-radius: 6px; padding: 12px 16px; margin: 14px 0; }
.kind { display: inline-block; background: #fde6c8; color: #7a3e00; border-radius: 10px; padding: 1px 9px;
        margin-right: 4px; font-size: 12px; }
.status { display: inline-block; background: #e1e5ea; border-radius: 10px; padding: 1px 9px; font-size: 12px; }
.facts { display: grid; grid-template-columns: repeat(4, auto); gap: 2px 22px; font-size: 13px; margin: 8px 0;
         justify-content: start; }
.facts span { color: #666; }
.evidence { background: #f7f9fc; border-left: 3px solid #1f5fa8; padding: 6px 10px; font-size: 14px; }
)";

// An interval in small grey type; none when it has no width (certain sites, a single farm), where "5.0-5.0"
// would only add noise.
std::string iv(const Interval& i, int decimals, const char* unit = "") {
  if (group_thousands(i.low, decimals) == group_thousands(i.high, decimals)) return "";
  return fmt::format("<span class=\"iv\">{}{}&ndash;{}{}</span>", group_thousands(i.low, decimals), unit,
                     group_thousands(i.high, decimals), unit);
}

std::string signed_pct(double v) {
  return (v > 0 ? "+" : "") + group_thousands(v, 0) + "%";
}

std::string header(const PageInputs& in) {
  std::string s =
      "<header>\n<h1>minewatch report: mining farms and inspection cases</h1>\n<table class=\"meta\">\n";
  s +=
      fmt::format("<tr><td>Period</td><td><b>{}</b></td></tr>\n", escape_html(period_text(in.source.period)));
  s += fmt::format("<tr><td>Scan</td><td>{} ({} farm rows, {} cases)</td></tr>\n",
                   escape_html(in.source.scan_dir), group_thousands(static_cast<double>(in.farm_rows)),
                   group_thousands(static_cast<double>(in.case_rows)));
  if (!in.source.previous_dir.empty())
    s += fmt::format("<tr><td>Previous scan</td><td>{}</td></tr>\n", escape_html(in.source.previous_dir));
  return s + "</table>\n</header>\n";
}

// The headline figures from the total row.
std::string figures(const RegionStats& all, bool with_previous) {
  const auto figure = [](const std::string& value, const std::string& label) {
    return fmt::format("<div class=\"figure\"><b>{}</b>{}</div>\n", value, label);
  };
  std::string s = "<div class=\"figures\">\n";
  s += figure(group_thousands(static_cast<double>(all.farms)), "farms (probability &ge; 0.5)");
  s += figure(group_thousands(all.expected_farms.value, 1),
              "expected farms, 95% " + iv(all.expected_farms, 1));
  s += figure(group_thousands(static_cast<double>(all.new_farms)), "new in the period");
  s += figure(group_thousands(static_cast<double>(all.unregistered)), "unregistered");
  s += figure(group_thousands(all.total_kw / 1000, 1) + " MW", "estimated mining load");
  if (with_previous && all.growth_pct)
    s += figure(signed_pct(all.growth_pct->value),
                "growth on the previous scan, 95% " + iv(*all.growth_pct, 0, "%"));
  return s + "</div>\n";
}

// "RU-IRK <name>": the code an analyst filters by, and the name a reader knows.
std::string region_label(const std::string& code, const std::map<std::string, std::string>* names) {
  const auto it = names ? names->find(code) : std::map<std::string, std::string>::const_iterator();
  if (!names || it == names->end()) return escape_html(code);
  return escape_html(code) + " <span class=\"iv\">" + escape_html(it->second) + "</span>";
}

std::string region_table(std::span<const RegionStats> regions, bool with_previous,
                         const std::map<std::string, std::string>* names) {
  std::string s =
      "<table class=\"regions\" id=\"region-table\">\n<tr><th>Rank by new</th><th>Region</th>"
      "<th>Farms</th><th>Expected farms (95%)</th><th>New</th><th>Registered</th>"
      "<th>Unregistered</th><th>Partial</th><th>Total kW</th><th>Median kW (95%)</th>";
  if (with_previous) s += "<th>Previous farms</th><th>Growth (95%)</th>";
  s += "</tr>\n";
  for (const RegionStats& r : regions) {
    const bool total = r.rank_by_new == 0;
    s += fmt::format(
        "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td>",
        total ? " class=\"total\"" : "", total ? "" : std::to_string(r.rank_by_new),
        total ? "All regions" : region_label(r.region, names), group_thousands(static_cast<double>(r.farms)),
        group_thousands(r.expected_farms.value, 1), iv(r.expected_farms, 1),
        group_thousands(static_cast<double>(r.new_farms)), group_thousands(static_cast<double>(r.registered)),
        group_thousands(static_cast<double>(r.unregistered)), group_thousands(static_cast<double>(r.partial)),
        group_thousands(r.total_kw, 0),
        r.median_kw ? group_thousands(r.median_kw->value, 1) + " " + iv(*r.median_kw, 1) : "&ndash;");
    if (with_previous)
      s += fmt::format(
          "<td>{}</td><td>{}</td>",
          r.previous_farms ? group_thousands(static_cast<double>(*r.previous_farms)) : "&ndash;",
          r.growth_pct ? signed_pct(r.growth_pct->value) + " " + iv(*r.growth_pct, 0, "%") : "&ndash;");
    s += "</tr>\n";
  }
  return s + "</table>\n";
}

std::string region_chart(std::span<const RegionStats> regions) {
  StackedBars chart;
  chart.title = "Farms per region, ranked by new farms";
  chart.value_label = "farms (probability >= 0.5)";
  chart.stack_names = {"new in the period", "existing"};
  chart.stack_colours = {"#d9731a", "#1f5fa8"};
  for (const RegionStats& r : regions) {
    if (r.rank_by_new == 0 || chart.categories.size() == kChartRegions) continue;
    chart.categories.push_back(r.region);
    chart.values.push_back({static_cast<double>(r.new_farms), static_cast<double>(r.farms - r.new_farms)});
  }
  std::string s = render_stacked_bars(chart);
  if (regions.size() > kChartRegions + 1)
    s += fmt::format(
        "<p class=\"note\">The chart shows the first {} regions by new farms; the table lists all {}.</p>\n",
        kChartRegions, regions.size() - 1);
  return s;
}

std::string day_range(const CaseRow& c) {
  if (c.first_day == kNoDay) return "&ndash;";
  return format_day(c.first_day) + (c.last_day == kNoDay ? "" : " to " + format_day(c.last_day));
}

std::string case_article(const CaseRow& c, const PageInputs& in) {
  const FarmRow* farm = nullptr;
  for (const FarmRow& f : in.farms)
    if (!c.site.empty() && f.site == c.site) farm = &f;
  std::string s = fmt::format(
      "<article class=\"case\" id=\"case-{}\">\n<h3>#{} &middot; {}{} &middot; {}</h3>\n",
      escape_html(c.case_id), c.rank, escape_html(c.case_id),
      c.site.empty() ? "" : " &middot; site " + escape_html(c.site), region_label(c.region, in.region_names));
  s += "<div>";
  for (const std::string& kind : c.kinds) s += "<span class=\"kind\">" + escape_html(kind) + "</span>";
  s += " <span class=\"status\">" + escape_html(c.status) + "</span></div>\n<div class=\"facts\">\n";
  const auto fact = [&](const char* label, const std::string& value) {
    s += fmt::format("<div><span>{}</span> <b>{}</b></div>\n", label, value);
  };
  fact("Priority", group_thousands(c.priority) + " RUB");
  fact("Expected value", group_thousands(c.expected_value) + " RUB");
  fact("Probability", fmt::format("{:.2f}", c.probability));
  fact("Unbilled", group_thousands(c.unbilled_kwh) + " kWh");
  fact("Mining load", c.mining_kw ? group_thousands(*c.mining_kw, 1) + " kW" : "&ndash;");
  fact("Days", day_range(c));
  std::string meters;
  for (const std::string& m : c.meters) meters += (meters.empty() ? "" : ", ") + m;
  fact("Meters", escape_html(meters));
  if (farm) fact("Registered", escape_html(farm->registered));
  s += "</div>\n<p class=\"evidence\">" + escape_html(c.evidence) + "</p>\n";
  const LinePlot plot = case_load_plot(c, in.loads, farm);
  s += plot.y.empty() ? "<p class=\"note\">No daily energy for this case in case_loads.csv.</p>\n"
                      : render_line_plot(plot);
  return s + "</article>\n";
}

}  // namespace

std::string render_report_html(const PageInputs& in) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += "<title>minewatch report: " + escape_html(period_text(in.source.period)) + "</title>\n";
  s += std::string("<style>") + kStyle + "</style>\n</head>\n<body>\n" + header(in);
  if (!in.regions.empty()) s += figures(in.regions.back(), in.with_previous);
  s +=
      "<section id=\"regions\">\n<h2>Regions</h2>\n<p class=\"note\">Farms: sites whose calibrated mining "
      "probability is at least 0.5. Expected farms: the sum of the probabilities, with its 95% interval "
      "(Poisson-binomial). Median kW: the median site's estimated mining load with a 95% bootstrap interval. "
      "New: farms whose mining started inside the period. Small grey figures are 95% intervals.</p>\n";
  s += region_table(in.regions, in.with_previous, in.region_names) + "</section>\n";
  s += "<section id=\"chart\">\n<h2>Farms per region</h2>\n" + region_chart(in.regions) + "</section>\n";
  s += fmt::format(
      "<section id=\"cases\">\n<h2>Top {} inspection cases</h2>\n<p class=\"note\">Ranked by priority "
      "(RUB). Each plot shows the daily energy of the case's meters; the shaded block is the mining "
      "period, the dashed line the level the estimated rigs imply.</p>\n",
      in.top_cases.size());
  for (const CaseRow& c : in.top_cases) s += case_article(c, in);
  s += "</section>\n<footer class=\"note\"><p>Written by <code>minewatch report</code>; the methods are in "
       "docs/report.md.</p></footer>\n</body>\n</html>\n";
  return s;
}

}  // namespace minewatch::report
