// report layer: the load plot of one inspection case: the daily energy of its meters with the mining block
// shaded from its start, the start marked, and the level the estimated rigs imply drawn dashed.
#pragma once

#include <span>

#include "minewatch/report/scan_files.h"
#include "minewatch/report/svg_chart.h"

namespace minewatch::report {

// The plot of `c` from its rows of case_loads.csv (`loads`, any order, other cases' rows ignored).
// `farm` is the case's site in farms.csv, when it is there: its mining_start and mining_end bound the block
// (else the case's first_day and last_day). The series is the sum over the case's meters; a day on which
// any meter has no reading is left out rather than drawn too low. The dashed level is the median day
// before the start plus mining_kw x 24 h, so it can be compared with the block itself.
LinePlot case_load_plot(const CaseRow& c, std::span<const CaseLoad> loads, const FarmRow* farm);

}  // namespace minewatch::report
