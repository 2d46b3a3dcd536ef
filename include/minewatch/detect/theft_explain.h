// detect layer: a theft score in words. The causes come ranked by the model's per-meter contributions (or by
// the rule when there is no model); each cause is said once, with the figures a person can check on the
// load plot, and the date the theft most likely began.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/detect/theft_features.h"

namespace minewatch {

struct TheftExplanation {
  std::int64_t start_day = kNoDay;  // when the strongest cause began; kNoDay: no dated cause
  std::string reason;
};

// `ranked` lists feature indices (into theft_feature_names()) from the strongest cause down; only the first
// `max_causes` distinct kinds of cause are said.
TheftExplanation explain_theft(const TheftEvidence& evidence, std::span<const float> features,
                               std::span<const std::size_t> ranked, std::size_t max_causes = 3);

// The explainable rule used when no model is loaded, in [0, 1]: the largest of the level fall against the
// peers' course (when it stands out of the meter's own spread, z >= 3), the rise in the share of zero days
// and the rise in the share of repeated values. `ranked` receives the features behind it, strongest first.
float theft_rule_score(std::span<const float> features, std::vector<std::size_t>* ranked = nullptr);

}  // namespace minewatch
