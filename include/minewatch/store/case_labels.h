// store layer: what inspectors found, as labels a supervised model can retrain on. The file is the
// `meter_id,flag,theft_type` layout that `minewatch theft train --labels` and `minewatch train mining
// --labels` read (io/theft_labels.h).
#pragma once

#include <string>
#include <vector>

#include "minewatch/store/case_store.h"

namespace minewatch::store {

// Which model the labels are for: a visit answers only the question its case asked.
enum class LabelTarget { theft, mining };

struct MeterLabel {
  std::string meter_id;
  bool positive = false;
  std::string kinds;  // the confirming cases' kinds (for theft: theft, tamper) joined by '+'; empty when 0
};

// One label per meter of the resolved cases that asked about the target, sorted by meter id.
//  - theft: cases with theft or tamper among their kinds, and false alarms of any case (a visit that found
//    nothing saw an honest meter): confirmed -> 1; not_found, legal -> 0. A confirmed mining violation says
//    nothing about the meter's readings: no label.
//  - mining: cases with mining among their kinds: confirmed and legal -> 1 (rigs were found, lawful or not),
//    not_found -> 0.
// no_access and duplicate say nothing. A meter in several cases is positive when any of them is (with the
// kinds of all of those): one confirmed finding is enough to make it an example.
std::vector<MeterLabel> labels_from_resolutions(const std::vector<Resolution>& resolutions,
                                                LabelTarget target = LabelTarget::theft);

// The labels as CSV text with its header; fields are quoted when they need it.
std::string labels_csv(const std::vector<MeterLabel>& labels);

}  // namespace minewatch::store
