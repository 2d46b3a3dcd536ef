#include "minewatch/report/report_tables.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/csv_header.h"

namespace minewatch::report {
namespace {

using Json = nlohmann::ordered_json;

// The JSON holds the figures as the CSV prints them, so the two files never disagree in the last digit.
double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

std::string fixed(double v, int decimals) {
  return fmt::format("{:.{}f}", rounded(v, decimals), decimals);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ";") + s;
  return out;
}

std::string day_or_blank(std::int64_t day) {
  return day == kNoDay ? "" : format_day(day);
}

Json interval_json(const Interval& i, int decimals) {
  return {{"value", rounded(i.value, decimals)},
          {"low", rounded(i.low, decimals)},
          {"high", rounded(i.high, decimals)}};
}

Json source_json(const ReportSource& source) {
  Json period = nullptr;
  if (source.period)
    period = {{"from", format_day(source.period->from)},
              {"to", format_day(source.period->to)},
              {"source", source.period->derived ? "farms and cases days (summary.json has no period)"
                                                : "summary.json"}};
  return {{"scan", source.scan_dir},
          {"previous", source.previous_dir.empty() ? Json(nullptr) : Json(source.previous_dir)},
          {"period", period}};
}

}  // namespace

std::string regions_csv(std::span<const RegionStats> rows, bool with_previous) {
  std::string out =
      "region,farms,expected_farms,expected_farms_low,expected_farms_high,registered,unregistered,partial,"
      "total_kw,median_kw,median_kw_low,median_kw_high,new_farms,previous_farms,growth_pct,growth_pct_low,"
      "growth_pct_high,rank_by_new\n";
  for (const RegionStats& r : rows) {
    const auto& m = r.median_kw;
    const auto& g = r.growth_pct;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_quoted(r.region),
                       r.farms, fixed(r.expected_farms.value, 2), fixed(r.expected_farms.low, 2),
                       fixed(r.expected_farms.high, 2), r.registered, r.unregistered, r.partial,
                       fixed(r.total_kw, 1), m ? fixed(m->value, 1) : "", m ? fixed(m->low, 1) : "",
                       m ? fixed(m->high, 1) : "", r.new_farms,
                       with_previous && r.previous_farms ? std::to_string(*r.previous_farms) : "",
                       g ? fixed(g->value, 1) : "", g ? fixed(g->low, 1) : "", g ? fixed(g->high, 1) : "",
                       r.rank_by_new > 0 ? std::to_string(r.rank_by_new) : "");
  }
  return out;
}

std::string regions_json(std::span<const RegionStats> rows, bool with_previous, const ReportSource& source) {
  Json regions = Json::array();
  for (const RegionStats& r : rows) {
    Json j = {{"region", r.region},
              {"farms", r.farms},
              {"expected_farms", interval_json(r.expected_farms, 2)},
              {"registered", r.registered},
              {"unregistered", r.unregistered},
              {"partial", r.partial},
              {"total_kw", rounded(r.total_kw, 1)},
              {"median_kw", r.median_kw ? interval_json(*r.median_kw, 1) : Json(nullptr)},
              {"new_farms", r.new_farms}};
    if (with_previous) {
      j["previous_farms"] = r.previous_farms ? Json(*r.previous_farms) : Json(nullptr);
      j["growth_pct"] = r.growth_pct ? interval_json(*r.growth_pct, 1) : Json(nullptr);
    }
    j["rank_by_new"] = r.rank_by_new > 0 ? Json(r.rank_by_new) : Json(nullptr);
    regions.push_back(std::move(j));
  }
  return Json{{"tool", "minewatch report"},
              {"inputs", source_json(source)},
              {"method",
               {{"farm_threshold", kFarmThreshold},
                {"expected_farms", "sum of calibrated probabilities, 95% Poisson-binomial normal interval"},
                {"median_kw", fmt::format("95% percentile bootstrap, {} resamples, seed {}",
                                          kBootstrapResamples, kBootstrapSeed)},
                {"growth_pct", "95% delta-method interval on the log ratio of the counts"}}},
              {"regions", regions}}
             .dump(2) +
         "\n";
}

std::string cases_csv(std::span<const CaseRow> cases) {
  std::string out =
      "rank,case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,"
      "priority,"
      "first_day,last_day,evidence_key,evidence\n";
  for (const CaseRow& c : cases)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", c.rank, csv_quoted(c.case_id),
                       csv_quoted(c.site), csv_quoted(c.region), csv_quoted(joined(c.meters)),
                       csv_quoted(joined(c.kinds)), c.status, c.probability,
                       c.mining_kw ? fmt::format("{}", *c.mining_kw) : "", c.unbilled_kwh, c.expected_value,
                       c.priority, day_or_blank(c.first_day), day_or_blank(c.last_day),
                       csv_quoted(c.evidence_key), csv_quoted(c.evidence));
  return out;
}

std::string cases_json(std::span<const CaseRow> cases, const ReportSource& source) {
  Json rows = Json::array();
  for (const CaseRow& c : cases)
    rows.push_back({{"rank", c.rank},
                    {"case_id", c.case_id},
                    {"site", c.site},
                    {"region", c.region},
                    {"meters", c.meters},
                    {"kinds", c.kinds},
                    {"status", c.status},
                    {"probability", c.probability},
                    {"mining_kw", c.mining_kw ? Json(*c.mining_kw) : Json(nullptr)},
                    {"unbilled_kwh", c.unbilled_kwh},
                    {"expected_value_rub", c.expected_value},
                    {"priority_rub", c.priority},
                    {"first_day", c.first_day == kNoDay ? Json(nullptr) : Json(format_day(c.first_day))},
                    {"last_day", c.last_day == kNoDay ? Json(nullptr) : Json(format_day(c.last_day))},
                    {"evidence_key", c.evidence_key},
                    {"evidence", c.evidence}});
  return Json{{"tool", "minewatch report"}, {"inputs", source_json(source)}, {"cases", rows}}.dump(2) + "\n";
}

std::string period_text(const std::optional<Period>& period) {
  if (!period) return "unknown (summary.json has no period and no farm or case names a day)";
  std::string text = format_day(period->from) + " to " + format_day(period->to);
  if (period->derived) text += " (derived from the farms' and cases' days: summary.json has no period)";
  return text;
}

}  // namespace minewatch::report
