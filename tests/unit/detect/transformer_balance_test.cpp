// The transformer balance detector on small hand-made grids: a tap that starts mid-period is flagged and
// dated, technical losses alone are not, the meter whose drop matches the deficit is ranked first, and
// missing meter-days are filled in (or the day left out) rather than read as theft.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "minewatch/detect/transformer_balance.h"

namespace minewatch {
namespace {

constexpr std::int64_t kFirstDay = 20089;  // 2025-01-01
constexpr std::size_t kDays = 60;
constexpr std::size_t kMeters = 10;

// Ten households whose daily kWh wander (weather, weekends), each in its own rhythm.
std::vector<std::vector<float>> households() {
  std::vector<std::vector<float>> m(kMeters, std::vector<float>(kDays));
  for (std::size_t i = 0; i < kMeters; ++i)
    for (std::size_t d = 0; d < kDays; ++d)
      m[i][d] = static_cast<float>(8.0 + static_cast<double>(i) +
                                   2.5 * std::sin(0.7 * static_cast<double>(d) + static_cast<double>(i)) +
                                   (d % 7 >= 5 ? 1.5 : 0.0));
  return m;
}

// The feed: what the premises really drew, plus a tap, with losses of `loss` of the energy delivered.
std::vector<float> feed(const std::vector<std::vector<float>>& truth, double loss,
                        const std::vector<float>& tap = {}) {
  std::vector<float> b(kDays, 0.0f);
  for (std::size_t d = 0; d < kDays; ++d) {
    double sum = tap.empty() ? 0.0 : tap[d];
    for (const auto& m : truth) sum += m[d];
    b[d] = static_cast<float>(sum * (1.0 + loss));
  }
  return b;
}

// A farm on meter `m` from day `on`: `kwh` a day, `dip` less on every day d with d % period == phase (so the
// deficit has a course of its own), and from day `bypass` on its meter shows only `shown` of it.
struct Farm {
  std::size_t m, on;
  float kwh, dip;
  std::size_t period, phase, bypass;
  float shown;
};

void add_farm(std::vector<std::vector<float>>& truth, std::vector<std::vector<float>>& reported,
              const Farm& f) {
  for (std::size_t d = f.on; d < kDays; ++d) {
    const float draw = f.kwh - (d % f.period == f.phase ? f.dip : 0.0f);
    truth[f.m][d] += draw;
    reported[f.m][d] += d >= f.bypass ? f.shown * draw : draw;
  }
}

struct Grid {
  std::vector<float> balance;
  std::vector<std::vector<float>> reported;
  std::vector<float> temperature_c = {};
  BalanceAnalysis run(const BalanceConfig& config = {}, float typical_loss_share = NAN) const {
    BalanceInput input;
    input.first_day = kFirstDay;
    input.balance_kwh = balance;
    input.temperature_c = temperature_c;
    for (const auto& m : reported) input.meters.push_back({kFirstDay, m});
    return analyse_transformer_balance(input, config, typical_loss_share);
  }
};

TEST(TransformerBalance, LossesAloneAreNotFlagged) {
  Grid g{feed(households(), 0.04), households()};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.days, kDays);
  EXPECT_NEAR(a.loss_share, 0.04 / 1.04, 1e-3);
  EXPECT_NEAR(a.deficit_kwh, 0.0, 0.01 * a.balance_kwh);
  EXPECT_LT(a.score, 0.1f);
  EXPECT_EQ(a.deficit_start, kNoDay);
  EXPECT_TRUE(a.suspects.empty());
}

TEST(TransformerBalance, TapStartingMidPeriodIsFlaggedAndDated) {
  std::vector<float> tap(kDays, 0.0f);
  for (std::size_t d = 30; d < kDays; ++d) tap[d] = 24.0f;  // 1 kW before the meters from day 30
  Grid g{feed(households(), 0.03, tap), households()};
  const BalanceAnalysis a = g.run();
  EXPECT_GE(a.score, 0.75f);        // half the window at about 6% of the feed: 3% of the window's feed
  EXPECT_GE(a.tap_score, a.score);  // nothing explained by a meter
  EXPECT_NEAR(a.tap_loss_share, 0.03 / 1.03, 2e-3);
  EXPECT_NEAR(a.meter_explained_kwh, 0.0, 0.05 * a.deficit_kwh);
  EXPECT_EQ(a.deficit_start, kFirstDay + 30);
  EXPECT_NEAR(a.loss_share, 0.03 / 1.03, 2e-3);  // estimated on the days before the tap
  EXPECT_NEAR(a.deficit_kwh_per_day, 24.0 * 1.03, 1.5);
  EXPECT_FALSE(a.culprit_is_meter);  // no meter moved: energy taken before the meters
}

TEST(TransformerBalance, SteadyDeficitAboveAnyLossesIsFlaggedWithoutAStart) {
  std::vector<float> tap(kDays, 20.0f);  // a tap older than the data
  Grid g{feed(households(), 0.03, tap), households()};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.deficit_start, kNoDay);
  // The median share of all days holds the tap: the losses are the feed's own measure, 3% of the energy
  // delivered (the median alone would take them at the cap, and the deficit would shrink by 3 points).
  EXPECT_TRUE(a.losses_measured);
  EXPECT_NEAR(a.loss_share, 0.03 / 1.03, 2e-3);
  EXPECT_NEAR(a.deficit_kwh_per_day, 20.0 * 1.03, 2.0);
  EXPECT_GE(a.score, 0.75f);
  BalanceConfig median_only;
  median_only.measure_old_deficits = false;
  const BalanceAnalysis b = g.run(median_only);
  EXPECT_FALSE(b.losses_measured);
  EXPECT_FLOAT_EQ(b.loss_share, median_only.max_loss_share);
  EXPECT_GE(b.score, 0.5f);
  EXPECT_LT(b.score, a.score);
}

