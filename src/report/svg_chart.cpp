#include "minewatch/report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "minewatch/core/timestamp.h"
#include "minewatch/report/html_text.h"

namespace minewatch::report {
namespace {

constexpr const char* kFont = "font-family=\"Helvetica, Arial, sans-serif\"";
constexpr const char* kAxisColour = "#555";
constexpr const char* kGridColour = "#e3e3e3";
// Labels drawn over the data get a white outline (painted under the glyphs) so they stay legible.
constexpr const char* kHalo =
    " fill=\"#b8332a\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" font-weight=\"bold\"";
constexpr const char* kMarkerText =
    " fill=\"#7a3e00\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" font-weight=\"bold\"";

std::string svg_open(int width, int height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" {2} font-size=\"12\"><title>{3}</title>\n",
      width, height, kFont, escape_html(title));
}

std::string text(double x, double y, const std::string& s, const char* anchor = "start",
                 const char* extra = "") {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}>{}</text>\n", x, y, anchor, extra,
                     escape_html(s));
}

// A tick value as text: no decimals when it is whole, thousands grouped.
std::string tick_text(double v) {
  return group_thousands(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 1);
}

}  // namespace

std::vector<double> axis_ticks(double max, int count) {
  if (!(max > 0)) max = 1;
  const double raw = max / std::max(1, count);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    ticks.push_back(step * i);
    if (step * i >= max - 1e-9 * max) break;
  }
  return ticks;
}

std::string render_stacked_bars(const StackedBars& c) {
  constexpr double kLeft = 80, kRight = 150, kTop = 56, kRow = 22, kBar = 15, kBottom = 36;
  const double height = kTop + kRow * static_cast<double>(c.categories.size()) + kBottom;
  const double plot_w = c.width - kLeft - kRight;
  double max = 0;
  for (const auto& parts : c.values) {
    double total = 0;
    for (double v : parts) total += v;
    max = std::max(max, total);
  }
  const std::vector<double> ticks = axis_ticks(max, 6);
  const double scale = plot_w / ticks.back();
  std::string s = svg_open(c.width, static_cast<int>(height), c.title);
  s += text(kLeft, 18, c.title, "start", " font-size=\"15\" font-weight=\"bold\"");
  // Legend: one swatch per stack part.
  double lx = kLeft;
  for (std::size_t k = 0; k < c.stack_names.size(); ++k) {
    s += fmt::format("<rect x=\"{:.1f}\" y=\"28\" width=\"12\" height=\"12\" fill=\"{}\"/>\n", lx,
                     escape_html(c.stack_colours[k]));
    s += text(lx + 16, 38, c.stack_names[k]);
    lx += 30 + 7.0 * static_cast<double>(c.stack_names[k].size());
  }
  const double axis_y = kTop + kRow * static_cast<double>(c.categories.size());
  for (double t : ticks) {
    const double x = kLeft + t * scale;
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n",
                     x, kTop - 4, axis_y, kGridColour);
    s += text(x, axis_y + 15, tick_text(t), "middle");
  }
  s += text(kLeft + plot_w / 2, axis_y + 31, c.value_label, "middle", " fill=\"#333\"");
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const double y = kTop + kRow * static_cast<double>(i) + (kRow - kBar) / 2;
    s += text(kLeft - 8, y + kBar - 3, c.categories[i], "end", " font-weight=\"bold\"");
    double x = kLeft, total = 0;
    std::string parts;
    for (std::size_t k = 0; k < c.values[i].size(); ++k) {
      const double w = c.values[i][k] * scale;
      if (w > 0)
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>\n", x,
                         y, w, kBar, escape_html(c.stack_colours[k]));
      x += w;
      total += c.values[i][k];
      parts += (k == 0 ? "" : " + ") + tick_text(c.values[i][k]);
    }
    s += text(x + 6, y + kBar - 3, tick_text(total) + (c.values[i].size() > 1 ? "  (" + parts + ")" : ""));
  }
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n", kLeft,
                   kTop - 4, axis_y, kAxisColour);
  s += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\"/>\n", kLeft,
                   axis_y, kLeft + plot_w, kAxisColour);
  return s + "</svg>\n";
}

