// cases layer: fusing what the detectors found (mining, theft, tampering, transformer balance) and the
// policy's violations into one inspection case per site, valued so an inspector's day goes where it pays:
// priority = probability that the visit finds something actionable x expected value in RUB (unbilled energy
// at its tariff, the tariff gap of business-scale mining on a subsidised rate, energy taken in breach of a
// ban, and the policy's fines). docs/cases.md explains each term.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/cases/violations.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/detect/daily_series.h"
#include "minewatch/policy/policy_rules.h"
#include "minewatch/store/case_store.h"

namespace minewatch {

// Every kind a case can carry (cases.csv `kinds`, ';'-separated): the detectors' findings, the network's
// agreement and the policy's violations (violation_kind_name). Readers of cases.csv check against this list.
inline constexpr std::array<std::string_view, 11> kCaseKinds = {
    "mining",        "theft",         "tamper",         "balance",         "tap", "network", "unregistered",
    "over_capacity", "banned_region", "ai_data_centre", "household_tariff"};

// One meter's findings, as the case builder reads them (pipeline/scan_cases.h fills them from a scan).
struct MeterFindings {
  std::string meter_id;
  std::string region;
  std::string district;
  std::string tariff;
  std::string transformer_id;
  std::string subscriber_id;
  const DailySeries* series = nullptr;
  double mining_probability = 0;        // with the network's evidence when there is some (cases/net_fusion.h)
  double meter_mining_probability = 0;  // from the readings alone
  double net_score = -1;                // the subscriber's; -1 when the network did not see it
  std::string net_reason;
  double mining_kw = 0;
  double other_load_kw = NAN;
  int est_rigs = 0;
  std::int64_t mining_start = kNoDay;
  std::int64_t mining_end = kNoDay;
  std::string mining_reason;
  double theft_probability = 0;
  std::int64_t theft_start = kNoDay;
  std::string theft_reason;
  double tamper_probability = 0;
  std::int64_t tamper_start = kNoDay;
  std::string tamper_reason;
  // When this meter is the culprit of its transformer's deficit (transformer balance): the deficit's score,
  // the energy the meter explains, when it began and why.
  double balance_probability = 0;
  double balance_kwh = 0;
  std::int64_t balance_start = kNoDay;
  std::string balance_reason;
};

// A transformer whose balance shows energy taken before the meters.
struct TapFinding {
  std::string transformer_id;
  std::string region;
  double probability = 0;   // the balance detector's tap score
  double unbilled_kwh = 0;  // the deficit the customer meters do not explain
  std::int64_t start_day = kNoDay;
  std::vector<std::string> meters;  // the transformer's meters, for the inspector's walk
  std::string reason;
};

struct CaseOptions {
  double threshold = 0.5;      // a meter is a suspect of a kind at this probability
  std::int64_t first_day = 0;  // the period the readings cover (local days)
  std::int64_t last_day = 0;
  int new_farm_margin_days = 7;  // a farm that started this long after the first day is new in the period
};

// A site judged mining: the rows of farms.csv and the regional statistics' input.
struct Farm {
  std::string site;
  std::string region;
  std::vector<std::string> meters;
  double probability = 0;
  double mining_kw = 0;
  int est_rigs = 0;
  std::int64_t start = kNoDay;
  std::int64_t end = kNoDay;
  std::string registered;  // yes, no, partial
  double registered_kw = 0;
  bool new_in_period = false;
  std::vector<std::string> violations;
};

struct MeterViolations {
  std::string meter_id;
  std::string region;
  std::vector<Violation> violations;
};

struct CaseBuild {
  std::vector<store::CaseRecord> cases;               // ranked: priority, then probability, then case id
  std::vector<std::vector<std::string>> case_meters;  // the meters of each case, in the cases' order
  std::vector<Farm> farms;                            // most probable first
  std::vector<MeterViolations> violations;            // by meter id
};

// What the store already knows: the cases of earlier scans and inspectors' outcomes.
struct CaseHistory {
  std::vector<store::CaseRecord> cases;
  std::vector<store::Resolution> resolutions;
};

CaseBuild build_cases(const std::vector<MeterFindings>& meters, const std::vector<TapFinding>& taps,
                      const policy::PolicyRules& rules, const CaseHistory& history,
                      const CaseOptions& options);

}  // namespace minewatch
