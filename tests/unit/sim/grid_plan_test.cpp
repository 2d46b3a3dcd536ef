// The grid plan, statistically: class shares, the share of registered mining sites, site sizes, valid
// taxpayer numbers, and that the plan depends on the seed alone.
#include "minewatch/sim/grid_plan.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "minewatch/sim/static_outputs.h"
#include "sim_test_support.h"

namespace minewatch::sim {
namespace {

constexpr std::uint32_t kMeters = 100000;

const GridPlan& big_plan() {
  static const GridPlan plan = plan_grid(default_sim_config(), {2025, kMeters, 20089, 90});
  return plan;
}

bool valid_taxpayer_id(const std::string& id) {
  auto check = [&](std::initializer_list<int> weights) {
    int sum = 0;
    std::size_t i = 0;
    for (int w : weights) sum += w * (id[i++] - '0');
    return sum % 11 % 10;
  };
  if (id.size() == 10) return check({2, 4, 10, 3, 5, 9, 4, 6, 8}) == id[9] - '0';
  if (id.size() == 12)
    return check({7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == id[10] - '0' &&
           check({3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == id[11] - '0';
  return false;
}

TEST(GridPlan, TransformersHoldContiguousMetersOfOneRegion) {
  const GridPlan& plan = big_plan();
  const SimConfig c = default_sim_config();
  std::uint32_t next = 0;
  for (std::size_t t = 0; t < plan.transformers.size(); ++t) {
    const TransformerPlan& tp = plan.transformers[t];
    ASSERT_EQ(tp.first_meter, next);
    next += tp.meter_count;
    if (!tp.industrial && next < kMeters) {
      EXPECT_GE(tp.meter_count, c.grid.meters_per_transformer.lo);
      EXPECT_LE(tp.meter_count, c.grid.meters_per_transformer.hi);
    }
    for (std::uint32_t m = tp.first_meter; m < next; ++m) {
      ASSERT_EQ(plan.meters[m].transformer, t);
      ASSERT_EQ(plan.meters[m].region, tp.region);
    }
  }
  EXPECT_EQ(next, kMeters);
}

TEST(GridPlan, ClassSharesFollowTheConfig) {
  const GridPlan& plan = big_plan();
  std::map<MeterClass, double> count;
  double residential = 0;
  for (const auto& m : plan.meters) {
    if (plan.transformers[m.transformer].industrial) continue;
    ++residential;
    ++count[m.cls];
  }
  const ClassShares k = default_sim_config().classes;
  // Binomial spread: within four standard deviations.
  auto near_share = [&](MeterClass cls, double p) {
    const double sd = std::sqrt(p * (1 - p) / residential);
    EXPECT_NEAR(count[cls] / residential, p, 4 * sd + 1e-4) << class_name(cls);
  };
  near_share(MeterClass::business, k.business);
  near_share(MeterClass::household_electric, k.household_electric);
  near_share(MeterClass::cold_store, k.cold_store);
  near_share(MeterClass::server_room, k.server_room);
  EXPECT_GT(count[MeterClass::household] / residential, 0.75);
  std::map<MeterClass, int> all;
  for (const auto& m : plan.meters) ++all[m.cls];
  for (std::size_t c = 0; c < kMeterClassCount; ++c) {
    const auto cls = static_cast<MeterClass>(c);
    if (cls != MeterClass::mining_aidc) {  // a hidden hall is a chance per AI centre
      EXPECT_GT(all[cls], 0) << class_name(cls);
    }
  }
}

TEST(GridPlan, AboutThirtyPercentOfMiningSitesRegister) {
  const GridPlan& plan = big_plan();
  const SimConfig c = default_sim_config();
  double sites = 0, registered = 0;
  for (const auto& s : plan.sites) {
    if (s.cls == MeterClass::ai_datacentre) continue;
    const RegionConfig& region = c.regions[plan.meters[s.first_meter].region];
    if (region.ban == "all_year") {
      EXPECT_FALSE(s.registered) << "nobody registers where mining is banned";
      continue;
    }
    ++sites;
    registered += s.registered ? 1 : 0;
    if (s.registered) {
      EXPECT_TRUE(valid_taxpayer_id(s.taxpayer)) << s.taxpayer;
      EXPECT_EQ(s.taxpayer.size(), s.cls == MeterClass::mining_industrial ? 10u : 12u);
    }
  }
  ASSERT_GT(sites, 1000);
  const double p = c.mining.registered_share;
  EXPECT_NEAR(registered / sites, p, 4 * std::sqrt(p * (1 - p) / sites));
  for (const auto& m : plan.meters)
    if (m.cls == MeterClass::mining_aidc) {
      EXPECT_FALSE(m.mining.registered);
    }
}

TEST(GridPlan, MiningSitesHaveTheirScale) {
  const GridPlan& plan = big_plan();
  const SimConfig c = default_sim_config();
  std::set<Disguise> disguises;
  for (const auto& s : plan.sites) {
    if (s.cls == MeterClass::ai_datacentre) continue;
    double kw = 0;
    std::uint32_t rigs = 0;
    for (std::uint32_t i = s.first_meter; i < s.first_meter + s.meter_count; ++i) {
      const MeterPlan& m = plan.meters[i];
      ASSERT_EQ(m.cls, s.cls);
      ASSERT_EQ(m.site, s.number);
      kw += m.mining.kw;
      rigs += m.mining.rig_count;
      disguises.insert(m.mining.disguise);
    }
    const RigConfig& rig = c.mining.rigs[plan.meters[s.first_meter].mining.rig_model];
    const Disguise d = plan.meters[s.first_meter].mining.disguise;
    switch (s.cls) {
      case MeterClass::mining_home:
        if (d != Disguise::capped) {
          EXPECT_GE(rigs, 1u);
          EXPECT_LE(rigs, 15u);
          EXPECT_NEAR(kw, rigs * rig.kw, 1e-6);
        } else {
          EXPECT_LT(kw * 24 * 30.4, c.mining.cap_kwh_per_month);  // capped under an individual's limit
        }
        break;
      case MeterClass::mining_garage:
        EXPECT_GE(kw, 0.6 * (c.mining.garage_kw.lo - rig.kw));
        EXPECT_LE(kw, c.mining.garage_kw.hi + rig.kw);
        break;
      case MeterClass::mining_industrial:
        EXPECT_GE(kw, c.mining.industrial_kw.lo - rig.kw);
        EXPECT_LE(kw, c.mining.industrial_kw.hi + rig.kw);
        EXPECT_DOUBLE_EQ(rig.industrial > 0 ? 1 : 0, 1);
        break;
      default:
        ADD_FAILURE() << "unexpected site class " << class_name(s.cls);
    }
  }
  EXPECT_EQ(disguises.size(), kDisguiseCount) << "every disguise occurs in a large grid";
}

TEST(GridPlan, ThievesAndTapsOccurAtTheirRates) {
  const GridPlan& plan = big_plan();
  const SimConfig c = default_sim_config();
  double customers = 0, thieves = 0, magnets = 0;
  for (const auto& m : plan.meters) {
    if (m.cls != MeterClass::household && m.cls != MeterClass::business) continue;
    ++customers;
    thieves += m.theft.type != TheftType::none ? 1 : 0;
    magnets += m.theft.tamper == Tamper::magnetic_field ? 1 : 0;
    if (m.theft.tamper == Tamper::magnetic_field) {
      EXPECT_EQ(m.theft.type, TheftType::h1);
    }
  }
  const double p = c.theft.share;
  EXPECT_NEAR(thieves / customers, p, 4 * std::sqrt(p * (1 - p) / customers));
  EXPECT_GT(magnets, 0);
  double taps = 0, residential = 0;
  for (const auto& t : plan.transformers) {
    if (t.industrial) continue;
    ++residential;
    taps += t.tap != TapKind::none ? 1 : 0;
  }
  EXPECT_NEAR(taps / residential, c.grid.tap_share, 4 * std::sqrt(c.grid.tap_share / residential));
}

TEST(GridPlan, DependsOnTheSeedOnly) {
  const SimConfig c = default_sim_config();
  const GridPlan a = plan_grid(c, {5, 3000, 20089, 30});
  const GridPlan b = plan_grid(c, {5, 3000, 20089, 30});
  const GridPlan other = plan_grid(c, {6, 3000, 20089, 30});
  EXPECT_EQ(meters_csv(c, a), meters_csv(c, b));
  EXPECT_EQ(registry_csv(c, a, 5, 20089), registry_csv(c, b, 5, 20089));
  EXPECT_NE(meters_csv(c, a), meters_csv(c, other));
}

TEST(GridPlan, IdsAndSubscribersAreUnique) {
  const GridPlan& plan = big_plan();
  std::set<std::uint32_t> subscribers;
  for (const auto& m : plan.meters) subscribers.insert(m.subscriber);
  EXPECT_EQ(subscribers.size(), plan.meters.size());
  EXPECT_EQ(meter_id(0), "M0000001");
  EXPECT_EQ(transformer_id(41), "T000042");
  EXPECT_EQ(subscriber_id(123), "S00000123");
}

}  // namespace
}  // namespace minewatch::sim
