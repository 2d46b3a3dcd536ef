// report.html: escaped text, no external resource, the region table and the charts present and well
// formed, and the case plot built from the farm's mining start.
#include "minewatch/report/html_page.h"

#include <gtest/gtest.h>

#include "minewatch/core/error.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/report/case_plot.h"
#include "minewatch/report/html_text.h"
#include "minewatch/report/region_names.h"
#include "support/temp_dir.h"
#include "unit/report/svg_test_support.h"

namespace minewatch::report {
namespace {

using testing::count_of;
using testing::tags_balanced;
using testing::without;

std::int64_t day(int y, unsigned m, unsigned d) {
  std::int64_t out = 0;
  days_from_date(y, m, d, out);
  return out;
}

TEST(HtmlTextTest, EscapesEverythingThatCouldOpenMarkup) {
  EXPECT_EQ(escape_html("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(escape_html("Иркутск"), "Иркутск");
}

TEST(HtmlTextTest, GroupsThousands) {
  EXPECT_EQ(group_thousands(196900), "196,900");
  EXPECT_EQ(group_thousands(1280167.4), "1,280,167");
  EXPECT_EQ(group_thousands(-1234.56, 1), "-1,234.6");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(-0.2), "0");
}

struct Fixture {
  std::vector<FarmRow> farms;
  std::vector<CaseRow> cases;
  std::vector<CaseLoad> loads;
  std::vector<RegionStats> regions;

  Fixture() {
    FarmRow f;
    f.site = "S<1>";
    f.region = "RU-IRK";
    f.probability = 0.97;
    f.mining_kw = 10;
    f.registered = "no";
    f.new_in_period = true;
    f.mining_start = day(2025, 1, 11);
    f.mining_end = kNoDay;
    farms = {f};
    CaseRow c;
    c.rank = 1;
    c.case_id = "C-1";
    c.site = "S<1>";
    c.region = "RU-IRK";
    c.meters = {"M1", "M2"};
    c.kinds = {"mining", "unregistered"};
    c.status = "new";
    c.probability = 0.97;
    c.mining_kw = 10;
    c.priority = 1280167;
    c.first_day = day(2025, 1, 15);  // later than the farm's start: the farm's start wins
    c.last_day = day(2025, 1, 30);
    c.evidence = "Flat <b>240</b> kWh/day & \"steady\"; see https://example.com/x";
    cases = {c};
    for (int d = 0; d < 30; ++d)
      for (const char* m : {"M1", "M2"})
        loads.push_back({"C-1", m, day(2025, 1, 1) + d,
                         d == 5 && m[1] == '2' ? std::nullopt : std::optional<double>(d < 10 ? 5 : 125)});
    regions = regional_stats(farms, nullptr);
  }

  std::map<std::string, std::string> names;

  std::string page(bool with_names = false) const {
    PageInputs in{{"scan<dir>", "", Period{day(2025, 1, 1), day(2025, 1, 30), false}},
                  regions,
                  false,
                  cases,
                  loads,
                  farms,
                  farms.size(),
                  cases.size(),
                  with_names ? &names : nullptr};
    return render_report_html(in);
  }
};

TEST(HtmlPageTest, EscapedSelfContainedAndWellFormed) {
  const std::string html = Fixture().page();
  std::string error;
  EXPECT_TRUE(tags_balanced(html, error)) << error;
  EXPECT_EQ(html.find("<b>240</b>"), std::string::npos);
  EXPECT_NE(html.find("Flat &lt;b&gt;240&lt;/b&gt; kWh/day &amp; &quot;steady&quot;"), std::string::npos);
  EXPECT_NE(html.find("scan&lt;dir&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // No resource is fetched: no http(s) reference other than the SVG namespace, no src= or href= at all.
  const std::string without_ns = without(html, "xmlns=\"http://www.w3.org/2000/svg\"");
  EXPECT_EQ(without_ns.find("http://"), std::string::npos);
  // The evidence's own text may mention an address; it is text, never an attribute.
  EXPECT_EQ(count_of(without_ns, "https://"), 1u);
  EXPECT_NE(html.find("see https://example.com/x</p>"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(HtmlPageTest, HoldsTheTableChartAndCases) {
  const std::string html = Fixture().page();
  EXPECT_NE(html.find("<table class=\"regions\" id=\"region-table\">"), std::string::npos);
  EXPECT_NE(html.find("<td>RU-IRK</td>"), std::string::npos);
  EXPECT_NE(html.find("All regions"), std::string::npos);
  EXPECT_EQ(count_of(html, "<svg "), 2u);  // the region chart and one case plot
  EXPECT_NE(html.find("1,280,167 RUB"), std::string::npos);
  EXPECT_NE(html.find("2025-01-01 to 2025-01-30"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"kind\">unregistered</span>"), std::string::npos);
}

TEST(HtmlPageTest, CaseWithoutLoadsAndDerivedPeriodAreSaid) {
  Fixture f;
  CaseRow theft = f.cases[0];
  theft.rank = 2;
  theft.case_id = "C-2";
  theft.kinds = {"theft"};
  f.cases.push_back(theft);
  PageInputs in{{"scan", "", Period{day(2025, 1, 1), day(2025, 1, 30), true}},
                f.regions,
                false,
                f.cases,
                f.loads,
                f.farms,
                f.farms.size(),
                f.cases.size()};
  const std::string html = render_report_html(in);
  EXPECT_NE(html.find("<h2>Top 2 inspection cases</h2>"), std::string::npos);
  EXPECT_EQ(count_of(html, "No daily energy for this case in case_loads.csv."), 1u);
  EXPECT_NE(
      html.find(
          "2025-01-01 to 2025-01-30 (derived from the farms&#39; and cases&#39; days: summary.json has no "
          "period)"),
      std::string::npos);
}

TEST(HtmlPageTest, NamesRegionsFromTheRegionTable) {
  Fixture f;
  f.names = read_region_names(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
  EXPECT_EQ(f.names.at("RU-IRK"), "Irkutsk Oblast");
  EXPECT_EQ(f.names.at("RU-MOW"), "Moscow");
  const std::string html = f.page(true);
  EXPECT_NE(html.find("<td>RU-IRK <span class=\"iv\">Irkutsk Oblast</span></td>"), std::string::npos);
  // A table without names is refused at its header, after the comment lines.
  minewatch::testing::TempDir dir;
  try {
    read_region_names(dir.write("regions.csv", "# a comment\nregion,tz\nRU-IRK,Asia/Irkutsk\n"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().line, 2u);
    EXPECT_EQ(e.place().field, "name");
  }
}

TEST(CasePlotTest, SumsMetersLeavesIncompleteDaysOutAndStartsAtTheFarm) {
  const Fixture f;
  const LinePlot p = case_load_plot(f.cases[0], f.loads, &f.farms[0]);
  ASSERT_EQ(p.y.size(), 30u);
  EXPECT_EQ(*p.y[0], 10);
  EXPECT_FALSE(p.y[5]);  // M2 has no reading that day
  EXPECT_EQ(*p.y[20], 250);
  EXPECT_EQ(*p.shade_from, day(2025, 1, 11));
  EXPECT_FALSE(p.shade_to);  // the farm has no end: the block runs to the last day
  EXPECT_EQ(*p.marker_day, day(2025, 1, 11));
  EXPECT_EQ(p.marker_label, "mining from 2025-01-11");
  EXPECT_EQ(*p.level, 10 + 10 * 24);  // the median day before the start plus the rigs
  EXPECT_EQ(p.line_label, "sum of 2 meters");
  // Without the farm the case's first day starts the block and its last day ends it.
  const LinePlot q = case_load_plot(f.cases[0], f.loads, nullptr);
  EXPECT_EQ(*q.shade_from, day(2025, 1, 15));
  EXPECT_EQ(*q.shade_to, day(2025, 1, 30));
}

}  // namespace
}  // namespace minewatch::report
