// `minewatch report`: a scan's output directory in, the regional figures, the top cases and one
// self-contained report.html out (docs/report.md).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/settings_file.h"
#include "minewatch/report/write_report.h"

namespace minewatch {

void add_report_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<report::ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Regional figures and the top inspection cases of a scan, as CSV, JSON and one HTML page");
  cmd->add_option("--scan", options->scan_dir,
                  "Output directory of `minewatch scan -o DIR` (summary.json, farms.csv, cases.csv, "
                  "case_loads.csv)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--previous", options->previous_dir,
                  "The previous period's scan directory (summary.json, farms.csv): growth per region")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--out,-o", options->out_dir,
                  "Directory for regions.csv, regions.json, cases.csv, cases.json and report.html")
      ->required();
  cmd->add_option("--top", options->top, "Cases in the report")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->callback([options, &exit_code] {
    options->region_names = shipped_data_path("regions.csv");  // the page names each region
    const report::ReportCounts counts = report::write_report(*options);
    fmt::print("minewatch report: {} farms in {} regions, period {}; top {} cases\n", counts.farms,
               counts.regions, counts.period, counts.cases);
    fmt::print("wrote {}/regions.csv, regions.json, cases.csv, cases.json and report.html\n",
               options->out_dir);
    exit_code = 0;
  });
}

}  // namespace minewatch
