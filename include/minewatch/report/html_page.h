// report layer: report.html, one self-contained page (inline CSS and SVG, no scripts, no external
// resources): the period and inputs, the region table, farms per region as a chart, the top cases with
// their evidence and load plots. All text from the inputs is escaped.
#pragma once

#include <map>
#include <span>
#include <string>

#include "minewatch/report/regional_stats.h"
#include "minewatch/report/report_tables.h"
#include "minewatch/report/scan_files.h"

namespace minewatch::report {

struct PageInputs {
  ReportSource source;
  std::span<const RegionStats> regions;  // ranked, "ALL" last
  bool with_previous = false;
  std::span<const CaseRow> top_cases;
  std::span<const CaseLoad> loads;
  std::span<const FarmRow> farms;  // to find each case's site (its mining start and end)
  std::size_t farm_rows = 0;
  std::size_t case_rows = 0;  // in the scan's cases.csv, before taking the top
  const std::map<std::string, std::string>* region_names = nullptr;  // code -> name, optional
};

std::string render_report_html(const PageInputs& in);

}  // namespace minewatch::report
