// eval layer: what `minewatch eval mining` leaves for people and for scripts: a plain-text report, and
// eval_mining.json (every figure and the inputs) and scored_meters.csv (one row per truth meter), both
// written atomically (io/atomic_file.h). docs/evaluation.md describes each figure and column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/eval/mining_eval.h"
#include "minewatch/eval/mining_join.h"

namespace minewatch {

// What the figures were computed from, as the report names it.
struct MiningEvalContext {
  std::vector<std::string> readings;
  std::string meters;
  std::string events;  // empty: none
  std::string truth;
  std::string config;  // empty: built-in settings
  std::uint64_t readings_accepted = 0;
  std::uint64_t rows_rejected = 0;
  JoinCounts join;
};

std::string format_mining_report(const MiningEvalReport& report, const MiningEvalContext& context);

void write_mining_report_json(const std::string& path, const MiningEvalReport& report,
                              const MiningEvalContext& context);

// One row per meter, in minewatch's ranking order (score highest first, then meter id).
void write_scored_meters_csv(const std::string& path, const std::vector<EvalMeter>& meters);

}  // namespace minewatch
