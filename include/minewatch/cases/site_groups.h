// cases layer: which suspect meters are one site, so one inspection covers them. Meters are joined when they
// share a subscriber, a registered taxpayer or an AI data centre, and mining meters also when they hang on
// the same transformer and switched on within a few days of each other (a farm split across meters).
#pragma once

#include <cstddef>
#include <vector>

#include "minewatch/cases/case_builder.h"

namespace minewatch {

// Groups `selected` (indices into meters) into sites; each group is sorted, groups ordered by first index.
std::vector<std::vector<std::size_t>> group_sites(const std::vector<MeterFindings>& meters,
                                                  const std::vector<std::size_t>& selected,
                                                  const policy::PolicyRules& rules, double mining_threshold,
                                                  int start_tolerance_days = 2);

}  // namespace minewatch