TEST(TransformerBalance, MeterWhoseDropMatchesTheDeficitIsRankedFirst) {
  const auto truth = households();
  auto reported = truth;
  for (std::size_t d = 25; d < kDays; ++d) reported[6][d] = 0.2f * truth[6][d];  // h1 from day 25
  Grid g{feed(truth, 0.03), reported};
  const BalanceAnalysis a = g.run();
  EXPECT_GE(a.score, 0.5f);
  EXPECT_EQ(a.deficit_start, kFirstDay + 25);
  ASSERT_FALSE(a.suspects.empty());
  EXPECT_EQ(a.suspects[0].meter, 6u);
  EXPECT_GT(a.suspects[0].share, 0.8f);
  EXPECT_GT(a.suspects[0].drop_kwh_per_day, 0.0f);
  EXPECT_TRUE(a.culprit_is_meter);
  EXPECT_LT(a.tap_share, 0.5f * a.raw_deficit_share);  // explained by a meter, not a tap
}

TEST(TransformerBalance, MeterShowingPartOfANewLoadIsRankedFirst) {
  // A farm starts on meter 2 and is wired so that its meter shows only a quarter of it.
  auto truth = households();
  auto reported = truth;
  for (std::size_t d = 20; d < kDays; ++d) {
    const float rig = 60.0f + (d % 5 == 0 ? -20.0f : 0.0f);  // outages now and then
    truth[2][d] += rig;
    reported[2][d] += 0.25f * rig;
  }
  Grid g{feed(truth, 0.03), reported};
  const BalanceAnalysis a = g.run();
  ASSERT_FALSE(a.suspects.empty());
  EXPECT_EQ(a.suspects[0].meter, 2u);
  EXPECT_LT(a.suspects[0].drop_kwh_per_day, 0.0f);  // its reported energy rose with the deficit
  EXPECT_TRUE(a.culprit_is_meter);
}

TEST(TransformerBalance, MissingMeterDaysAreFilledNotReadAsTheft) {
  auto reported = households();
  for (std::size_t d = 10; d < 13; ++d) reported[3][d] = NAN;  // a comms gap of three days
  Grid g{feed(households(), 0.04), reported};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.imputed_meter_days, 3u);
  EXPECT_EQ(a.days, kDays);
  EXPECT_LT(a.score, 0.1f);
}

