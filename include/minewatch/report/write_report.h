// report layer: `minewatch report` as a function: read a scan's directory (and a previous one), compute the
// regional figures and write regions.csv/json, cases.csv/json and report.html into one directory.
#pragma once

#include <cstddef>
#include <string>

namespace minewatch::report {

struct ReportOptions {
  std::string scan_dir;
  std::string previous_dir;  // empty: no growth figures
  std::string out_dir;
  std::size_t top = 20;      // cases in cases.csv/json and on the page
  std::string region_names;  // region,tz,name table (data/regions.csv); empty: codes only
};

struct ReportCounts {
  std::size_t regions = 0;  // without the "ALL" row
  std::size_t farms = 0;    // sites with probability >= 0.5
  std::size_t cases = 0;    // written (the top)
  std::string period;       // as the page prints it
};

// Every input is read and every output rendered before the first file is written, and each file is
// written atomically, so a bad input leaves no output at all (InputError naming file, line and field).
ReportCounts write_report(const ReportOptions& options);

}  // namespace minewatch::report
