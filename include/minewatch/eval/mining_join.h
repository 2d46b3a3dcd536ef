// eval layer: joining a scan's per-meter result (pipeline/scan_outputs.h) to the ground truth
// (io/truth_table.h), one EvalMeter per truth meter. Truth meters the scan never saw score 0; scanned meters
// the truth does not know are left out and counted.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/eval/mining_eval.h"
#include "minewatch/io/truth_table.h"
#include "minewatch/pipeline/scan_outputs.h"

namespace minewatch {

struct JoinCounts {
  std::size_t scanned = 0;               // rows of the scan (registry meters without readings included)
  std::size_t scanned_not_in_truth = 0;  // ignored
  std::size_t truth_not_in_scan = 0;     // scored 0
  std::size_t truth_without_readings = 0;
  std::vector<std::string> not_in_truth_examples;  // the first few, for the warning
};

struct JoinedMeters {
  std::vector<EvalMeter> meters;  // in truth order
  JoinCounts counts;
};

JoinedMeters join_with_truth(const std::vector<SuspectRow>& rows, const TruthTable& truth,
                             const ZoneTable& zones);

}  // namespace minewatch
