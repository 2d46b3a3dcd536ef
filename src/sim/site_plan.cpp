// Planning mining sites, AI data centres and thefts (declared in plan_detail.h).
#include <algorithm>
#include <array>
#include <cmath>

#include "minewatch/sim/calendar.h"
#include "plan_detail.h"

namespace minewatch::sim::detail {
namespace {

enum class Scale { home, garage, industrial };

std::uint32_t pick_rig(Rng& rng, const std::vector<RigConfig>& rigs, Scale scale) {
  std::vector<double> w;
  w.reserve(rigs.size());
  for (const auto& rig : rigs)
    w.push_back(scale == Scale::home ? rig.home : scale == Scale::garage ? rig.garage : rig.industrial);
  return static_cast<std::uint32_t>(pick_weighted(rng, w.data(), w.size()));
}

// Draws the timeline shared by all meters of a site: start, stop, growth, registration, behaviours.
MiningPlan draw_timeline(PlanContext& ctx, const RegionConfig& region, bool can_register) {
  const MiningConfig& mc = ctx.config.mining;
  Rng& rng = ctx.rng;
  MiningPlan p;
  p.start_day = draw_start_day(ctx, mc.started_before_share, 720);
  p.start_hour = rng.uniform(8.0, 22.0);  // people switch rigs on while awake
  const int last = ctx.window.days - 1;
  if (rng.chance(mc.stopped_share) && std::max(p.start_day + 1, 1) <= last)
    p.end_day = rng.integer(std::max(p.start_day + 1, 1), last);
  p.growth_steps = static_cast<std::uint8_t>(integer_in(rng, mc.growth_steps));
  p.initial_fraction = p.growth_steps > 0 ? rng.uniform(mc.initial_fraction.lo, mc.initial_fraction.hi) : 1.0;
  // Nobody may mine in an all-year ban region, so nobody there registers.
  p.registered = can_register && region.ban != "all_year" && rng.chance(mc.registered_share);
  p.law_abiding = rng.chance(mc.law_abiding_share);
  return p;
}

SitePlan new_site(PlanContext& ctx, MeterClass cls, std::uint32_t first, std::uint32_t count,
                  const MiningPlan& m) {
  SitePlan site;
  site.number = static_cast<std::uint32_t>(ctx.plan.sites.size() + 1);
  site.cls = cls;
  site.first_meter = first;
  site.meter_count = count;
  site.registered = m.registered;
  if (m.registered) {
    site.taxpayer = make_taxpayer_id(ctx.rng, cls != MeterClass::mining_industrial);
    std::int64_t law = 0;
    parse_date(ctx.config.policy.register_from, law);
    // Sites that ran before the law register within a few months of it; new ones around their start.
    const std::int64_t start = ctx.window.first_day + m.start_day;
    site.registered_from = std::max(law + ctx.rng.integer(0, 90), start - ctx.rng.integer(0, 30));
  }
  return site;
}

void assign_share(MeterPlan& meter, const MiningPlan& site, std::uint32_t site_number, double kw,
                  std::uint32_t rig_count) {
  meter.site = site_number;
  meter.mining = site;
  meter.mining.kw = kw;
  meter.mining.rig_count = rig_count;
}

}  // namespace

std::size_t pick_weighted(Rng& rng, const double* weights, std::size_t n) {
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += weights[i];
  double x = rng.uniform() * total;
  for (std::size_t i = 0; i < n; ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  for (std::size_t i = n; i-- > 0;)
    if (weights[i] > 0) return i;
  return 0;
}

int integer_in(Rng& rng, const Range& r) {
  return rng.integer(static_cast<int>(std::lround(r.lo)), static_cast<int>(std::lround(r.hi)));
}

float standard_contract_kw(double kw) {
  static constexpr std::array<float, 17> sizes = {5,   10,  15,   30,   50,   75,   100,  150,  250,
                                                  400, 630, 1000, 1600, 2500, 4000, 6300, 10000};
  for (float s : sizes)
    if (s >= kw * 1.1) return s;
  return sizes.back();
}

std::string make_taxpayer_id(Rng& rng, bool person) {
  // Check digits per the FNS algorithm: weighted sums mod 11 mod 10.
  static constexpr std::array<int, 9> w10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  static constexpr std::array<int, 10> w11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  static constexpr std::array<int, 11> w12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  std::array<int, 12> d{};
  const std::size_t body = person ? 10 : 9;
  d[0] = rng.integer(0, 8);
  d[1] = rng.integer(1, 9);  // the first two digits are a tax office's region code: never 00
  for (std::size_t i = 2; i < body; ++i) d[i] = rng.integer(0, 9);
  auto check = [&](const auto& weights) {
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) sum += weights[i] * d[i];
    return sum % 11 % 10;
  };
  if (person) {
    d[10] = check(w11);
    d[11] = check(w12);
  } else {
    d[9] = check(w10);
  }
  std::string out;
  for (std::size_t i = 0; i < (person ? 12u : 10u); ++i) out.push_back(static_cast<char>('0' + d[i]));
  return out;
}

std::int32_t draw_start_day(PlanContext& ctx, double before_share, int max_before) {
  if (ctx.rng.chance(before_share)) return -ctx.rng.integer(1, max_before);
  return ctx.rng.integer(0, ctx.window.days - 1);
}

std::uint32_t plan_small_mining_site(PlanContext& ctx, std::uint32_t first, std::uint32_t available,
                                     MeterClass cls) {
  const SimConfig& c = ctx.config;
  const MiningConfig& mc = c.mining;
  Rng& rng = ctx.rng;
  MeterPlan& lead = ctx.plan.meters[first];
  const RegionConfig& region = c.regions[lead.region];
  const bool home = cls == MeterClass::mining_home;
  MiningPlan site = draw_timeline(ctx, region, true);
  const auto& weights = home ? mc.home_disguise : mc.garage_disguise;
  site.disguise = static_cast<Disguise>(pick_weighted(rng, weights.data(), weights.size()));
  site.curtails = !home && rng.chance(mc.curtail_share);
  site.rig_model = pick_rig(rng, mc.rigs, home ? Scale::home : Scale::garage);
  const double rig_kw = mc.rigs[site.rig_model].kw;

  std::uint32_t count = 0;
  if (home) {
    count = static_cast<std::uint32_t>(integer_in(rng, mc.home_rigs));
    if (site.disguise == Disguise::mixed)
      count = std::min<std::uint32_t>(count, 2);  // hides in the home's own load
  } else {
    count = std::max<std::uint32_t>(
        1, static_cast<std::uint32_t>(std::lround(rng.uniform(mc.garage_kw.lo, mc.garage_kw.hi) / rig_kw)));
  }
  double kw = count * rig_kw;
  if (site.disguise == Disguise::capped) {
    // Underclocked to stay under a limit: a person's monthly limit (home) or a smaller connection (garage).
    double cap_kw = mc.cap_kwh_per_month / (365.25 / 12 * 24) - 0.5;
    if (home) {
      count = std::max<std::uint32_t>(count, static_cast<std::uint32_t>(std::ceil(cap_kw / rig_kw)) + 1);
    } else {
      cap_kw = rng.uniform(0.6, 0.85) * kw;
    }
    kw = std::min(count * rig_kw, cap_kw);
  }
  std::uint32_t meters = 1;
  if (site.disguise == Disguise::split) {
    meters = std::min<std::uint32_t>(available, static_cast<std::uint32_t>(integer_in(rng, mc.split_meters)));
    if (meters < 2) {
      meters = 1;
      site.disguise = Disguise::none;
    }
  }
  if (!home && rng.chance(0.3)) lead.tariff = Tariff::business;
  const SitePlan record = new_site(ctx, cls, first, meters, site);
  for (std::uint32_t j = 0; j < meters; ++j) {
    MeterPlan& m = ctx.plan.meters[first + j];
    if (j > 0) {  // the other meters of a split site: the same kind of customer, sized on their own
      m.cls = cls;
      m.tariff = lead.tariff;
      m.scale_kw = static_cast<float>(rng.lognormal(c.household.mean_kw.median, c.household.mean_kw.sigma));
    }
    const std::uint32_t rigs = count / meters + (j < count % meters ? 1 : 0);
    assign_share(m, site, record.number, kw / meters, rigs);
    if (home) {
      m.contract_kw = 15.0f;
    } else {
      // Half the garages run on a household connection far below their load, the others got a bigger one.
      m.contract_kw = rng.chance(0.5) ? 15.0f : standard_contract_kw(kw / meters);
      m.scale_kw = static_cast<float>(rng.uniform(0.3, 1.5));  // lights, ventilation, a heater
    }
    if (rng.chance(mc.theft_share)) {  // farms that also bypass part of their load
      m.theft.type = TheftType::h1;
      m.theft.alpha = rng.uniform(c.theft.alpha.lo, c.theft.alpha.hi);
      m.theft.start_day = std::max(site.start_day, draw_start_day(ctx, c.theft.started_before_share, 365));
      if (rng.chance(c.theft.tamper_share)) m.theft.tamper = Tamper::cover_open;
    }
  }
  ctx.plan.sites.push_back(record);
  return meters;
}

void plan_industrial_site(PlanContext& ctx, std::uint32_t first, std::uint32_t count) {
  const MiningConfig& mc = ctx.config.mining;
  Rng& rng = ctx.rng;
  const RegionConfig& region = ctx.config.regions[ctx.plan.meters[first].region];
  MiningPlan site = draw_timeline(ctx, region, true);
  site.curtails = rng.chance(mc.curtail_share);
  site.rig_model = pick_rig(rng, mc.rigs, Scale::industrial);
  const double rig_kw = mc.rigs[site.rig_model].kw;
  const auto rigs = std::max<std::uint32_t>(
      count, static_cast<std::uint32_t>(
                 std::lround(rng.uniform(mc.industrial_kw.lo, mc.industrial_kw.hi) / rig_kw)));
  const SitePlan record = new_site(ctx, MeterClass::mining_industrial, first, count, site);
  for (std::uint32_t j = 0; j < count; ++j) {
    MeterPlan& m = ctx.plan.meters[first + j];
    m.cls = MeterClass::mining_industrial;
    m.tariff = Tariff::industrial;
    const std::uint32_t n = rigs / count + (j < rigs % count ? 1 : 0);
    assign_share(m, site, record.number, n * rig_kw, n);
    m.contract_kw = standard_contract_kw(n * rig_kw * (1 + mc.cooling_overhead + 0.1));
  }
  ctx.plan.sites.push_back(record);
}

void plan_ai_datacentre(PlanContext& ctx, std::uint32_t first, std::uint32_t count) {
  const SimConfig& c = ctx.config;
  const AiDatacentreConfig& ac = c.ai_datacentre;
  Rng& rng = ctx.rng;
  const RegionConfig& region = c.regions[ctx.plan.meters[first].region];
  std::uint32_t hall = count;  // the meter hiding a mining hall, if any
  if (rng.chance(ac.mining_share))
    hall = static_cast<std::uint32_t>(rng.integer(0, static_cast<int>(count) - 1));
  MiningPlan mining;
  if (hall < count) {
    mining = draw_timeline(ctx, region, false);  // mining in a designated AI centre is never registered
    mining.rig_model = pick_rig(rng, c.mining.rigs, Scale::industrial);
  }
  SitePlan record = new_site(ctx, MeterClass::ai_datacentre, first, count, MiningPlan{});
  for (std::uint32_t j = 0; j < count; ++j) {
    MeterPlan& m = ctx.plan.meters[first + j];
    m.cls = j == hall ? MeterClass::mining_aidc : MeterClass::ai_datacentre;
    m.tariff = Tariff::industrial;
    m.site = record.number;
    m.scale_kw = static_cast<float>(rng.uniform(ac.kw_per_meter.lo, ac.kw_per_meter.hi));
    double peak = m.scale_kw * ac.pue.hi * 1.1;
    if (j == hall) {
      const auto rigs = static_cast<std::uint32_t>(integer_in(rng, ac.mining_rigs));
      assign_share(m, mining, record.number, rigs * c.mining.rigs[mining.rig_model].kw, rigs);
      peak += m.mining.kw * 1.1;
    }
    m.contract_kw = standard_contract_kw(peak);
  }
  ctx.plan.sites.push_back(record);
}

void plan_theft(PlanContext& ctx, MeterPlan& m) {
  const TheftConfig& tc = ctx.config.theft;
  Rng& rng = ctx.rng;
  const bool customer = m.cls == MeterClass::household || m.cls == MeterClass::household_electric ||
                        m.cls == MeterClass::holiday_home || m.cls == MeterClass::business ||
                        m.cls == MeterClass::bakery;
  if (!customer || !rng.chance(tc.share)) return;
  m.theft.type =
      static_cast<TheftType>(1 + pick_weighted(rng, tc.type_weights.data(), tc.type_weights.size()));
  m.theft.alpha = rng.uniform(tc.alpha.lo, tc.alpha.hi);
  m.theft.start_day = draw_start_day(ctx, tc.started_before_share, 365);
  if (rng.chance(tc.tamper_share)) {
    // A magnet slows the meter while it is on (a constant factor); an opened cover lets a bypass or a
    // reprogrammed meter in, whatever the pattern.
    if (rng.chance(tc.magnet_share)) {
      m.theft.tamper = Tamper::magnetic_field;
      m.theft.type = TheftType::h1;
    } else {
      m.theft.tamper = Tamper::cover_open;
    }
  }
}

}  // namespace minewatch::sim::detail