TEST(TransformerBalance, DaysWithTooManyMeterDaysMissingAreLeftOut) {
  auto reported = households();
  for (std::size_t i = 0; i < 5; ++i) reported[i][40] = NAN;  // half the meters silent on one day
  std::vector<float> balance = feed(households(), 0.04);
  balance[50] = NAN;  // and the balance meter on another
  Grid g{balance, reported};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.days, kDays - 2);
  EXPECT_EQ(a.days_left_out, 1u);
  EXPECT_TRUE(std::isnan(a.unexplained[40]));
  EXPECT_LT(a.score, 0.1f);
}

TEST(TransformerBalance, SilentMeterCountsAsZero) {
  auto reported = households();
  reported[9].assign(kDays, NAN);
  Grid g{feed(households(), 0.03), reported};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.silent_meters, 1u);
  EXPECT_GE(a.score, 0.5f);  // its whole consumption is unaccounted for
}

TEST(TransformerBalance, ScoreIsHalfAtTheConfiguredShare) {
  const BalanceConfig c;
  EXPECT_NEAR(balance_score(c.score_half_share, c), 0.5f, 1e-6);
  EXPECT_EQ(balance_score(0.0f, c), 0.0f);
  EXPECT_NEAR(balance_score(3 * c.score_half_share, c), 0.75f, 1e-6);
  EXPECT_LT(balance_score(0.30f, c), balance_score(0.35f, c));  // no saturation: large deficits still rank
  EXPECT_EQ(balance_score(NAN, c), 0.0f);
}

TEST(TransformerBalance, LateDeficitRanksBelowOneThatRanForMonths) {
  // The same 2 kW tap, from day 10 on one transformer and from day 55 on the other: the score counts energy.
  std::vector<float> long_tap(kDays, 0.0f), late_tap(kDays, 0.0f);
  for (std::size_t d = 10; d < kDays; ++d) long_tap[d] = 48.0f;
  for (std::size_t d = 55; d < kDays; ++d) late_tap[d] = 48.0f;
  const BalanceAnalysis long_one = Grid{feed(households(), 0.03, long_tap), households()}.run();
  const BalanceAnalysis late_one = Grid{feed(households(), 0.03, late_tap), households()}.run();
  EXPECT_GT(long_one.score, late_one.score);
  EXPECT_GT(long_one.tap_score, late_one.tap_score);
  EXPECT_NEAR(long_one.window_share, 50.0 * 48.0 * 1.03 / long_one.balance_kwh, 0.01);
}

TEST(TransformerBalance, OfTwoFarmsStartingTogetherTheLargerHiderIsFirst) {
  // Two rigs switched on the same day on meters 1 and 4, outages on their own days; meter 4 hides more.
  auto truth = households();
  auto reported = truth;
  for (std::size_t d = 20; d < kDays; ++d) {
    const float rig1 = 40.0f + (d % 6 == 0 ? -25.0f : 0.0f);
    const float rig4 = 60.0f + (d % 5 == 2 ? -40.0f : 0.0f);
    truth[1][d] += rig1;
    reported[1][d] += 0.7f * rig1;
    truth[4][d] += rig4;
    reported[4][d] += 0.3f * rig4;
  }
  Grid g{feed(truth, 0.03), reported};
  const BalanceAnalysis a = g.run();
  ASSERT_GE(a.suspects.size(), 1u);
  EXPECT_EQ(a.suspects[0].meter, 4u);
  EXPECT_TRUE(a.culprit_is_meter);
  EXPECT_LT(a.tap_share, 0.5f * a.raw_deficit_share);
}

