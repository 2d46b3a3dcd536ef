// detect layer: tamper_score, the chance that a meter was tampered with, from its evidence
// (detect/tamper_evidence.h) and, when known, the theft detector's signal (score and the day reported kWh
// dropped). Rules an inspector would apply, each a weight in [0, 1), combined as a noisy-OR, so the score
// only grows with evidence (docs/tamper.md gives every weight and its reason):
//   - a cover_open or magnetic_field event a few days before a sustained drop: strong (scaled by the theft
//     score);
//   - magnetic_field on its own: strong, growing with the days it was seen;
//   - a cover_open in working hours (an inspection, a meter change) is weak; outside them, a little less
//   weak;
//   - a power_loss the whole transformer logged (an outage) is nothing; one no neighbour logged is weak alone
//     and stronger next to a drop;
//   - clock_set is weak unless repeated or next to a drop; reverse_flow events are moderate;
//   - impossible physics of the readings (energy with no current, negative kWh, energy that V*I*pf*t does not
//     explain, live voltage with no current on a meter that usually draws): strong.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/detect/tamper_evidence.h"

namespace minewatch {

// What the theft detector says of the meter: its score in [0, 1] and the local day the reported kWh dropped
// (kNoDay: no drop found). drop_share (optional) is how much the reported kWh fell, 0.62 = 62 %, for the
// reasons only.
struct TheftSignal {
  double score = 0;
  std::int64_t start_day = kNoDay;
  double drop_share = NAN;
};

// Every weight of the rules (docs/tamper.md). Each is the chance that one piece of evidence alone means
// tampering; they combine as 1 - prod(1 - w).
struct TamperWeights {
  int near_drop_days_before = 3;  // an event up to this many days before the drop's first day ...
  int near_drop_days_after = 1;   // ... or this many after it (the drop's day is estimated) is "at the drop"
  double cover_or_magnet_at_drop = 0.9;  // x theft score
  double power_loss_at_drop = 0.6;       // isolated power_loss, x theft score
  double clock_set_at_drop = 0.5;        // x theft score
  double magnet_first_day = 0.6;         // magnet on 1 day; n days: 1 - (1 - w)^n
  double magnet_max = 0.97;
  double cover_in_working_hours = 0.08;  // a lone cover_open, per event
  double cover_off_hours = 0.3;
  double isolated_power_loss = 0.1;         // per event; shared ones weigh 0
  double unknown_power_loss = 0.02;         // no neighbours known, per event
  double clock_set = 0.03;                  // per event
  int clock_set_repeated = 3;               // this many clock_set events or more ...
  double clock_set_repeated_weight = 0.25;  // ... add this
  double reverse_flow_event = 0.4;          // per event
  // Physics: weight = cap * (1 - 0.5^(count / half_count)): half the cap at half_count readings.
  double energy_without_current_cap = 0.9;
  double energy_without_current_half = 1;
  double negative_energy_cap = 0.8;
  double negative_energy_half = 1;
  double energy_mismatch_cap = 0.85;
  double energy_mismatch_half = 2;
  double live_without_current_cap = 0.6;
  double live_without_current_half = 8;
  double usually_drawing_share = 0.5;  // live_without_current counts when the meter draws current this often
  // Evidence from this weight on dates the tampering (start_day = its earliest day).
  double dating_weight = 0.25;
};

// One piece of evidence: its weight, its day (kNoDay: undated) and a plain sentence.
struct TamperFinding {
  double weight = 0;
  std::int64_t day = kNoDay;
  std::string text;
};

struct TamperAssessment {
  double score = 0;                     // [0, 1]
  std::int64_t start_day = kNoDay;      // the earliest day of the evidence that dates it; kNoDay: none
  std::string reasons;                  // the strongest findings, "; "-separated
  std::vector<TamperFinding> findings;  // all of them, strongest first
};

TamperAssessment assess_tamper(const TamperEvidence& evidence, const TheftSignal& theft,
                               const TamperWeights& weights = {});

}  // namespace minewatch
