// The SVG charts: well formed (balanced tags, the expected elements), every coordinate inside the drawing,
// text escaped, missing days breaking the line.
#include "minewatch/report/svg_chart.h"

#include <gtest/gtest.h>

#include "minewatch/core/timestamp.h"
#include "unit/report/svg_test_support.h"

namespace minewatch::report {
namespace {

using testing::attribute_values;
using testing::count_of;
using testing::tags_balanced;

void expect_inside(const std::string& svg, const std::string& attribute, double limit) {
  for (double v : attribute_values(svg, attribute)) {
    EXPECT_GE(v, 0) << attribute;
    EXPECT_LE(v, limit) << attribute;
  }
}

TEST(SvgChartTest, AxisTicksAreRoundAndCoverTheMaximum) {
  EXPECT_EQ(axis_ticks(7200, 5), (std::vector<double>{0, 2000, 4000, 6000, 8000}));
  EXPECT_EQ(axis_ticks(3, 5), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(axis_ticks(450, 5), (std::vector<double>{0, 100, 200, 300, 400, 500}));
  EXPECT_GE(axis_ticks(0, 5).back(), 1);  // an empty chart still has an axis
}

TEST(SvgChartTest, StackedBarsAreWellFormedAndInside) {
  StackedBars c;
  c.title = "Farms <per> region & more";
  c.value_label = "farms";
  c.categories = {"RU-IRK", "RU-KEM", "RU-MOW"};
  c.stack_names = {"new", "existing"};
  c.stack_colours = {"#d9731a", "#1f5fa8"};
  c.values = {{3, 1}, {2, 1}, {0, 1}};
  const std::string svg = render_stacked_bars(c);
  std::string error;
  EXPECT_TRUE(tags_balanced(svg, error)) << error;
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("Farms &lt;per&gt; region &amp; more"), std::string::npos);
  EXPECT_EQ(svg.find("<per>"), std::string::npos);
  // 2 legend swatches + 5 non-empty bar parts (RU-MOW has no new farms).
  EXPECT_EQ(count_of(svg, "<rect "), 7u);
  EXPECT_NE(svg.find(">4  (3 + 1)</text>"), std::string::npos);
  const double height = attribute_values(svg, "height").front();
  expect_inside(svg, "x", c.width);
  expect_inside(svg, "y", height);
  // The longest bar (4 farms) ends at the axis' last tick (4): the widest stack spans the plot.
  const auto widths = attribute_values(svg, "width");
  EXPECT_NEAR(widths[3] + widths[4], c.width - 80 - 150, 1e-6);
}

TEST(SvgChartTest, LinePlotBreaksAtMissingDaysAndMarksTheBlock) {
  LinePlot p;
  p.title = "Daily energy";
  p.y_label = "kWh/day";
  p.line_label = "meter M1";
  days_from_date(2025, 1, 1, p.first_day);
  for (int d = 0; d < 30; ++d) p.y.push_back(d < 10 ? 10.0 : 300.0);
  p.y[20] = std::nullopt;  // a missing day splits the line in two
  p.shade_from = p.first_day + 10;
  p.shade_label = "mining block";
  p.marker_day = p.first_day + 10;
  p.marker_label = "mining from 2025-01-11";
  p.level = 298;
  p.level_label = "expected 298 kWh/day";
  const std::string svg = render_line_plot(p);
  std::string error;
  EXPECT_TRUE(tags_balanced(svg, error)) << error;
  EXPECT_EQ(count_of(svg, "<path "), 1u);
  const std::size_t d = svg.find(" d=\"");
  const std::string path = svg.substr(d, svg.find('"', d + 4) - d);
  EXPECT_EQ(count_of(path, "M"), 2u);
  EXPECT_EQ(count_of(path, "L"), 27u);               // 29 days drawn in two runs
  EXPECT_EQ(count_of(svg, "stroke-dasharray"), 2u);  // the level and its legend
  EXPECT_NE(svg.find(">mining from 2025-01-11</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2025-01-01</text>"), std::string::npos);
  expect_inside(svg, "x", p.width);
  expect_inside(svg, "y", p.height);
  expect_inside(svg, "x1", p.width);
  expect_inside(svg, "y1", p.height);
  for (std::size_t at = path.find_first_of("ML"); at != std::string::npos;
       at = path.find_first_of("ML", at + 1)) {
    const double x = std::stod(path.substr(at + 1));
    const double y = std::stod(path.substr(path.find(',', at) + 1));
    EXPECT_GE(x, 70);
    EXPECT_LE(x, p.width - 20);
    EXPECT_GE(y, 44);
    EXPECT_LE(y, p.height - 44);
  }
}

}  // namespace
}  // namespace minewatch::report