std::string render_line_plot(const LinePlot& p) {
  constexpr double kLeft = 70, kRight = 20, kTop = 44, kBottom = 44;
  const double plot_w = p.width - kLeft - kRight, plot_h = p.height - kTop - kBottom;
  const std::int64_t days = std::max<std::int64_t>(1, static_cast<std::int64_t>(p.y.size()));
  double max = p.level.value_or(0);
  for (const auto& v : p.y) max = std::max(max, v.value_or(0));
  const std::vector<double> ticks = axis_ticks(max * 1.08, 5);
  const auto xof = [&](std::int64_t day) {
    const double at = static_cast<double>(std::clamp<std::int64_t>(day - p.first_day, 0, days - 1));
    return kLeft + (days == 1 ? plot_w / 2 : at * plot_w / static_cast<double>(days - 1));
  };
  const auto yof = [&](double v) { return kTop + plot_h - std::clamp(v / ticks.back(), 0.0, 1.0) * plot_h; };
  const std::int64_t last_day = p.first_day + days - 1;

  std::string s = svg_open(p.width, p.height, p.title);
  s += text(kLeft, 16, p.title, "start", " font-size=\"14\" font-weight=\"bold\"");
  if (p.shade_from) {
    const std::int64_t to = p.shade_to.value_or(last_day);
    const double x0 = xof(*p.shade_from), x1 = xof(to);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#f6c177\" "
        "fill-opacity=\"0.35\"/>\n",
        x0, kTop, std::max(1.0, x1 - x0), plot_h);
  }
  for (double t : ticks) {
    const double y = yof(t);
    s += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\"/>\n",
                     kLeft, y, kLeft + plot_w, kGridColour);
    s += text(kLeft - 6, y + 4, tick_text(t), "end");
  }
  s += fmt::format(
      "<text x=\"14\" y=\"{0:.1f}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {0:.1f})\">{1}</text>\n",
      kTop + plot_h / 2, escape_html(p.y_label));
  // Date ticks: about seven, on whole days.
  const std::int64_t step = std::max<std::int64_t>(1, (days + 6) / 7);
  for (std::int64_t d = p.first_day; d <= last_day; d += step) {
    const double x = xof(d);
    s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n",
                     x, kTop + plot_h, kTop + plot_h + 5, kAxisColour);
    s += text(x, kTop + plot_h + 18, format_day(d), "middle");
  }
  // The series: one path, a new segment after each missing day; lone days drawn as dots.
  std::string path;
  for (std::size_t i = 0; i < p.y.size(); ++i) {
    if (!p.y[i]) continue;
    const bool starts = i == 0 || !p.y[i - 1];
    const double x = xof(p.first_day + static_cast<std::int64_t>(i)), y = yof(*p.y[i]);
    path += fmt::format("{}{:.1f},{:.1f} ", starts ? "M" : "L", x, y);
    if (starts && (i + 1 == p.y.size() || !p.y[i + 1]))
      s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"#1f5fa8\"/>\n", x, y);
  }
  if (!path.empty())
    s += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.8\"/>\n", path);
  if (p.level) {
    const double x0 = p.shade_from ? xof(*p.shade_from) : kLeft;
    const double x1 = p.shade_from ? xof(p.shade_to.value_or(last_day)) : kLeft + plot_w;
    const double y = yof(*p.level);
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b8332a\" "
        "stroke-width=\"1.8\" "
        "stroke-dasharray=\"7 4\"/>\n",
        x0, y, x1, y);
    s += text(x1 - 4, y - 7, p.level_label, "end", kHalo);
  }
  if (p.marker_day) {
    const double x = xof(*p.marker_day);
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#7a3e00\" "
        "stroke-width=\"1.5\"/>\n",
        x, kTop - 8, kTop + plot_h);
    // Left of centre the label reads to the right of the line, else to its left, so it stays inside.
    const bool right = x < kLeft + plot_w / 2;
    s += text(right ? x + 4 : x - 4, kTop - 10, p.marker_label, right ? "start" : "end", kMarkerText);
  }
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"{}\"/>\n", kLeft,
      kTop, plot_w, plot_h, kAxisColour);
  // Legend under the dates.
  const double ly = p.height - 8;
  s += fmt::format(
      "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n",
      kLeft, ly - 4, kLeft + 22);
  s += text(kLeft + 27, ly, p.line_label);
  if (p.shade_from) {
    const double lx = kLeft + 40 + 7.0 * static_cast<double>(p.line_label.size());
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"22\" height=\"10\" fill=\"#f6c177\" "
        "fill-opacity=\"0.5\"/>\n",
        lx, ly - 9);
    s += text(lx + 27, ly, p.shade_label);
  }
  if (p.level) {
    const double lx = kLeft + 80 + 7.0 * static_cast<double>(p.line_label.size() + p.shade_label.size());
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#b8332a\" "
        "stroke-width=\"2\" "
        "stroke-dasharray=\"7 4\"/>\n",
        lx, ly - 4, lx + 22);
    s += text(lx + 27, ly, "estimated level with the rigs");
  }
  return s + "</svg>\n";
}

}  // namespace minewatch::report
