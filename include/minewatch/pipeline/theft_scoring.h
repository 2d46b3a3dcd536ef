// pipeline layer: scoring every meter of a scan for theft: the peers' daily course from all meters, each
// meter's theft features (in parallel), the learned model over all meters at once with each prediction's
// feature contributions, and the reasons and start day that follow from them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/detect/theft_features.h"
#include "minewatch/learn/feature_matrix.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {
namespace learn {
class ModelBundle;
}

struct TheftAssessment {
  float score = 0;       // the model's calibrated probability, or the rule's score without a model
  float rule_score = 0;  // detect/theft_explain.h theft_rule_score
  float baseline = 0;    // the simple reference: fall of the last third's mean kWh below the first's
  std::int64_t start_day = kNoDay;  // when the strongest cause began (explained meters only)
  std::string reason;
  std::string drivers;  // the model's strongest contributions, e.g. "level_drop_z:+1.52;zero_increase:+0.80"
};

struct TheftScores {  // one entry per input meter, in input order
  learn::FeatureMatrix features;
  std::vector<TheftEvidence> evidence;
  std::vector<TheftAssessment> assessments;
};

// `model` null: the rule score is the score. The model's target must be "theft". Meters scored at or above
// `explain_threshold` get their reasons and start day (from the model's contributions, which cost about a
// thousand predictions each, or from the rule's ranking); the others' are left blank. A scan explains its
// suspects only; `theft eval` none (threshold above 1).
TheftScores score_theft(std::span<const MeterScanResult* const> meters, const learn::ModelBundle* model,
                        unsigned threads = 0, float explain_threshold = 0.0f);

// The baseline alone for one series: max(0, 1 - mean(last third) / mean(first third)) of the days present,
// 0 when either third has no day.
float theft_baseline_score(const DailySeries& series);

}  // namespace minewatch
