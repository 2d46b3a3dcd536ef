#include "minewatch/sim/grid_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "plan_detail.h"

namespace minewatch::sim {
namespace {

using detail::PlanContext;

// Meters planned on residential (LV) transformers, drawn by class share; mining shares scale with the region.
constexpr std::array<MeterClass, 10> kDrawnClasses = {
    MeterClass::household_electric, MeterClass::holiday_home, MeterClass::business, MeterClass::cold_store,
    MeterClass::greenhouse,         MeterClass::pump,         MeterClass::bakery,   MeterClass::server_room,
    MeterClass::mining_home,        MeterClass::mining_garage};

MeterClass draw_class(PlanContext& ctx, const RegionConfig& region) {
  const ClassShares& k = ctx.config.classes;
  std::array<double, kDrawnClasses.size() + 1> w = {k.household_electric,
                                                    k.holiday_home,
                                                    k.business,
                                                    k.cold_store,
                                                    k.greenhouse,
                                                    k.pump,
                                                    k.bakery,
                                                    k.server_room,
                                                    k.mining_home * region.mining_factor,
                                                    k.mining_garage * region.mining_factor,
                                                    0.0};
  double used = 0;
  for (std::size_t i = 0; i + 1 < w.size(); ++i) used += w[i];
  w.back() = std::max(0.05, 1.0 - used);  // plain households
  const std::size_t i = detail::pick_weighted(ctx.rng, w.data(), w.size());
  return i < kDrawnClasses.size() ? kDrawnClasses[i] : MeterClass::household;
}

// The class's own size and the tariff and contract that go with it.
void size_customer(PlanContext& ctx, MeterPlan& m) {
  const SimConfig& c = ctx.config;
  Rng& rng = ctx.rng;
  auto uniform = [&](const Range& r) { return rng.uniform(r.lo, r.hi); };
  double peak_kw = 0;
  switch (m.cls) {
    case MeterClass::household:
    case MeterClass::household_electric:
    case MeterClass::holiday_home:
    case MeterClass::mining_home:
      m.scale_kw = static_cast<float>(rng.lognormal(c.household.mean_kw.median, c.household.mean_kw.sigma));
      m.tariff = Tariff::household;
      // Apartments are typically connected for up to 10 kW, private houses for 15 kW (the limit of the
      // simplified connection procedure for individuals).
      m.contract_kw = m.cls == MeterClass::household && rng.chance(0.6) ? 10.0f : 15.0f;
      return;
    case MeterClass::business:
      m.scale_kw = static_cast<float>(rng.lognormal(c.business.open_kw.median, c.business.open_kw.sigma));
      peak_kw = 1.5 * m.scale_kw;
      break;
    case MeterClass::cold_store:
      m.scale_kw = static_cast<float>(uniform(c.cold_store.compressor_kw));
      peak_kw = 1.2 * m.scale_kw;
      break;
    case MeterClass::greenhouse:
      m.scale_kw = static_cast<float>(uniform(c.greenhouse.lamp_kw));
      peak_kw = (1.0 + c.greenhouse.aux_fraction) * m.scale_kw;
      break;
    case MeterClass::pump:
      m.scale_kw = static_cast<float>(uniform(c.pump.kw));
      peak_kw = m.scale_kw;
      break;
    case MeterClass::bakery:
      m.scale_kw = static_cast<float>(uniform(c.bakery.oven_kw));
      peak_kw = m.scale_kw;
      break;
    case MeterClass::server_room:
      m.scale_kw = static_cast<float>(uniform(c.server_room.it_kw));
      peak_kw = 1.8 * m.scale_kw;
      break;
    default:
      return;  // mining and AI data centres are sized by their site
  }
  m.tariff = Tariff::business;
  m.contract_kw = detail::standard_contract_kw(peak_kw);
}

struct TransformerSlot {
  enum Kind : std::uint8_t { residential, industrial_mining, ai_datacentre } kind = residential;
  std::uint32_t meters = 0;
};

std::uint32_t stochastic_count(Rng& rng, double expected, bool at_least_one) {
  auto n = static_cast<std::uint32_t>(expected);
  if (rng.uniform() < expected - n) ++n;
  return at_least_one ? std::max<std::uint32_t>(n, 1) : n;
}

// The order of transformers: residential ones of random size, with the sites' own transformers among them.
std::vector<TransformerSlot> lay_out_transformers(PlanContext& ctx) {
  const SimConfig& c = ctx.config;
  Rng& rng = ctx.rng;
  const std::uint32_t total = ctx.window.meters;
  const bool big_enough =
      total >= 300;  // small grids still get one site of each kind, for the tests and plots
  std::vector<TransformerSlot> special;
  const std::uint32_t n_mining = stochastic_count(rng, total / 1e4 * c.grid.industrial_mining_sites_per_10k,
                                                  big_enough && c.grid.industrial_mining_sites_per_10k > 0);
  const std::uint32_t n_ai = stochastic_count(rng, total / 1e4 * c.grid.ai_datacentres_per_10k,
                                              big_enough && c.grid.ai_datacentres_per_10k > 0);
  std::uint32_t special_meters = 0;
  for (std::uint32_t i = 0; i < n_mining + n_ai; ++i) {
    TransformerSlot slot;
    slot.kind = i < n_mining ? TransformerSlot::industrial_mining : TransformerSlot::ai_datacentre;
    slot.meters = static_cast<std::uint32_t>(
        detail::integer_in(rng, i < n_mining ? c.mining.industrial_meters : c.ai_datacentre.meters));
    if (special_meters + slot.meters > total / 4) break;  // a tiny grid stays mostly residential
    special_meters += slot.meters;
    special.push_back(slot);
  }
  std::vector<TransformerSlot> slots;
  for (std::uint32_t left = total - special_meters; left > 0;) {
    TransformerSlot slot;
    slot.meters =
        std::min(left, static_cast<std::uint32_t>(detail::integer_in(rng, c.grid.meters_per_transformer)));
    left -= slot.meters;
    slots.push_back(slot);
  }
  for (const auto& s : special) {
    const auto at = static_cast<std::size_t>(rng.integer(0, static_cast<int>(slots.size())));
    slots.insert(slots.begin() + static_cast<std::ptrdiff_t>(at), s);
  }
  return slots;
}

void plan_residential(PlanContext& ctx, TransformerPlan& t) {
  const SimConfig& c = ctx.config;
  Rng& rng = ctx.rng;
  const std::uint32_t end = t.first_meter + t.meter_count;
  for (std::uint32_t i = t.first_meter; i < end;) {
    MeterPlan& m = ctx.plan.meters[i];
    m.cls = draw_class(ctx, c.regions[t.region]);
    size_customer(ctx, m);
    if (m.cls == MeterClass::mining_home || m.cls == MeterClass::mining_garage) {
      i += detail::plan_small_mining_site(ctx, i, end - i, m.cls);
      continue;
    }
    detail::plan_theft(ctx, m);
    ++i;
  }
  if (rng.chance(c.grid.tap_share)) {
    t.tap = rng.chance(c.grid.tap_mining_share) ? TapKind::mining : TapKind::heater;
    t.tap_kw = rng.uniform(c.grid.tap_kw.lo, c.grid.tap_kw.hi);
    t.tap_start_day = detail::draw_start_day(ctx, c.grid.tap_started_before_share, 365);
  }
}

}  // namespace

const char* class_name(MeterClass c) {
  static constexpr std::array<const char*, kMeterClassCount> names = {
      "household",         "household_electric", "holiday_home", "business",
      "cold_store",        "greenhouse",         "pump",         "bakery",
      "server_room",       "ai_datacentre",      "mining_home",  "mining_garage",
      "mining_industrial", "mining_aidc"};
  return names[static_cast<std::size_t>(c)];
}

const char* tariff_name(Tariff t) {
  switch (t) {
    case Tariff::household:
      return "household";
    case Tariff::business:
      return "business";
    case Tariff::industrial:
      return "industrial";
  }
  return "?";
}

const char* theft_name(TheftType t) {
  static constexpr std::array<const char*, 7> names = {"", "h1", "h2", "h3", "h4", "h5", "h6"};
  return names[static_cast<std::size_t>(t)];
}

const char* tamper_name(Tamper t) {
  static constexpr std::array<const char*, 3> names = {"", "cover_open", "magnetic_field"};
  return names[static_cast<std::size_t>(t)];
}

const char* tap_name(TapKind k) {
  static constexpr std::array<const char*, 3> names = {"", "mining", "heater"};
  return names[static_cast<std::size_t>(k)];
}

std::string meter_id(std::uint32_t index) {
  return fmt::format("M{:07}", index + 1);
}
std::string transformer_id(std::uint32_t index) {
  return fmt::format("T{:06}", index + 1);
}
std::string subscriber_id(std::uint32_t number) {
  return fmt::format("S{:08}", number);
}
std::string site_id(std::uint32_t number) {
  return fmt::format("SITE{:06}", number);
}

GridPlan plan_grid(const SimConfig& config, const PlanWindow& window) {
  Rng rng(window.seed, Domain::plan, 0);
  GridPlan plan;
  PlanContext ctx{config, window, rng, plan};
  plan.meters.resize(window.meters);
  const auto slots = lay_out_transformers(ctx);

  std::vector<double> region_weights, mining_weights;
  for (const auto& r : config.regions) {
    region_weights.push_back(r.share);
    mining_weights.push_back(r.share * r.mining_factor);
  }
  std::uint32_t next_meter = 0;
  for (const auto& slot : slots) {
    TransformerPlan t;
    t.first_meter = next_meter;
    t.meter_count = slot.meters;
    t.industrial = slot.kind != TransformerSlot::residential;
    const auto& weights = slot.kind == TransformerSlot::industrial_mining ? mining_weights : region_weights;
    t.region = static_cast<std::uint32_t>(detail::pick_weighted(rng, weights.data(), weights.size()));
    t.loss_fraction = rng.uniform(config.grid.loss_fraction.lo, config.grid.loss_fraction.hi);
    const RegionConfig& region = config.regions[t.region];
    // Transformers scatter around the region's centre; meters within a few hundred metres of theirs.
    const double t_lat = region.lat + 0.25 * rng.normal();
    const double t_lon = region.lon + 0.40 * rng.normal();
    const auto index = static_cast<std::uint32_t>(plan.transformers.size());
    for (std::uint32_t i = next_meter; i < next_meter + slot.meters; ++i) {
      MeterPlan& m = plan.meters[i];
      m.transformer = index;
      m.region = t.region;
      m.lat = t_lat + 0.003 * rng.normal();
      m.lon = t_lon + 0.005 * rng.normal();
      // A bijection of the index onto 8 digits (the multiplier is odd and not a multiple of 5), so subscriber
      // numbers are unique but do not follow meter order.
      m.subscriber = static_cast<std::uint32_t>((i * 2654435761ULL + 12345678ULL) % 100000000ULL);
    }
    switch (slot.kind) {
      case TransformerSlot::residential:
        plan_residential(ctx, t);
        break;
      case TransformerSlot::industrial_mining:
        detail::plan_industrial_site(ctx, next_meter, slot.meters);
        break;
      case TransformerSlot::ai_datacentre:
        detail::plan_ai_datacentre(ctx, next_meter, slot.meters);
        break;
    }
    next_meter += slot.meters;
    plan.transformers.push_back(t);
  }
  return plan;
}

}  // namespace minewatch::sim
