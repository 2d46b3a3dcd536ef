#include "minewatch/report/write_report.h"

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

#include "minewatch/io/atomic_file.h"
#include "minewatch/report/html_page.h"
#include "minewatch/report/region_names.h"
#include "minewatch/report/regional_stats.h"
#include "minewatch/report/report_tables.h"
#include "minewatch/report/scan_files.h"

namespace minewatch::report {

ReportCounts write_report(const ReportOptions& options) {
  const ScanFiles scan = read_scan_dir(options.scan_dir);
  std::optional<ScanFiles> previous;
  if (!options.previous_dir.empty()) previous = read_scan_dir(options.previous_dir, false);
  const bool with_previous = previous.has_value();
  const std::vector<RegionStats> regions = regional_stats(scan.farms, previous ? &previous->farms : nullptr);

  // cases.csv is ranked by the scan; the report keeps its order and takes the first N.
  const std::size_t top = std::min(options.top, scan.cases.size());
  const std::span<const CaseRow> top_cases(scan.cases.data(), top);
  const ReportSource source{options.scan_dir, options.previous_dir, scan.period};

  const std::map<std::string, std::string> names = options.region_names.empty()
                                                       ? std::map<std::string, std::string>()
                                                       : read_region_names(options.region_names);
  PageInputs page{source,     regions,           with_previous,     top_cases, scan.loads,
                  scan.farms, scan.farms.size(), scan.cases.size(), &names};
  std::vector<std::pair<std::string, std::string>> files = {
      {"regions.csv", regions_csv(regions, with_previous)},
      {"regions.json", regions_json(regions, with_previous, source)},
      {"cases.csv", cases_csv(top_cases)},
      {"cases.json", cases_json(top_cases, source)},
      {"report.html", render_report_html(page)}};

  std::filesystem::create_directories(options.out_dir);
  for (const auto& [name, text] : files) {
    AtomicFile file((std::filesystem::path(options.out_dir) / name).string());
    file.write(text);
    file.commit();
  }
  return {regions.size() - 1, static_cast<std::size_t>(regions.back().farms), top, period_text(scan.period)};
}

}  // namespace minewatch::report
