// report layer: the report's tables as files: regions.csv/json and the top cases as cases.csv/json
// (docs/formats.md, "regions.csv").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "minewatch/report/regional_stats.h"
#include "minewatch/report/scan_files.h"

namespace minewatch::report {

// Where the figures came from, written into the JSON files and the page's header.
struct ReportSource {
  std::string scan_dir;
  std::string previous_dir;  // empty without --previous
  std::optional<Period> period;
};

// `with_previous` false leaves previous_farms and the growth columns empty.
std::string regions_csv(std::span<const RegionStats> rows, bool with_previous);
std::string regions_json(std::span<const RegionStats> rows, bool with_previous, const ReportSource& source);
// The cases with the columns of the scan's cases.csv, in the given order.
std::string cases_csv(std::span<const CaseRow> cases);
std::string cases_json(std::span<const CaseRow> cases, const ReportSource& source);

// "2025-01-01 to 2025-03-31", with how it was found when summary.json had none; "unknown" without one.
std::string period_text(const std::optional<Period>& period);

}  // namespace minewatch::report
