// sim layer: the power of a meter's share of a mining site. Flat, as ASICs are, but with the life of a farm:
// a start step, growth in steps as rigs are added, outages, an abrupt stop, curtailment at grid peak hours,
// the seasonal ban for the law-abiding, and the disguises (capped power, night-only, rigs used as heaters).
#pragma once

#include <vector>

#include "minewatch/sim/load_model.h"

namespace minewatch::sim {

class MiningLoad {
 public:
  MiningLoad(const SimConfig& config, const MeterPlan& meter, int window_days, Rng& rng);

  // Adds the rigs' power (kW) to kw[0..day.slots).
  void add_day(const DayContext& day, Rng& rng, double* kw);

 private:
  struct Step {
    double at_h = 0;  // hours since the start of the window
    std::uint32_t rigs = 0;
  };
  std::uint32_t rigs_at(double at_h) const;

  const MiningConfig& c_;
  MiningPlan plan_;
  bool cooled_ = false;  // garages, containers and halls have cooling beyond the rigs' own fans
  double kw_per_rig_ = 0;
  double start_h_ = 0;
  double end_h_ = 0;
  std::vector<Step> steps_;
  double outage_start_h_ = 0;  // within the current day
  double outage_left_h_ = 0;
};

}  // namespace minewatch::sim
