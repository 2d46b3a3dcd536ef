// detect layer: the energy balance of one transformer. Per local day, what its balance meter measured minus
// what its customer meters reported, less the technical losses of the network, is energy nobody paid for: a
// tap before the meters, or a meter that under-reports. This module estimates the losses robustly, finds the
// day the deficit began, measures it, scores it, and names the meters whose drop explains it.
//
// Pure functions on day series; docs/balance.md gives the formulas and decision 0007 the choices.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "minewatch/core/timestamp.h"

namespace minewatch {

struct BalanceConfig {
  // Technical losses of a low-voltage network never exceed this share of the feed; a larger steady deficit
  // is unexplained energy even when it was there from the first day.
  float max_loss_share = 0.06f;
  // The deficit share must rise by at least this much (and by noise_multiple times its day-to-day noise) for
  // a day to count as the start of a deficit.
  float min_step_share = 0.01f;
  float noise_multiple = 4.0f;
  std::size_t min_segment_days = 3;
  // A day whose customer meters had to be filled in for more than this share of their energy is left out.
  float max_imputed_share = 0.2f;
  // The score is share / (share + score_half_share) of the unexplained share of the feed over the days used:
  // 0.5 at score_half_share, 0.75 at three times it, never saturating (docs/balance.md).
  float score_half_share = 0.02f;
  float flag_score = 0.5f;  // transformers scored at least this are flagged for inspection
  // The culprit is a meter to which the deficit's split (a small regression with positive coefficients of the
  // daily deficit on a tap's courses and each meter's ways to hide energy) gives at least culprit_min_share
  // of the deficit and more than the tap; otherwise `unmetered`.
  float culprit_min_share = 0.5f;
  float suspect_min_share = 0.05f;  // meters explaining less are not listed
  std::size_t max_suspects = 5;
  // The split takes the best subset of at most max_terms terms with positive coefficients among the
  // subset_pool candidates that explain most of the daily deficit alone; a subset one term larger is taken
  // while it removes at least min_term_gain more of the deficit's variance (32 chosen in session 9 from 12,
  // 16, 24, 32 and 48 on all four grids of docs/balance.md; 32 costs 0.15 s more on a grid of 229
  // transformers).
  std::size_t max_terms = 4;
  float min_term_gain = 0.05f;
  std::size_t subset_pool = 32;
  // A meter may hide a share of what it reports since the start only when its own level moved at the start by
  // more than this many times its day-to-day noise.
  float moved_noise_multiple = 3.0f;
  // ... and by at least this share of its own level before the start: a bypass hiding a tenth or more of a
  // steady load moves its meter by that much, a load that began with its bypass by far more; a flat load that
  // crept up 1% while a steady tap began beside it did not (seed 21's T000024, a server room named for a tap
  // of 4.5% of the feed).
  float moved_min_level_share = 0.1f;
  // A meter that fell at the start hides about what it lost: it may take the since-start share only when its
  // fall is at least this share of the deficit's rise (not a heater tap on a home that dipped with the
  // weather; 0.3 chosen on the development grid over 0.5 and 0.7, docs/balance.md).
  float fallen_min_rise_share = 0.3f;
  // Heating degree days below this daily mean temperature, the course a tap of heaters follows (18 degrees C,
  // the base of the usual degree-day tables, e.g. Eurostat's).
  float heating_base_c = 18.0f;
  // With no start in the data, or a deficit share before the start already at max_loss_share, the median
  // share takes a theft or tap older than the data for losses; the deficit and the score are then counted
  // after the feed's own measure, shrunk towards the network's typical share (tap_loss_share), when that is
  // lower by more than two standard errors (session 11, docs/balance.md).
  bool measure_old_deficits = true;
  // Losses follow the feed, a tap does not: each transformer's own loss share is measured as the slope of its
  // daily deficit on its daily feed (the split's terms held in). tap_share deducts it, shrunk towards the
  // network's typical loss share with this prior standard deviation (0.005 chosen over 0.01 and the measured
  // spread of the shares with all four grids of docs/balance.md in view). The typical share is the median
  // over the scan's transformers measured to within loss_prior_sd, when at least min_measured_transformers
  // are; otherwise typical_loss_share.
  float loss_prior_sd = 0.005f;
  std::size_t min_measured_transformers = 5;
  float typical_loss_share = 0.035f;
};

// One customer meter's daily kWh (NaN = missing or incomplete day), day 0 being `first_day`.
struct MeterDays {
  std::int64_t first_day = 0;
  std::span<const float> kwh;
};

struct BalanceInput {
  std::int64_t first_day = 0;
  std::span<const float> balance_kwh;  // the balance meter's kWh per local day, NaN = missing
  std::vector<MeterDays> meters;       // the transformer's customer meters
  // Daily mean temperature of the transformer's region, per day from first_day (NaN = unknown); empty without
  // a weather file. It lets the split offer a tap of heaters the course of the cold itself.
  std::span<const float> temperature_c;
};

// A meter to which the split of the deficit gives energy: it fell below its own level when the deficit rose,
// or it rose in proportion (it hides a share of what it draws).
struct BalanceSuspect {
  std::size_t meter = 0;       // index into BalanceInput::meters
  float share = 0;             // share of deficit_kwh the split gives the meter, 0..1
  float correlation = 0;       // |r| of its daily kWh with the daily deficit, over all days used
  float drop_kwh_per_day = 0;  // its mean fall across the start (negative: it rose); 0 with no start
};

struct BalanceAnalysis {
  std::size_t days = 0;           // days used: the balance present, the meters known well enough
  std::size_t days_left_out = 0;  // balance present but too many meter-days filled in
  std::size_t imputed_meter_days = 0;
  std::size_t silent_meters = 0;  // customer meters with no complete day at all (they count as 0 kWh)
  double balance_kwh = 0;         // over the days used
  double metered_kwh = 0;         // over the days used, missing meter-days filled in
  float raw_deficit_share = NAN;  // (balance - metered) / balance: the deficit before losses
  float loss_share = NAN;         // estimated technical losses as a share of the feed
  // With BalanceConfig::measure_old_deficits, no start in the data or the share before it at the cap: the
  // median may hold an old theft, and loss_share is the feed's own measure when that is lower.
  bool losses_measurable = false;
  bool losses_measured = false;  // loss_share is the feed's own measure, not the median before the start
  double loss_kwh = 0;
  double deficit_kwh = 0;           // unexplained energy: balance - metered - losses, over the days used
  float deficit_kwh_per_day = NAN;  // mean unexplained kWh a day since deficit_start (all days when none)
  float unexplained_share = NAN;    // that energy as a share of the feed over the same days
  float window_share = NAN;         // deficit_kwh / balance_kwh: the unexplained share over the days used
  float score = 0;                  // 0..1 of window_share, see BalanceConfig::score_half_share
  double meter_explained_kwh = 0;   // the part of deficit_kwh the split gives to customer meters
  // The transformer's own loss share, measured from how its deficit follows its feed day by day, and its
  // standard error (NaN when the split could not be fitted); tap_loss_share: the losses tap_share deducts,
  // that measure shrunk towards the network's typical share.
  float own_loss_share = NAN;
  float own_loss_se = NAN;
  float tap_loss_share = NAN;
  float tap_loss_se = NAN;  // its standard error: the own measure's and the prior's together
  float tap_share = NAN;    // raw_deficit_share less meter_explained_kwh / balance_kwh less tap_loss_share
  // The share of the deficit the meters explain, and the score of tap_share: energy taken before the meters
  // (a tap), or by a meter this analysis cannot single out.
  float metered_culprit_share = 0;
  float tap_score = 0;
  std::int64_t deficit_start = kNoDay;   // the local day the deficit rose, when it did inside the data
  std::vector<BalanceSuspect> suspects;  // best first
  bool culprit_is_meter = false;         // suspects[0] is the culprit (BalanceConfig::culprit_min_share)
  // The naive baseline: the meter whose mean daily kWh fell most from the first half of the days to the
  // second (SIZE_MAX when none fell).
  std::size_t largest_drop_meter = SIZE_MAX;
  std::vector<float> unexplained;  // per day from first_day: unexplained kWh, NaN on days not used
};

// Analyses one transformer; its tap_share deducts losses shrunk towards `typical_loss_share` (NaN:
// config.typical_loss_share), and so do its losses when they are measured
// (BalanceConfig::measure_old_deficits). A scan analyses again, with the network's typical share, the
// transformers whose losses were measured, and sets the others' tap share with set_tap_share.
BalanceAnalysis analyse_transformer_balance(const BalanceInput& input, const BalanceConfig& config,
                                            float typical_loss_share = NAN);

// The network's typical loss share: the median own_loss_share of the analyses measured to within
// config.loss_prior_sd (and plausible, between 0 and max_loss_share); NaN when fewer than
// config.min_measured_transformers are.
float network_loss_share(std::span<const BalanceAnalysis* const> analyses, const BalanceConfig& config);

// Sets tap_loss_share, tap_share and tap_score of `a` given the network's typical loss share.
void set_tap_share(BalanceAnalysis& a, float typical_loss_share, const BalanceConfig& config);

// The score of a share of the feed: share / (share + score_half_share), 0 at or below 0; exposed for the
// documentation's table and the tests.
float balance_score(float share, const BalanceConfig& config);

}  // namespace minewatch
