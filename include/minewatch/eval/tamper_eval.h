// eval layer: how well tamper_score ranks tampered meters (truth.csv `tamper`) above the others, and how
// often it flags untampered meters whose events are benign (inspections, clock corrections, outages).
// docs/tamper.md reports the figures with the commands.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "minewatch/eval/ranking.h"

namespace minewatch {

struct TamperEvalMeter {
  std::string meter_id;
  double score = 0;
  bool tampered = false;      // truth: tamper is not blank (an event kind, a physics kind of the channels)
  bool visible = false;       // tampered, and the tampering falls inside the data (the meter could log it)
  bool has_events = false;    // the meter logged any event
  bool benign_cover = false;  // untampered, with a cover_open event (an inspection)
};

struct TamperEvalFigures {
  std::size_t positives = 0;
  std::size_t negatives = 0;
  double auc = 0;
  double average_precision = 0;
  PrecisionAtK p_at_100;
};

struct TamperEvalReport {
  std::size_t meters = 0;
  TamperEvalFigures all_tampered;  // every tampered meter vs the rest
  TamperEvalFigures visible;       // visible tampered meters vs untampered ones (invisible ones left out)
  double threshold = 0.5;
  std::size_t untampered_with_events = 0;
  std::size_t flagged_with_events = 0;  // of those, scored at or above the threshold
  std::size_t untampered_with_cover = 0;
  std::size_t flagged_with_cover = 0;
  std::size_t flagged = 0;           // all meters at or above the threshold
  std::size_t flagged_tampered = 0;  // of which tampered
};

TamperEvalReport evaluate_tamper(const std::vector<TamperEvalMeter>& meters, double threshold);
std::string format_tamper_report(const TamperEvalReport& report);

}  // namespace minewatch
