#include "minewatch/apps/case_listing.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "minewatch/io/csv_header.h"

namespace minewatch {
namespace {

using Latest = std::map<std::string, const store::Resolution*>;

Latest by_case(const std::vector<store::Resolution>& resolved) {
  Latest latest;
  for (const store::Resolution& r : resolved) latest[r.case_id] = &r;
  return latest;
}

const store::Resolution* find(const Latest& latest, const std::string& case_id) {
  const auto it = latest.find(case_id);
  return it == latest.end() ? nullptr : it->second;
}

}  // namespace

std::string cases_csv(const std::vector<store::CaseRecord>& cases,
                      const std::vector<store::Resolution>& resolved) {
  const Latest latest = by_case(resolved);
  std::string csv =
      "case_id,site,region,meters,kinds,status,probability,mining_kw,unbilled_kwh,expected_value,priority,"
      "first_day,last_day,evidence_key,evidence,first_seen_scan,last_seen_scan,outcome,resolved_at,note\n";
  for (const store::CaseRecord& c : cases) {
    const store::Resolution* r = find(latest, c.case_id);
    csv +=
        fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_quoted(c.case_id),
                    csv_quoted(c.site), csv_quoted(c.region), csv_quoted(c.meters), csv_quoted(c.kinds),
                    csv_quoted(c.status), c.probability, c.mining_kw, c.unbilled_kwh, c.expected_value,
                    c.priority, csv_quoted(c.first_day), csv_quoted(c.last_day), csv_quoted(c.evidence_key),
                    csv_quoted(c.evidence), csv_quoted(c.first_seen_scan), csv_quoted(c.last_seen_scan),
                    r != nullptr ? store::outcome_name(r->outcome) : "",
                    r != nullptr ? csv_quoted(r->resolved_at) : "", r != nullptr ? csv_quoted(r->note) : "");
  }
  return csv;
}

std::string cases_json(const std::vector<store::CaseRecord>& cases,
                       const std::vector<store::Resolution>& resolved) {
  const Latest latest = by_case(resolved);
  nlohmann::json out = nlohmann::json::array();
  for (const store::CaseRecord& c : cases) {
    const store::Resolution* r = find(latest, c.case_id);
    nlohmann::json row = {{"case_id", c.case_id},
                          {"site", c.site},
                          {"region", c.region},
                          {"meters", c.meters},
                          {"kinds", c.kinds},
                          {"status", c.status},
                          {"probability", c.probability},
                          {"mining_kw", c.mining_kw},
                          {"unbilled_kwh", c.unbilled_kwh},
                          {"expected_value", c.expected_value},
                          {"priority", c.priority},
                          {"first_day", c.first_day},
                          {"last_day", c.last_day},
                          {"evidence_key", c.evidence_key},
                          {"evidence", c.evidence},
                          {"first_seen_scan", c.first_seen_scan},
                          {"last_seen_scan", c.last_seen_scan}};
    row["outcome"] = r != nullptr ? nlohmann::json(store::outcome_name(r->outcome)) : nlohmann::json();
    row["resolved_at"] = r != nullptr ? nlohmann::json(r->resolved_at) : nlohmann::json();
    row["note"] = r != nullptr ? nlohmann::json(r->note) : nlohmann::json();
    out.push_back(std::move(row));
  }
  return out.dump(2) + "\n";
}

}  // namespace minewatch
