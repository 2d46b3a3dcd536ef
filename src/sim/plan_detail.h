// sim layer, private: the pieces of plan_grid() shared by grid_plan.cpp and site_plan.cpp.
#pragma once

#include <cstdint>
#include <string>

#include "minewatch/sim/grid_plan.h"
#include "minewatch/sim/rng.h"

namespace minewatch::sim::detail {

// Index drawn with probability proportional to its weight (weights need not sum to 1).
std::size_t pick_weighted(Rng& rng, const double* weights, std::size_t n);
int integer_in(Rng& rng, const Range& r);
// The smallest standard connection size (kW) at or above kw.
float standard_contract_kw(double kw);
// A Russian taxpayer number (INN) with valid check digits: 12 digits for a person, 10 for a company.
std::string make_taxpayer_id(Rng& rng, bool person);

struct PlanContext {
  const SimConfig& config;
  const PlanWindow& window;
  Rng& rng;
  GridPlan& plan;
};

// A day inside the window, or before it when `before_share` says so (then 1..max_before days before).
std::int32_t draw_start_day(PlanContext& ctx, double before_share, int max_before);

// Plans a home or garage mining site starting at meter `first` (already placed on its transformer) that may
// spread over up to `available` meters (split disguise). Returns the number of meters it took.
std::uint32_t plan_small_mining_site(PlanContext& ctx, std::uint32_t first, std::uint32_t available,
                                     MeterClass cls);
// Fills the meters [first, first + count) of an industrial mining site.
void plan_industrial_site(PlanContext& ctx, std::uint32_t first, std::uint32_t count);
// Fills the meters [first, first + count) of an AI data centre, maybe hiding a mining hall in one of them.
void plan_ai_datacentre(PlanContext& ctx, std::uint32_t first, std::uint32_t count);
// Maybe makes the meter a thief (customer classes only).
void plan_theft(PlanContext& ctx, MeterPlan& meter);

}  // namespace minewatch::sim::detail
