// detect layer: the evidence of meter tampering that a crew can check on site, per meter: its events dated in
// the meter's local days (per kind: count, first and last day; magnet days and episodes; cover openings
// outside working hours; power losses that no neighbour on the same transformer logged) beside the physics
// counters of its readings (detect/reading_physics.h). detect/tamper_score.h turns it into tamper_score.
//
// Why neighbours: a grid outage makes every meter of a transformer log power_loss at once, so such a
// power_loss says nothing about one meter; a power_loss no neighbour logged means this meter alone lost its
// supply (or was disconnected to fit a bypass) and deserves a look. docs/tamper.md has the reasoning.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "minewatch/core/time_zone.h"
#include "minewatch/core/timestamp.h"
#include "minewatch/detect/reading_physics.h"
#include "minewatch/io/meter_events.h"

namespace minewatch {

class MeterRegistry;

struct TamperEventOptions {
  // A power_loss is shared (an outage) when another meter of the same transformer logged one this close.
  std::int64_t outage_window_s = 1800;
  // Working hours, local (inspections and meter work happen then): [from, to).
  int working_hour_from = 8;
  int working_hour_to = 18;
  // magnetic_field events closer than this belong to one episode (a sensor may log a magnet repeatedly).
  std::int64_t magnet_episode_gap_s = 3600;
};

// One event of a meter, dated in its local time.
struct DatedEvent {
  std::int64_t day = kNoDay;      // local day
  std::int32_t local_second = 0;  // seconds since local midnight
  EventKind kind = EventKind::other;
  bool in_working_hours = false;
  bool shared = false;  // power_loss: a neighbour on the same transformer logged one within the window
};

struct EventKindSummary {
  std::uint32_t count = 0;
  std::int64_t first_day = kNoDay;
  std::int64_t last_day = kNoDay;
};

struct TamperEventEvidence {
  std::array<EventKindSummary, kEventKindCount> by_kind;  // indexed by EventKind
  std::uint32_t magnet_days = 0;                          // distinct local days with a magnetic_field event
  std::uint32_t magnet_episodes = 0;
  std::uint32_t isolated_power_loss = 0;  // power_loss that no neighbour logged (neighbours known)
  std::uint32_t shared_power_loss = 0;    // power_loss that a neighbour logged too: an outage
  // The transformer of the meter has other registered meters: isolated/shared can be told apart. Without a
  // registry (or alone on its transformer) every power_loss stays "unknown" and weighs next to nothing.
  bool neighbours_known = false;
  std::vector<DatedEvent> events;  // every event, in time order

  const EventKindSummary& of(EventKind kind) const { return by_kind[static_cast<std::size_t>(kind)]; }
};

// Everything the tamper score reads about one meter.
struct TamperEvidence {
  TamperEventEvidence events;
  ReadingPhysics physics;
};

// The events of every meter, indexed once for the evidence of each: the power losses by transformer, so that
// a meter's power_loss can be compared with its neighbours'. Immutable after construction: evidence() may be
// called from many threads. Keeps views into `events` and `registry`, which must outlive it.
class TamperEventIndex {
 public:
  // `registry` may be null (no neighbours known).
  TamperEventIndex(const MeterEvents& events, const MeterRegistry* registry, const ZoneTable& zones,
                   TamperEventOptions options = {});

  // The events part of a meter's evidence, dated in `zone` (empty when the meter logged nothing).
  TamperEventEvidence evidence(std::string_view meter_id, ZoneId zone) const;

 private:
  struct Loss {
    std::int64_t ts;
    std::string_view meter;
  };
  bool shared_with_neighbour(std::string_view transformer, std::string_view meter, std::int64_t ts) const;

  const MeterEvents& events_;
  const MeterRegistry* registry_;
  const ZoneTable& zones_;
  TamperEventOptions options_;
  std::unordered_map<std::string_view, std::vector<Loss>> losses_by_transformer_;  // sorted by ts
  std::unordered_map<std::string_view, std::uint32_t> meters_by_transformer_;      // registered meters
};

}  // namespace minewatch