TEST(TransformerBalance, SteadyTapIsNotPinnedOnAFlatLoadThatCreptUpWithIt) {
  // Rigs tapped before the meters from day 30 draw 300 kWh a day, 120 less on the days they stop for an hour
  // or so (every fifth day). A server room beside them, its load easing from 510 to 500 kWh a day, draws 520
  // from day 30, cooling the rigs' heat as well, 4 kWh less on their off days. Its rise stands out of its
  // small noise and its course after the start follows the deficit's a little better than a constant does,
  // but no bypass leaves a meter showing 4% more while 300 kWh a day go missing (seed 21's T000024, a server
  // room named for a tap of 4.5% of the feed).
  auto truth = households();
  std::vector<float> room(kDays), tap(kDays, 0.0f);
  for (std::size_t d = 0; d < kDays; ++d) {
    const bool off = d % 5 == 0;
    room[d] = d < 30 ? 510.0f - static_cast<float>(d) / 3.0f : (off ? 516.0f : 520.0f);
    if (d >= 30) tap[d] = off ? 180.0f : 300.0f;
  }
  truth.push_back(room);
  Grid g{feed(truth, 0.03, tap), truth};
  const BalanceAnalysis a = g.run();
  EXPECT_GE(a.score, 0.5f);
  EXPECT_EQ(a.deficit_start, kFirstDay + 30);
  EXPECT_FALSE(a.culprit_is_meter);
  EXPECT_GE(a.tap_score, 0.5f);
  // Without the rule the room's since-start share takes the deficit.
  BalanceConfig no_rule;
  no_rule.moved_min_level_share = 0.0f;
  const BalanceAnalysis b = g.run(no_rule);
  EXPECT_TRUE(b.culprit_is_meter);
  EXPECT_LT(b.tap_score, 0.5f);
}

TEST(TransformerBalance, HeaterTapIsNotPinnedOnAHeatedHomeThatFellWithTheWeather) {
  // Heaters tapped before the meters from day 30 follow the cold, as meter 3's electric heating does; the
  // weather turned milder then, so meter 3 fell a little at the start while the deficit rose far more.
  // (A behaviour pin: this small grid passes with and without BalanceConfig::fallen_min_rise_share; the
  // rule's effect was measured on the simulated grids, docs/balance.md.)
  std::vector<float> cold(kDays), tap(kDays, 0.0f);
  for (std::size_t d = 0; d < kDays; ++d)
    cold[d] = static_cast<float>((d < 30 ? 1.0 : 0.6) + 0.3 * std::sin(0.9 * static_cast<double>(d)));
  auto truth = households();
  for (std::size_t d = 0; d < kDays; ++d) truth[3][d] += 20.0f * cold[d];
  for (std::size_t d = 30; d < kDays; ++d) tap[d] = 150.0f * cold[d];
  Grid g{feed(truth, 0.03, tap), truth};
  const BalanceAnalysis a = g.run();
  EXPECT_GE(a.score, 0.5f);
  EXPECT_EQ(a.deficit_start, kFirstDay + 30);
  EXPECT_FALSE(a.culprit_is_meter);  // no meter hides many times its own fall
}

TEST(TransformerBalance, ATheftThatBeganBeforeTheDeficitsLargestRiseIsStillNamed) {
  // Meter 5's farm starts on day 8 and bypasses its meter from day 20 (it fell from its rigs' level, not from
  // its level before the farm); meter 8, a farm older than the data, bypasses more a day but only from day
  // 45, so the deficit's largest rise (its start) is day 45 and the theft of day 20 hides the most energy.
  auto truth = households();
  auto reported = truth;
  add_farm(truth, reported,
           {.m = 8, .on = 0, .kwh = 90, .dip = 30, .period = 6, .phase = 1, .bypass = 45, .shown = 0.35f});
  add_farm(truth, reported,
           {.m = 5, .on = 8, .kwh = 60, .dip = 25, .period = 5, .phase = 3, .bypass = 20, .shown = 0.5f});
  Grid g{feed(truth, 0.03), reported};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.deficit_start, kFirstDay + 45);
  ASSERT_GE(a.suspects.size(), 1u);
  EXPECT_EQ(a.suspects[0].meter, 5u);
  EXPECT_TRUE(a.culprit_is_meter);
  // Meter 8 is not listed since session 9: the best-subset split fits this deficit better with the tap's
  // course of the whole load since the start than with meter 8's share (the losses, taken before the start,
  // are inflated by meter 5's theft of days 20-44). A known limit (docs/balance.md, session 9); the greedy
  // split named meter 8 second.
}

