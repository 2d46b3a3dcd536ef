// apps layer: the stored cases as `minewatch cases list` prints them, each with its latest outcome.
#pragma once

#include <string>
#include <vector>

#include "minewatch/store/case_store.h"

namespace minewatch {

// CSV with a header: every CaseRecord column (cases.csv's names), first_seen_scan, last_seen_scan, then
// outcome, resolved_at and note (empty for a case never resolved). In the order given (highest priority
// first).
std::string cases_csv(const std::vector<store::CaseRecord>& cases,
                      const std::vector<store::Resolution>& resolved);

// The same as a JSON array of objects; outcome, resolved_at and note are null for a case never resolved.
std::string cases_json(const std::vector<store::CaseRecord>& cases,
                       const std::vector<store::Resolution>& resolved);

}  // namespace minewatch
