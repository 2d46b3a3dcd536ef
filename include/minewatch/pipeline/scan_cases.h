// pipeline layer: a scan's findings turned into cases (cases/case_builder.h) and the files an analyst and the
// report read: violations.csv (one row per meter, day and rule broken), farms.csv (every site judged
// mining), cases.csv (ranked inspection cases) and case_loads.csv (the daily energy of the top cases' meters,
// for their load plots). Written atomically; docs/formats.md lists the columns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/cases/case_builder.h"
#include "minewatch/pipeline/scan_outputs.h"
#include "minewatch/pipeline/transformer_balance.h"

namespace minewatch {

// One entry per row, in the rows' order; series point into the scan the rows came from.
std::vector<MeterFindings> meter_findings(const std::vector<SuspectRow>& rows);
// Marks each transformer's culprit meter (the meter whose fall explains the deficit) with the deficit's
// score and the energy it explains, so the meter's case carries the balance evidence.
void add_balance_culprits(std::vector<MeterFindings>& meters, const std::vector<TransformerRow>& rows);
// Transformers whose balance points at energy taken before the meters (tap_score).
std::vector<TapFinding> tap_findings(const std::vector<TransformerRow>& rows);

// The first and last local day of any meter's series (0, -1 when there are none).
std::pair<std::int64_t, std::int64_t> scan_period(const std::vector<SuspectRow>& rows);

void write_violations_csv(const std::string& path, const CaseBuild& build);
void write_farms_csv(const std::string& path, const CaseBuild& build);
void write_cases_csv(const std::string& path, const CaseBuild& build);
// The daily kWh of every meter of the first `top` cases.
void write_case_loads_csv(const std::string& path, const CaseBuild& build,
                          const std::vector<MeterFindings>& meters, std::size_t top);

}  // namespace minewatch
