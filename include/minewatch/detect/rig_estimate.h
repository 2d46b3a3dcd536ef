// detect layer: how many rigs of which model make a block of power.
//
// Rated wall power from the makers' specifications (docs/simulator.md, Mining): the estimate picks the model
// whose whole multiples fit the block best, preferring the common home models for small blocks. Several
// models draw about 3 kW, so the model is "assumed", and the count is what a crew should expect to find.
#pragma once

#include <string_view>

namespace minewatch {

struct RigModel {
  std::string_view name;
  float rated_kw;
};

struct RigEstimate {
  int count = 0;
  RigModel model{"", 0};
};

// No rigs for a block below half the smallest rig.
RigEstimate estimate_rigs(float block_kw);

}  // namespace minewatch
