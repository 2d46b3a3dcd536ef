// detect layer (internal to transformer balance): splitting a transformer's unaccounted energy between a tap
// and its customer meters (docs/balance.md). transformer_balance.cpp aligns the meters and finds the deficit;
// this part regresses the deficit on the ways each meter can hide energy.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "minewatch/detect/transformer_balance.h"

namespace minewatch::detail {

// One meter's kWh on the transformer's days: present values, and the missing ones filled in.
struct AlignedMeter {
  std::vector<float> reported;  // NaN where the meter has no complete day
  std::vector<float> filled;    // reported, or the fill-in
  bool silent = true;           // no complete day at all
};

// Splits the daily unexplained energy between a tap and the customer meters by a small regression with
// positive coefficients whose terms are the best subset of the candidates (docs/balance.md). Each meter
// offers up to four ways to hide energy: a share of what it reports on every day (a bypass older than the
// data), a share of what it reports since the deficit's start (a load that began with its bypass), its fall
// below its own level before the start (h1, h2, h4 thefts that begin with the deficit), and its fall from its
// own largest step down (a theft that began on another day than the deficit's largest rise); the tap offers a
// step at the start. With an intercept, only the day-to-day course tells them apart, so a flat tap and a flat
// meter share are not confused with a meter that happens to be flat. Up to config.max_terms terms, a subset
// one term larger taken while it removes at least config.min_term_gain more of the deficit's variance
// (subset_regression.h). `heating` (degree days per day, or empty) adds a tap of heaters that follows the
// cold itself. With the terms chosen, it also measures the transformer's own loss share (own_loss_share,
// own_loss_se): the slope of the daily deficit on the daily `feed` (the balance meter's kWh per day), those
// terms held in.
void attribute_deficit(const std::vector<AlignedMeter>& meters, const std::vector<float>& unexplained,
                       const std::vector<float>& heating, std::size_t start, const BalanceConfig& config,
                       std::span<const float> feed, BalanceAnalysis& out);

// Heating degree days, max(0, base - temperature), for the `days` days from input.first_day; empty when the
// input has no temperatures or misses one for any day.
std::vector<float> heating_degree_days(const BalanceInput& input, std::size_t days,
                                       const BalanceConfig& config);

}  // namespace minewatch::detail