// Two farms bypass their meters from days 14 and 42, while a third, honest farm grows in a staircase close to
// both steps: alone it explains more of the deficit than either thief, and a greedy split named it (seed 13,
// T000196). The best subset names the two thieves.
TEST(TransformerBalance, TwoThievesAreNamedOverAnHonestFarmGrowingWithTheDeficit) {
  auto truth = households();
  auto reported = truth;
  add_farm(truth, reported,
           {.m = 2, .on = 0, .kwh = 100, .dip = 40, .period = 7, .phase = 4, .bypass = 14, .shown = 0.5f});
  add_farm(truth, reported,
           {.m = 6, .on = 0, .kwh = 60, .dip = 20, .period = 9, .phase = 2, .bypass = 42, .shown = 0.5f});
  for (std::size_t d = 12; d < kDays; ++d) {  // the honest farm's staircase
    truth[9][d] += d >= 40 ? 85.0f : 52.0f;
    reported[9][d] += d >= 40 ? 85.0f : 52.0f;
  }
  Grid g{feed(truth, 0.03), reported};
  const BalanceAnalysis a = g.run();
  ASSERT_GE(a.suspects.size(), 2u);
  EXPECT_EQ(a.suspects[0].meter, 2u);
  EXPECT_EQ(a.suspects[1].meter, 6u);
  for (const BalanceSuspect& s : a.suspects) EXPECT_NE(s.meter, 9u);
  EXPECT_TRUE(a.culprit_is_meter);
}

TEST(TransformerBalance, HeaterTapOlderThanTheDataFollowsTheColdNotAHeatedHome) {
  // Heaters tapped before the data began draw with the cold; meter 3 heats electrically too, on top of its
  // own wandering load. Given the region's temperatures, the split gives the deficit to the tap, not the
  // home.
  std::vector<float> temperature(kDays), tap(kDays);
  auto truth = households();
  for (std::size_t d = 0; d < kDays; ++d) {
    temperature[d] = static_cast<float>(-8.0 + 6.0 * std::sin(0.37 * static_cast<double>(d)) +
                                        0.1 * static_cast<double>(d));
    const float cold = 18.0f - temperature[d];
    truth[3][d] += 1.5f * cold;
    tap[d] = 8.0f * cold;
  }
  Grid g{feed(truth, 0.03, tap), truth, temperature};
  const BalanceAnalysis a = g.run();
  EXPECT_GE(a.score, 0.5f);
  EXPECT_FALSE(a.culprit_is_meter);
  EXPECT_LT(a.meter_explained_kwh, 0.2 * a.deficit_kwh);
  // Without temperatures the home's heating is the closest course the split is offered.
  Grid without = g;
  without.temperature_c.clear();
  const BalanceAnalysis b = without.run();
  ASSERT_FALSE(b.suspects.empty());
  EXPECT_EQ(b.suspects[0].meter, 3u);
}

// Losses follow the feed, a tap of rigs does not: a small tap older than the data, within what a network
// loses anyway, is told from the losses by the feed's own course (weekends, weather).
TEST(TransformerBalance, OwnLossesAreMeasuredFromHowTheDeficitFollowsTheFeed) {
  const std::vector<float> tap(kDays, 2.4f);  // 0.1 kW on every day: about 2% of the feed
  Grid g{feed(households(), 0.04, tap), households()};
  const BalanceAnalysis a = g.run();
  EXPECT_EQ(a.deficit_start, kNoDay);
  EXPECT_NEAR(a.own_loss_share, 0.04 / 1.04, 1e-3);
  EXPECT_LT(a.own_loss_se, 1e-3f);
  double tap_kwh = 0;
  for (float t : tap) tap_kwh += t;
  EXPECT_NEAR(a.tap_share, tap_kwh / a.balance_kwh, 2e-3);
  EXPECT_GT(a.tap_share, 0.015f);

  // Without the tap nothing is left for one.
  Grid honest{feed(households(), 0.04), households()};
  EXPECT_NEAR(honest.run().tap_share, 0.0f, 2e-3);
}

TEST(TransformerBalance, AFeedThatNeverVariesMeasuresNoLossesTheTypicalShareIsDeducted) {
  const std::vector<std::vector<float>> flat(kMeters, std::vector<float>(kDays, 10.0f));
  Grid g{feed(flat, 0.04), flat};
  BalanceConfig config;
  const BalanceAnalysis a = g.run(config);
  EXPECT_TRUE(std::isnan(a.own_loss_share));
  EXPECT_FLOAT_EQ(a.tap_loss_share, config.typical_loss_share);
  EXPECT_NEAR(a.tap_share, 0.04 / 1.04 - config.typical_loss_share, 1e-4);
}

