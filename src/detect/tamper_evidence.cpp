#include "minewatch/detect/tamper_evidence.h"

#include <algorithm>
#include <set>

#include "minewatch/io/meter_registry.h"

namespace minewatch {

TamperEventIndex::TamperEventIndex(const MeterEvents& events, const MeterRegistry* registry,
                                   const ZoneTable& zones, TamperEventOptions options)
    : events_(events), registry_(registry), zones_(zones), options_(options) {
  if (registry_ == nullptr) return;
  for (const MeterInfo& info : registry_->meters()) {
    if (!info.transformer_id.empty()) ++meters_by_transformer_[info.transformer_id];
  }
  for (const auto& [id, counts] : events_.meters()) {
    const MeterInfo* info = registry_->find(id);
    if (info == nullptr || info->transformer_id.empty()) continue;
    for (const TimedEvent& e : counts.timeline) {
      // Naive times compare as written: the meters of one transformer share a zone.
      if (e.kind == EventKind::power_loss) losses_by_transformer_[info->transformer_id].push_back({e.ts, id});
    }
  }
  for (auto& [transformer, losses] : losses_by_transformer_)
    std::sort(losses.begin(), losses.end(), [](const Loss& a, const Loss& b) { return a.ts < b.ts; });
}

bool TamperEventIndex::shared_with_neighbour(std::string_view transformer, std::string_view meter,
                                             std::int64_t ts) const {
  const auto it = losses_by_transformer_.find(transformer);
  if (it == losses_by_transformer_.end()) return false;
  const auto& losses = it->second;
  auto from = std::lower_bound(losses.begin(), losses.end(), ts - options_.outage_window_s,
                               [](const Loss& a, std::int64_t t) { return a.ts < t; });
  for (; from != losses.end() && from->ts <= ts + options_.outage_window_s; ++from) {
    if (from->meter != meter) return true;
  }
  return false;
}

TamperEventEvidence TamperEventIndex::evidence(std::string_view meter_id, ZoneId zone) const {
  TamperEventEvidence out;
  const MeterEventCounts* counts = events_.find(meter_id);
  if (counts == nullptr) return out;
  const MeterInfo* info = registry_ != nullptr ? registry_->find(meter_id) : nullptr;
  const std::string_view transformer = info != nullptr ? std::string_view(info->transformer_id) : "";
  if (!transformer.empty()) {
    const auto it = meters_by_transformer_.find(transformer);
    out.neighbours_known = it != meters_by_transformer_.end() && it->second >= 2;
  }
  ZoneClock clock(zones_.zone(zone));  // one per call: evidence() stays thread-safe
  std::set<std::int64_t> magnet_days;
  std::int64_t last_magnet = INT64_MIN;
  out.events.reserve(counts->timeline.size());
  for (const TimedEvent& e : counts->timeline) {
    const std::int64_t local = e.local ? e.ts : e.ts + clock.offset_at(e.ts);
    DatedEvent dated;
    dated.day = floor_div(local, kSecondsPerDay);
    dated.local_second = static_cast<std::int32_t>(local - dated.day * kSecondsPerDay);
    dated.kind = e.kind;
    const int hour = dated.local_second / 3600;
    dated.in_working_hours = hour >= options_.working_hour_from && hour < options_.working_hour_to;
    if (e.kind == EventKind::power_loss && out.neighbours_known) {
      dated.shared = shared_with_neighbour(transformer, meter_id, e.ts);
      ++(dated.shared ? out.shared_power_loss : out.isolated_power_loss);
    }
    if (e.kind == EventKind::magnetic_field) {
      magnet_days.insert(dated.day);
      if (last_magnet == INT64_MIN || e.ts - last_magnet > options_.magnet_episode_gap_s)
        ++out.magnet_episodes;
      last_magnet = e.ts;
    }
    EventKindSummary& summary = out.by_kind[static_cast<std::size_t>(e.kind)];
    ++summary.count;
    if (summary.first_day == kNoDay || dated.day < summary.first_day) summary.first_day = dated.day;
    if (summary.last_day == kNoDay || dated.day > summary.last_day) summary.last_day = dated.day;
    out.events.push_back(dated);
  }
  out.magnet_days = static_cast<std::uint32_t>(magnet_days.size());
  return out;
}

}  // namespace minewatch
