// report layer: reading the output directory of `minewatch scan -o DIR` (summary.json, farms.csv, cases.csv,
// case_loads.csv; docs/formats.md). Every bad value is an InputError naming file, line and field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minewatch::report {

// One site judged mining (farms.csv). Days are day numbers (core/timestamp.h), kNoDay when blank.
struct FarmRow {
  std::string site;
  std::string region;  // ISO 3166-2:RU, e.g. RU-IRK
  std::vector<std::string> meters;
  double probability = 0;  // calibrated: the chance that the site is a mining farm
  double mining_kw = 0;
  std::int64_t est_rigs = 0;
  std::int64_t mining_start = 0;
  std::int64_t mining_end = 0;
  std::string registered;  // yes | no | partial
  std::optional<double> registered_kw;
  bool new_in_period = false;
  std::vector<std::string> violations;
};

// One ranked inspection case (cases.csv).
struct CaseRow {
  std::int64_t rank = 0;
  std::string case_id;
  std::string site;
  std::string region;
  std::vector<std::string> meters;
  std::vector<std::string> kinds;  // mining, unregistered, over_capacity, ..., theft, tamper, tap
  std::string status;              // new | open | suppressed
  double probability = 0;
  std::optional<double> mining_kw;  // blank for cases that are not mining
  double unbilled_kwh = 0;
  double expected_value = 0;  // RUB
  double priority = 0;        // RUB
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  std::string evidence_key;
  std::string evidence;  // plain-language text
};

// One meter-day of a top case (case_loads.csv); kwh is empty for a missing day.
struct CaseLoad {
  std::string case_id;
  std::string meter_id;
  std::int64_t day = 0;
  std::optional<double> kwh;
};

struct Period {
  std::int64_t from = 0;
  std::int64_t to = 0;
  // True when summary.json had no "period" and it was taken from the farms' and cases' days.
  bool derived = false;
};

struct ScanFiles {
  std::string dir;
  std::optional<Period> period;  // none when neither summary.json nor any day gives one
  std::vector<FarmRow> farms;
  std::vector<CaseRow> cases;  // in file order (ranked)
  std::vector<CaseLoad> loads;
};

// Readers of one file each, so tests and callers can take the parts they need.
std::vector<FarmRow> read_farms_csv(const std::string& path);
std::vector<CaseRow> read_cases_csv(const std::string& path);
std::vector<CaseLoad> read_case_loads_csv(const std::string& path);
// summary.json's "period" ({"from": "YYYY-MM-DD", "to": ...}); none when the key is absent.
std::optional<Period> read_summary_period(const std::string& path);

// Reads the whole directory. `with_cases` false reads only summary.json and farms.csv (a previous scan
// is needed only for its farms). A missing file is an InputError naming it.
ScanFiles read_scan_dir(const std::string& dir, bool with_cases = true);

}  // namespace minewatch::report