TEST(TransformerBalance, AnOldDeficitOnAFlatFeedIsCountedAfterTheNetworksTypicalLosses) {
  // Ten flat meters and a tap older than the data taking 6 kWh a day: 8.4% of the feed is unaccounted for,
  // the median share of all days is capped at 6%, and a flat feed measures no losses of its own, so the
  // deficit is counted after the network's typical share, the one the scan passes once it knows it.
  const std::vector<std::vector<float>> flat(kMeters, std::vector<float>(kDays, 10.0f));
  Grid g{feed(flat, 0.03, std::vector<float>(kDays, 6.0f)), flat};
  for (const float typical : {0.02f, 0.035f}) {
    const BalanceAnalysis a = g.run({}, typical);
    EXPECT_TRUE(a.losses_measurable);
    EXPECT_TRUE(a.losses_measured);
    EXPECT_FLOAT_EQ(a.loss_share, typical);
    EXPECT_NEAR(a.window_share, a.raw_deficit_share - typical, 1e-4);
  }
  // A typical share within two standard errors (2 x 0.005) of the capped median leaves the cap.
  const BalanceAnalysis near = g.run({}, 0.055f);
  EXPECT_FALSE(near.losses_measured);
  EXPECT_FLOAT_EQ(near.loss_share, BalanceConfig{}.max_loss_share);
}

BalanceAnalysis measured(float own, float se) {
  BalanceAnalysis a;
  a.own_loss_share = own;
  a.own_loss_se = se;
  a.days = 30;
  a.raw_deficit_share = 0.05f;
  a.balance_kwh = 1000;
  return a;
}

TEST(TransformerBalance, NetworkLossShareIsTheMedianOfTheWellMeasured) {
  const BalanceConfig config;
  std::vector<BalanceAnalysis> all = {measured(0.02f, 0.001f), measured(0.03f, 0.002f),
                                      measured(0.04f, 0.001f), measured(0.05f, 0.004f)};
  std::vector<const BalanceAnalysis*> ptrs;
  for (const auto& a : all) ptrs.push_back(&a);
  EXPECT_TRUE(std::isnan(network_loss_share(ptrs, config)));  // four measured, five needed
  all.push_back(measured(0.01f, 0.02f));                      // too uncertain
  all.push_back(measured(0.30f, 0.001f));                     // not losses
  all.push_back(measured(NAN, NAN));
  all.push_back(measured(0.045f, 0.0f));
  ptrs.clear();
  for (const auto& a : all) ptrs.push_back(&a);
  EXPECT_FLOAT_EQ(network_loss_share(ptrs, config), 0.04f);
}

TEST(TransformerBalance, TapLossesShrinkTowardsTheNetworkByPrecision) {
  const BalanceConfig config;  // prior standard deviation 0.005
  BalanceAnalysis precise = measured(0.02f, 0.0005f);
  set_tap_share(precise, 0.04f, config);
  EXPECT_NEAR(precise.tap_loss_share, 0.02f, 0.001f);
  EXPECT_NEAR(precise.tap_share, 0.05f - precise.tap_loss_share, 1e-6f);
  BalanceAnalysis vague = measured(0.02f, 0.05f);
  set_tap_share(vague, 0.04f, config);
  EXPECT_NEAR(vague.tap_loss_share, 0.04f, 0.001f);
  BalanceAnalysis equal = measured(0.02f, 0.005f);
  set_tap_share(equal, 0.04f, config);
  EXPECT_NEAR(equal.tap_loss_share, 0.03f, 1e-4f);
  // A deficit that follows the feed far beyond any network's losses is a wrong fit, not losses.
  BalanceAnalysis implausible = measured(0.6f, 0.05f);
  set_tap_share(implausible, 0.04f, config);
  EXPECT_FLOAT_EQ(implausible.tap_loss_share, 0.04f);
  // A transformer with no day used has no tap to score.
  BalanceAnalysis empty;
  set_tap_share(empty, 0.04f, config);
  EXPECT_TRUE(std::isnan(empty.tap_share));
  EXPECT_EQ(empty.tap_score, 0.0f);
}

}  // namespace
}  // namespace minewatch
