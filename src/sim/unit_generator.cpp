#include "minewatch/sim/unit_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "minewatch/core/timestamp.h"
#include "minewatch/sim/mining_load.h"
#include "minewatch/sim/text_format.h"

namespace minewatch::sim {
namespace {

constexpr std::size_t kMaxRowBytes = 64;  // "M0000001,2025-01-01T00:30:00Z,123456.789\n" with room to spare
// With channels: ",123456.789,253.0,-1234567.890,0.987" on top, with room to spare.
constexpr std::size_t kMaxChannelBytes = 64;

// Appends ",kvarh,voltage_v,current_a,pf" (blank cells for a meter without channels).
char* write_channels(char* out, const ChannelRow* row) {
  if (row == nullptr) {
    std::memcpy(out, ",,,,", 4);
    return out + 4;
  }
  *out++ = ',';
  out = write_fixed(out, row->kvarh, 3);
  *out++ = ',';
  out = write_fixed(out, row->voltage_v, 1);
  *out++ = ',';
  out = write_signed_fixed(out, row->current_a, 3);
  *out++ = ',';
  return write_fixed(out, row->pf, 3);
}

std::string behaviour_of(const MeterPlan& m, const RegionConfig& region, int window_days) {
  std::string out;
  auto add = [&](const char* flag) {
    if (!out.empty()) out += ';';
    out += flag;
  };
  const MiningPlan& p = m.mining;
  if (p.start_day >= 0) add("start_step");
  if (p.growth_steps > 0) add("growth");
  if (p.end_day != kNever && p.end_day < window_days) add("stop");
  if (p.curtails) add("curtail_peak");
  if (region.ban == "seasonal") add(p.law_abiding ? "seasonal_stop" : "seasonal_violation");
  if (region.ban == "all_year") add("banned_region");
  return out;
}

// Appends [from, to) to the meter's runs, merging with the last one when they touch.
void add_run(std::vector<RigRun>& runs, std::uint32_t meter, std::int64_t from, std::int64_t to) {
  if (!runs.empty() && runs.back().meter == meter && runs.back().to == from) {
    runs.back().to = to;
    return;
  }
  runs.push_back({meter, from, to});
}

}  // namespace

const char* UnitGenerator::truth_header() {
  return "meter_id,class,mining_kw,rig_model,rig_count,mining_start,mining_end,registered,disguise,theft_"
         "type,"
         "theft_start,tamper,site_id,region,transformer_id,behaviour,true_kwh,mining_kwh,hidden_kwh\n";
}

const char* UnitGenerator::readings_header(bool electrical) {
  return electrical ? "meter_id,ts,kwh,kvarh,voltage_v,current_a,pf\n" : "meter_id,ts,kwh\n";
}

const char* UnitGenerator::truth_transformers_header() {
  return "transformer_id,tap_kwh_per_day,tap_start,tap_kind,tap_kw,loss_fraction,region,meters,tap_kwh\n";
}

UnitGenerator::UnitGenerator(const SimShared& shared, std::size_t chunk_bytes)
    : s_(shared), chunk_bytes_(chunk_bytes) {
  for (ZoneId zone : s_.region_zones) clocks_.emplace_back(s_.zones.zone(zone));
  readings_.resize(chunk_bytes_ + (1u << 16));
}

void UnitGenerator::prepare_days(std::uint32_t region) {
  const SimWindow& w = s_.window;
  const RegionConfig& rc = s_.config.regions[region];
  const RegionRules& rules = s_.region_rules[region];
  ZoneClock& clock = clocks_[region];
  days_.resize(static_cast<std::size_t>(w.days));
  max_slots_ = 0;
  for (int i = 0; i < w.days; ++i) {
    DayContext& d = days_[static_cast<std::size_t>(i)];
    const LocalDay local = clock.day_at(w.first_day + i);
    d.day = local.day;
    d.index = i;
    d.start_utc = local.start_utc;
    d.slots = static_cast<int>((local.end_utc - local.start_utc) / w.interval_s);
    d.slot_hours = w.interval_s / 3600.0;
    d.date = civil_from_days(d.day);
    d.day_of_year = day_of_year(d.day);
    d.weekday = weekday_of(d.day);
    d.holiday = s_.holidays.is_holiday(d.date);
    d.day_off = d.weekday >= 5 || d.holiday;
    d.temp_mean = s_.weather.daily_mean(region, i);
    d.daylength = daylength_hours(rc.lat, d.day_of_year);
    d.winterness = winterness(d.day_of_year);
    d.seasonal_ban =
        rules.seasonal && d.day >= rules.valid_from && d.day < rules.valid_to && rules.season.contains(d.day);
    max_slots_ = std::max(max_slots_, d.slots);
  }
  const auto width = static_cast<std::size_t>(max_slots_);
  temps_.resize(days_.size() * width);
  const double amplitude = s_.config.weather.diurnal_amplitude_c;
  for (std::size_t i = 0; i < days_.size(); ++i) {
    DayContext& d = days_[i];
    double* t = temps_.data() + i * width;
    // Coolest before dawn, warmest at 15:00.
    for (int k = 0; k < d.slots; ++k)
      t[k] = d.temp_mean + amplitude * std::cos(kTwoPi * (d.mid_hour(k) - 15.0) / 24.0);
    d.temp = t;
  }
  kw_.resize(width);
  mining_kw_.resize(width);
  true_kwh_.resize(width);
  reported_kwh_.resize(width);
  up_.resize(width);
  channels_.resize(width);
}

double UnitGenerator::outage_fraction(std::int64_t from, std::int64_t to) const {
  std::int64_t cut = 0;
  for (const auto& o : outages_)
    cut += std::max<std::int64_t>(0, std::min(to, o.to) - std::max(from, o.from));
  return std::min(1.0, static_cast<double>(cut) / static_cast<double>(to - from));
}

void UnitGenerator::flush_if_full(const ChunkSink& sink, bool force) {
  if (readings_used_ == 0 || (!force && readings_used_ < chunk_bytes_)) return;
  sink(std::string_view(readings_.data(), readings_used_));
  readings_used_ = 0;
}

UnitStats UnitGenerator::generate(std::uint32_t index, UnitText& text, const ChunkSink& sink) {
  const TransformerPlan& t = s_.plan.transformers[index];
  prepare_days(t.region);
  Rng rng(s_.window.seed, Domain::transformer, index);
  // Grid outages take the whole transformer down; every meter logs power_loss.
  outages_.clear();
  for (const auto& d : days_) {
    if (!rng.chance(s_.config.grid.outages_per_year / 365.25)) continue;
    const auto from = d.start_utc + static_cast<std::int64_t>(rng.uniform(0.0, 24.0) * 3600.0);
    const auto hours = rng.uniform(s_.config.grid.outage_hours.lo, s_.config.grid.outage_hours.hi);
    outages_.push_back({from, from + static_cast<std::int64_t>(hours * 3600.0)});
  }
  balance_kwh_.assign(days_.size() * static_cast<std::size_t>(max_slots_), 0.0);
  if (s_.config.electrical.enabled)
    voltage_.draw(s_.config.electrical, s_.window.seed, index, days_, max_slots_);
  text.balance.clear();
  text.events.clear();
  text.truth.clear();
  text.truth_transformers.clear();
  text.runs.clear();
  UnitStats stats;
  for (std::uint32_t m = t.first_meter; m < t.first_meter + t.meter_count; ++m)
    generate_meter(m, t, text, stats, sink);
  write_balance(t, index, text, rng);
  flush_if_full(sink, true);
  return stats;
}

void UnitGenerator::generate_meter(std::uint32_t index, const TransformerPlan&, UnitText& text,
                                   UnitStats& stats, const ChunkSink& sink) {
  const SimConfig& c = s_.config;
  const MeterPlan& m = s_.plan.meters[index];
  Rng rng(s_.window.seed, Domain::meter, index);
  auto base = make_base_load(c, m, rng);
  std::optional<MiningLoad> mining;
  if (m.mining.rig_count > 0) mining.emplace(c, m, s_.window.days, rng);
  TheftModel theft(c, m.theft);
  // The channels draw from their own stream, after nothing else: the kWh are the same with them or without.
  std::optional<MeterChannels> channels;
  if (c.electrical.enabled) {
    channels.emplace(c, m, s_.window.seed, index);
    stats.channel_meters += channels->written() ? 1 : 0;
    if (m.theft.type != TheftType::none) ++stats.electrical_kinds[static_cast<std::size_t>(channels->kind())];
  }
  const std::size_t row_bytes = kMaxRowBytes + (channels ? kMaxChannelBytes : 0);
  events_.clear();
  for (const auto& o : outages_) events_.push_back({o.from, EventCode::power_loss});

  const std::string id = meter_id(index);
  const double clock_chance = c.events.clock_set_per_meter_year / 365.25;
  const double cover_chance = c.events.benign_cover_open_per_meter_year / 365.25;
  const double gap_chance = c.grid.comms_gaps_per_meter_year / 365.25;
  double total_true = 0;
  double mining_kwh = 0;
  double hidden = 0;
  int gap_start = 0;
  int gap_left = 0;
  UtcFormatter ts;
  const auto width = static_cast<std::size_t>(max_slots_);
  for (const DayContext& d : days_) {
    const int n = d.slots;
    std::fill(kw_.begin(), kw_.begin() + n, 0.0);
    base->add_day(d, rng, kw_.data());
    if (mining) {
      std::fill(mining_kw_.begin(), mining_kw_.begin() + n, 0.0);
      mining->add_day(d, rng, mining_kw_.data());
      for (int k = 0; k < n; ++k) kw_[static_cast<std::size_t>(k)] += mining_kw_[static_cast<std::size_t>(k)];
    }
    double* balance = balance_kwh_.data() + static_cast<std::size_t>(d.index) * width;
    const std::int64_t step = s_.window.interval_s;
    for (int k = 0; k < n; ++k) {
      const double up = outages_.empty()
                            ? 1.0
                            : 1.0 - outage_fraction(d.start_utc + k * step, d.start_utc + (k + 1) * step);
      const double e = kw_[static_cast<std::size_t>(k)] * d.slot_hours * up;
      if (mining) {
        mining_kwh += mining_kw_[static_cast<std::size_t>(k)] * d.slot_hours * up;
        if (d.index >= s_.window.runs_from_day && mining_kw_[static_cast<std::size_t>(k)] * up > 0)
          add_run(text.runs, index, d.start_utc + k * step, d.start_utc + (k + 1) * step);
      }
      up_[static_cast<std::size_t>(k)] = up;
      true_kwh_[static_cast<std::size_t>(k)] = e;
      reported_kwh_[static_cast<std::size_t>(k)] = e;
      balance[k] += e;
      total_true += e;
    }
    theft.apply_day(d, rng, reported_kwh_.data(), events_);
    if (theft.active())
      for (int k = 0; k < n; ++k)
        hidden += true_kwh_[static_cast<std::size_t>(k)] - reported_kwh_[static_cast<std::size_t>(k)];
    // Benign events: clocks corrected by the head end, an inspector opening the terminal cover.
    if (rng.chance(clock_chance))
      events_.push_back({d.start_utc + rng.integer(0, 86399), EventCode::clock_set});
    if (rng.chance(cover_chance))
      events_.push_back({d.start_utc + rng.integer(9 * 3600, 17 * 3600), EventCode::cover_open});
    // Communication gaps: readings that never arrive (the balance meter still counts their energy).
    if (gap_left == 0 && rng.chance(gap_chance)) {
      gap_start = rng.integer(0, n - 1);
      gap_left =
          std::max(1, static_cast<int>(std::lround(
                          rng.uniform(c.grid.comms_gap_hours.lo, c.grid.comms_gap_hours.hi) / d.slot_hours)));
    }
    const ChannelRow* channel_rows = nullptr;
    if (channels && channels->written()) {
      const ChannelInputs in{
          voltage_.day(d.index), up_.data(),          kw_.data(), mining ? mining_kw_.data() : nullptr,
          true_kwh_.data(),      reported_kwh_.data()};
      channels->day(d, in, channels_.data());
      channel_rows = channels_.data();
    }
    if (readings_used_ + static_cast<std::size_t>(n) * row_bytes > readings_.size())
      flush_if_full(sink, true);
    char* out = readings_.data() + readings_used_;
    char* const begin = out;
    for (int k = 0; k < n; ++k) {
      if (gap_left > 0 && k >= gap_start) {
        --gap_left;
        ++stats.missing_readings;
        continue;
      }
      std::memcpy(out, id.data(), id.size());
      out += id.size();
      *out++ = ',';
      out = ts.write(out, d.start_utc + k * step);
      *out++ = ',';
      out = write_fixed(out, reported_kwh_[static_cast<std::size_t>(k)], 3);
      if (channels) out = write_channels(out, channel_rows != nullptr ? channel_rows + k : nullptr);
      *out++ = '\n';
      ++stats.readings;
    }
    gap_start = 0;
    readings_used_ += static_cast<std::size_t>(out - begin);
    stats.readings_bytes += static_cast<std::uint64_t>(out - begin);
    flush_if_full(sink, false);
  }

  std::stable_sort(events_.begin(), events_.end(),
                   [](const MeterEvent& a, const MeterEvent& b) { return a.ts < b.ts; });
  for (const auto& e : events_) {
    char buffer[32];
    char* end = ts.write(buffer, e.ts);
    text.events += id;
    text.events += ',';
    text.events.append(buffer, end);
    text.events += ',';
    text.events += event_code_name(e.code);
    text.events += '\n';
  }
  stats.events += events_.size();

  // The truth row.
  const RegionConfig& region = c.regions[m.region];
  const std::int64_t first = s_.window.first_day;
  fmt::memory_buffer row;
  auto out = std::back_inserter(row);
  fmt::format_to(out, "{},{},", id, class_name(m.cls));
  if (is_mining(m.cls)) {
    const MiningPlan& p = m.mining;
    // The start a meter can show: a law-abiding site planned to start inside a seasonal ban first draws
    // power on the day the ban ends.
    std::int64_t start = p.start_day;
    if (p.law_abiding) {
      while (start >= 0 && start < static_cast<std::int64_t>(days_.size()) &&
             days_[static_cast<std::size_t>(start)].seasonal_ban)
        ++start;
      if (start >= static_cast<std::int64_t>(days_.size())) start = p.start_day;  // never ran in the window
    }
    fmt::format_to(out, "{:.3f},{},{},{},{},{},{},", p.kw, c.mining.rigs[p.rig_model].model, p.rig_count,
                   format_day(first + start), p.end_day == kNever ? "" : format_day(first + p.end_day),
                   p.registered ? "true" : "false", disguise_name(p.disguise));
  } else {
    fmt::format_to(out, ",,,,,,,");
  }
  if (m.theft.type != TheftType::none) {
    // With channels, a kind of broken physics joins the tamper column as a tag (docs/simulator.md).
    std::string tamper = tamper_name(m.theft.tamper);
    const auto add_tag = [&](const char* tag) {
      if (!tamper.empty()) tamper += ';';
      tamper += tag;
    };
    if (channels && channels->kind() != ElectricalKind::none) add_tag(electrical_kind_name(channels->kind()));
    if (channels && channels->written() && channels->energy_without_supply()) add_tag("off_supply");
    fmt::format_to(out, "{},{},{},", theft_name(m.theft.type), format_day(first + m.theft.start_day), tamper);
  } else {
    fmt::format_to(out, ",,,");
  }
  fmt::format_to(out, "{},{},{},{},{:.3f},{:.3f},{:.3f}\n", m.site > 0 ? site_id(m.site) : "", region.code,
                 transformer_id(m.transformer),
                 is_mining(m.cls) ? behaviour_of(m, region, s_.window.days) : "", total_true, mining_kwh,
                 hidden);
  text.truth.append(row.data(), row.size());
}

void UnitGenerator::write_balance(const TransformerPlan& t, std::uint32_t index, UnitText& text, Rng& rng) {
  const SimConfig& c = s_.config;
  const auto width = static_cast<std::size_t>(max_slots_);
  const std::int64_t step = s_.window.interval_s;
  // A tap before the meters: seen only here.
  double tap_kwh = 0;
  int tap_days = 0;
  if (t.tap != TapKind::none) {
    auto tap = make_tap_load(c, t.tap, t.tap_kw, rng);
    for (const DayContext& d : days_) {
      if (d.index < t.tap_start_day) continue;
      ++tap_days;
      std::fill(kw_.begin(), kw_.begin() + d.slots, 0.0);
      tap->add_day(d, rng, kw_.data());
      double* balance = balance_kwh_.data() + static_cast<std::size_t>(d.index) * width;
      for (int k = 0; k < d.slots; ++k) {
        double e = kw_[static_cast<std::size_t>(k)] * d.slot_hours;
        if (!outages_.empty())
          e *= 1.0 - outage_fraction(d.start_utc + k * step, d.start_utc + (k + 1) * step);
        balance[k] += e;
        tap_kwh += e;
      }
    }
  }
  // The balance meter sees what the customers draw, the tap, and the network's technical losses on top.
  const std::string id = transformer_id(index);
  UtcFormatter ts;
  std::string& out = text.balance;
  out.reserve(days_.size() * width * kMaxRowBytes);
  char buffer[kMaxRowBytes];
  for (const DayContext& d : days_) {
    const double* balance = balance_kwh_.data() + static_cast<std::size_t>(d.index) * width;
    for (int k = 0; k < d.slots; ++k) {
      char* p = buffer;
      *p++ = ',';
      p = ts.write(p, d.start_utc + k * step);
      *p++ = ',';
      p = write_fixed(p, balance[k] * (1.0 + t.loss_fraction), 3);
      *p++ = '\n';
      out += id;
      out.append(buffer, p);
    }
  }
  const std::string start = t.tap == TapKind::none ? "" : format_day(s_.window.first_day + t.tap_start_day);
  text.truth_transformers += fmt::format(
      "{},{:.3f},{},{},{:.3f},{:.6f},{},{},{:.3f}\n", id, tap_days > 0 ? tap_kwh / tap_days : 0.0, start,
      tap_name(t.tap), t.tap_kw, t.loss_fraction, c.regions[t.region].code, t.meter_count, tap_kwh);
}

}  // namespace minewatch::sim
