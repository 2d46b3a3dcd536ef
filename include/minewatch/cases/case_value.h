// cases layer: what a case is worth, in the policy's money: energy a meter stopped recording, energy mined in
// breach of a rule, the tariff gap of business-scale mining on a subsidised rate, and the policy's fines.
// docs/cases.md explains each term.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/cases/case_builder.h"
#include "minewatch/cases/violations.h"
#include "minewatch/policy/policy_rules.h"

namespace minewatch {

// Energy the meter stopped recording after `start`: the fall of its mean day below the mean before, over the
// days since. 0 without days on both sides (a meter read low from its first day hides no visible fall).
double fall_since(const DailySeries* series, std::int64_t start);

// Whether the meter's rigs switched off within a week of `day`: a fall in energy there is the farm stopping
// (a ban kept, an outage, a price crash), not energy hidden from the meter.
bool rigs_stopped_near(const MeterFindings& meter, std::int64_t day);

// The price per kWh of `tariff_class` in the meter's region, else of the policy's default class, else 0.
double price_of(const policy::PolicyRules& rules, const MeterFindings& meter,
                const std::string& tariff_class);

double fine_of(const policy::Fines& fines, ViolationKind kind);

// The value of one meter's violations: energy taken in breach of a ban or at an AI data centre at the
// commercial price, the tariff gap of business-scale mining on a subsidised rate; each day counted once.
double violation_energy_value(const MeterFindings& meter, const std::vector<Violation>& violations,
                              const policy::PolicyRules& rules);

}  // namespace minewatch
