// store layer: what inspectors found, as labels a supervised model can retrain on. The file is the
// `meter_id,flag,theft_type` layout that `minewatch theft train --labels` reads (io/theft_labels.h).
#pragma once

#include <string>
#include <vector>

#include "minewatch/store/case_store.h"

namespace minewatch::store {

struct MeterLabel {
  std::string meter_id;
  bool theft = false;
  std::string theft_type;  // the confirmed cases' kinds joined by '+'; empty when not theft
};

// One label per meter of the resolved cases, sorted by meter id. confirmed -> theft; not_found and legal ->
// not theft (lawful mining is not theft); no_access and duplicate say nothing and give no label. A meter in
// several cases is a thief when any of them is confirmed (with the kinds of all of those), since one
// confirmed finding is enough to make its readings a theft example.
std::vector<MeterLabel> labels_from_resolutions(const std::vector<Resolution>& resolutions);

// The labels as CSV text with its header; fields are quoted when they need it.
std::string labels_csv(const std::vector<MeterLabel>& labels);

}  // namespace minewatch::store
