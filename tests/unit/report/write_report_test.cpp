// write_report end to end through the library: the shared fixture scan in, every output out with the pinned
// regions.csv of the e2e case; a bad input leaves the output directory empty.
#include "minewatch/report/write_report.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "minewatch/core/error.h"
#include "support/temp_dir.h"
#include "unit/report/svg_test_support.h"

namespace minewatch::report {
namespace {

using minewatch::testing::read_file;
using minewatch::testing::TempDir;
using testing::count_of;

// The e2e fixtures (tests/e2e), by the absolute path CMake gives: __FILE__ may be relative (ccache's
// base_dir rewrites it), which would tie the test to the directory ctest runs it from.
const std::string kE2e = std::filesystem::path(MINEWATCH_TEST_E2E_DATA_DIR).parent_path().string();

TEST(WriteReportTest, WritesEveryOutputOfTheFixtureScan) {
  TempDir out;
  const ReportCounts counts =
      write_report({kE2e + "/data/report_scan", kE2e + "/data/report_previous", out.path().string(), 3,
                    std::string(MINEWATCH_DATA_DIR) + "/regions.csv"});
  EXPECT_EQ(counts.regions, 5u);
  EXPECT_EQ(counts.farms, 10u);
  EXPECT_EQ(counts.cases, 3u);
  EXPECT_EQ(counts.period, "2025-01-01 to 2025-03-31");
  EXPECT_EQ(out.entries(), (std::vector<std::string>{"cases.csv", "cases.json", "regions.csv", "regions.json",
                                                     "report.html"}));
  EXPECT_EQ(read_file(out.file("regions.csv")),
            read_file(kE2e + "/cases/report_regions/expected/regions.csv"));
  EXPECT_EQ(read_file(out.file("cases.csv")), read_file(kE2e + "/cases/report_regions/expected/cases.csv"));
  const std::string html = read_file(out.file("report.html"));
  // Self-contained: every http:// is the SVG namespace, and no https:// at all in this fixture.
  EXPECT_EQ(count_of(html, "http://"), count_of(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(count_of(html, "<svg "), 4u);  // the region chart and the top three cases' plots
  EXPECT_EQ(count_of(html, "https://"), 0u);
}

TEST(WriteReportTest, BadInputWritesNothing) {
  TempDir scan, out;
  for (const char* name : {"summary.json", "cases.csv", "case_loads.csv"})
    std::filesystem::copy_file(kE2e + "/data/report_scan/" + name, scan.file(name));
  scan.write(
      "farms.csv",
      "site,region,meters,probability,mining_kw,est_rigs,mining_start,mining_end,registered,registered_kw,"
      "new_in_period,violations\nS1,RU-IRK,M1,0.9,-5,1,,,no,,0,\n");
  EXPECT_THROW(write_report({scan.path().string(), "", out.path().string(), 20, ""}), InputError);
  EXPECT_TRUE(out.entries().empty());
}

}  // namespace
}  // namespace minewatch::report
