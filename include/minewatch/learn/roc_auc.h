// learn layer: the area under the ROC curve, the chance that a random positive outscores a random negative.
#pragma once

#include <span>

namespace minewatch::learn {

// Mann-Whitney with ties counted half; labels are 0/1, weights none. NaN when a class is absent.
double roc_auc(std::span<const float> scores, std::span<const float> labels);

}  // namespace minewatch::learn
