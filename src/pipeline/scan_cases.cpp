#include "minewatch/pipeline/scan_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "minewatch/io/atomic_file.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/meter_registry.h"

namespace minewatch {
namespace {

void write_all(const std::string& path, const fmt::memory_buffer& text) {
  AtomicFile file(path);
  file.write(std::string_view(text.data(), text.size()));
  file.commit();
}

}  // namespace

std::vector<MeterFindings> meter_findings(const std::vector<SuspectRow>& rows) {
  std::vector<MeterFindings> out;
  out.reserve(rows.size());
  for (const SuspectRow& row : rows) {
    MeterFindings f;
    f.meter_id = row.scan->id;
    if (row.info != nullptr) {
      f.region = row.info->region;
      f.district = row.info->district;
      f.tariff = row.info->tariff;
      f.transformer_id = row.info->transformer_id;
      f.subscriber_id = row.info->subscriber_id;
    }
    f.series = &row.scan->series;
    f.meter_mining_probability = row.mining.score;
    f.mining_probability =
        std::isnan(row.network.mining_with_net) ? row.mining.score : row.network.mining_with_net;
    f.net_score = row.network.net_score;
    f.net_reason = row.network.reason;
    f.mining_kw = row.mining.estimated_kw;
    f.other_load_kw = row.mining.other_load_kw;
    f.est_rigs = row.mining.rig_count;
    f.mining_start = row.mining.start_day;
    f.mining_end = row.mining.end_day;
    f.mining_reason = row.mining.reason;
    f.theft_probability = row.theft.score;
    f.theft_start = row.theft.start_day;
    f.theft_reason = row.theft.reason;
    f.tamper_probability = row.tamper.score;
    f.tamper_start = row.tamper.start_day;
    f.tamper_reason = row.tamper.reasons;
    out.push_back(std::move(f));
  }
  return out;
}

void add_balance_culprits(std::vector<MeterFindings>& meters, const std::vector<TransformerRow>& rows) {
  std::unordered_map<std::string_view, MeterFindings*> by_id;
  for (MeterFindings& m : meters) by_id.emplace(m.meter_id, &m);
  for (const TransformerRow& row : rows) {
    const BalanceAnalysis& a = row.analysis;
    if (!a.culprit_is_meter || a.suspects.empty()) continue;
    const auto found = by_id.find(row.culprit);
    if (found == by_id.end()) continue;
    MeterFindings& m = *found->second;
    m.balance_probability = a.score;
    m.balance_kwh = a.deficit_kwh * a.suspects.front().share;
    m.balance_start = a.deficit_start;
    m.balance_reason = "transformer " + row.transformer_id + ": " + row.reason;
  }
}

std::vector<TapFinding> tap_findings(const std::vector<TransformerRow>& rows) {
  std::vector<TapFinding> out;
  for (const TransformerRow& row : rows) {
    const BalanceAnalysis& a = row.analysis;
    TapFinding t;
    t.transformer_id = row.transformer_id;
    t.region = row.region;
    t.probability = a.tap_score;
    t.unbilled_kwh = std::isnan(a.tap_share) ? 0.0 : std::max(0.0, a.tap_share * a.balance_kwh);
    t.start_day = a.deficit_start;
    t.meters = row.meter_ids;
    t.reason = row.reason;
    out.push_back(std::move(t));
  }
  return out;
}

std::pair<std::int64_t, std::int64_t> scan_period(const std::vector<SuspectRow>& rows) {
  std::int64_t first = INT64_MAX, last = INT64_MIN;
  for (const SuspectRow& row : rows) {
    const DailySeries& s = row.scan->series;
    if (s.empty()) continue;
    first = std::min(first, s.first_day());
    last = std::max(last, s.day(s.size() - 1));
  }
  if (first > last) return {0, -1};
  return {first, last};
}

void write_violations_csv(const std::string& path, const CaseBuild& build) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "meter_id,day,region,violation,mining_kwh,detail\n");
  for (const MeterViolations& m : build.violations)
    for (const Violation& v : m.violations)
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{:.1f},{}\n", csv_quoted(m.meter_id),
                     format_day(v.day), m.region, violation_kind_name(v.kind), v.mining_kwh,
                     csv_quoted(v.detail));
  write_all(path, out);
}

void write_farms_csv(const std::string& path, const CaseBuild& build) {
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out),
                 "site,region,meters,probability,mining_kw,est_rigs,mining_start,mining_end,registered,"
                 "registered_kw,new_in_period,violations\n");
  for (const Farm& f : build.farms)
    fmt::format_to(std::back_inserter(out), "{},{},{},{:.4f},{:.2f},{},{},{},{},{},{},{}\n",
                   csv_quoted(f.site), f.region, csv_quoted(fmt::format("{}", fmt::join(f.meters, ";"))),
                   f.probability, f.mining_kw, f.est_rigs, format_day_or_empty(f.start),
                   format_day_or_empty(f.end), f.registered,
                   f.registered == "no" ? std::string() : fmt::format("{:.1f}", f.registered_kw),
                   f.new_in_period ? 1 : 0, fmt::format("{}", fmt::join(f.violations, ";")));
  write_all(path, out);
}

void write_cases_csv(const std::string& path, const CaseBuild& build) {
  fmt::memory_buffer out;
  fmt::format_to(
      std::back_inserter(out),
      "rank,case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,"
      "priority,first_day,last_day,evidence_key,evidence\n");
  for (std::size_t i = 0; i < build.cases.size(); ++i) {
    const store::CaseRecord& c = build.cases[i];
    fmt::format_to(std::back_inserter(out),
                   "{},{},{},{},{},{},{},{:.4f},{:.2f},{:.1f},{:.0f},{:.0f},{},{},{},{}\n", i + 1, c.case_id,
                   csv_quoted(c.site), c.region, csv_quoted(c.meters), c.kinds, c.status, c.probability,
                   c.mining_kw, c.unbilled_kwh, c.expected_value, c.priority, c.first_day, c.last_day,
                   c.evidence_key, csv_quoted(c.evidence));
  }
  write_all(path, out);
}

void write_case_loads_csv(const std::string& path, const CaseBuild& build,
                          const std::vector<MeterFindings>& meters, std::size_t top) {
  std::unordered_map<std::string_view, const MeterFindings*> by_id;
  for (const MeterFindings& m : meters) by_id.emplace(m.meter_id, &m);
  fmt::memory_buffer out;
  fmt::format_to(std::back_inserter(out), "case_id,meter_id,day,kwh\n");
  for (std::size_t i = 0; i < std::min(top, build.cases.size()); ++i) {
    for (const std::string& id : build.case_meters[i]) {
      const auto found = by_id.find(id);
      if (found == by_id.end() || found->second->series == nullptr) continue;
      const DailySeries& s = *found->second->series;
      for (std::size_t d = 0; d < s.size(); ++d) {
        const float kwh = s[d].kwh;
        fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", build.cases[i].case_id, csv_quoted(id),
                       format_day(s.day(d)), std::isnan(kwh) ? std::string() : fmt::format("{:.3f}", kwh));
      }
    }
  }
  write_all(path, out);
}

}  // namespace minewatch
