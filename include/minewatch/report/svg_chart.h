// report layer: two charts drawn as inline SVG by our own code (no scripts, no external resources), so the
// report is one file that opens anywhere: horizontal stacked bars and a daily line plot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minewatch::report {

// One bar per category, top to bottom in the given order; each bar is a stack of `stack_names` parts,
// labelled with its parts and total.
struct StackedBars {
  std::string title;
  std::string value_label;  // the axis: e.g. "farms (probability >= 0.5)"
  std::vector<std::string> categories;
  std::vector<std::string> stack_names;
  std::vector<std::string> stack_colours;   // CSS colours, one per stack part
  std::vector<std::vector<double>> values;  // [category][part], >= 0
  int width = 1100;
};

// A daily series from `first_day` (day numbers, core/timestamp.h); a missing day breaks the line.
struct LinePlot {
  std::string title;
  std::string y_label;  // e.g. "kWh/day"
  std::string line_label;
  std::int64_t first_day = 0;
  std::vector<std::optional<double>> y;
  // A shaded span of days (inclusive), e.g. the mining block, with its legend text.
  std::optional<std::int64_t> shade_from, shade_to;
  std::string shade_label;
  // A vertical marker with a label, e.g. the day mining started.
  std::optional<std::int64_t> marker_day;
  std::string marker_label;
  // A dashed horizontal level drawn over the shaded span (or the whole plot without one).
  std::optional<double> level;
  std::string level_label;
  int width = 1100;
  int height = 280;
};

std::string render_stacked_bars(const StackedBars& chart);
std::string render_line_plot(const LinePlot& plot);

// Round axis ticks from 0 to at least `max` (steps of 1, 2 or 5 times a power of ten), about `count`.
std::vector<double> axis_ticks(double max, int count = 5);

}  // namespace minewatch::report
