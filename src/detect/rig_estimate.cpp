#include "minewatch/detect/rig_estimate.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace minewatch {
namespace {

// In order of preference when two fit equally well: the S9 and GPU rigs dominate home farms, the S19 family
// larger ones.
constexpr std::array<RigModel, 6> kModels{{{"Antminer S9", 1.323f},
                                           {"GPU rig 6x", 1.2f},
                                           {"Antminer S19", 3.25f},
                                           {"Antminer S19j Pro", 3.068f},
                                           {"Antminer S19 XP", 3.01f},
                                           {"Antminer S21", 3.5f}}};
// From this many rigs a farm is modern ASICs: S9s no longer pay (the simulator's farms follow the same rule).
constexpr float kLargeFarmKw = 40.0f;
// A fit this much worse than the best still wins if the model is preferred.
constexpr float kPreferenceMargin = 0.02f;

}  // namespace

RigEstimate estimate_rigs(float block_kw) {
  RigEstimate best;
  if (!(block_kw >= 0.5f * kModels[1].rated_kw)) return best;
  if (block_kw >= kLargeFarmKw) {
    best.model = kModels[2];
    best.count = static_cast<int>(std::lround(block_kw / best.model.rated_kw));
    return best;
  }
  float best_error = INFINITY;
  for (const RigModel& model : kModels) {
    const long count = std::max(1L, std::lround(block_kw / model.rated_kw));
    const float error = std::fabs(block_kw - static_cast<float>(count) * model.rated_kw) / block_kw;
    if (error + kPreferenceMargin < best_error) {
      best_error = error;
      best.model = model;
      best.count = static_cast<int>(count);
    }
  }
  return best;
}

}  // namespace minewatch
