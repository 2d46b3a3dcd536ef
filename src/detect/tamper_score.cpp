#include "minewatch/detect/tamper_score.h"

#include <fmt/format.h>

#include <algorithm>

namespace minewatch {
namespace {

// Chance that at least one of n independent pieces of evidence of weight w means tampering.
double repeated(double w, double n) {
  return 1.0 - std::pow(1.0 - w, n);
}

double physics_weight(std::uint32_t count, double cap, double half) {
  return count == 0 ? 0.0 : cap * (1.0 - std::pow(0.5, static_cast<double>(count) / half));
}

std::string when(const DatedEvent& e) {
  return fmt::format("{} {:02}:{:02}", format_day(e.day), e.local_second / 3600, e.local_second / 60 % 60);
}

class Assessor {
 public:
  Assessor(const TamperEvidence& evidence, const TheftSignal& theft, const TamperWeights& w)
      : evidence_(evidence),
        theft_(theft),
        w_(w),
        theft_score_(std::isnan(theft.score) ? 0.0 : std::clamp(theft.score, 0.0, 1.0)) {}

  TamperAssessment run() {
    events();
    physics();
    return combine();
  }

 private:
  bool at_drop(std::int64_t day) const {
    return theft_.start_day != kNoDay && day >= theft_.start_day - w_.near_drop_days_before &&
           day <= theft_.start_day + w_.near_drop_days_after;
  }

  std::string relation_to_drop(std::int64_t day) const {
    const std::string drop = std::isnan(theft_.drop_share)
                                 ? fmt::format("the drop in reported kWh (theft score {:.2f})", theft_score_)
                                 : fmt::format("a {:.0f}% drop in reported kWh", 100.0 * theft_.drop_share);
    const std::int64_t before = theft_.start_day - day;
    if (before == 0) return "on the day of " + drop;
    if (before > 0) return fmt::format("{} day{} before {}", before, before == 1 ? "" : "s", drop);
    return fmt::format("{} day{} after {} began", -before, before == -1 ? "" : "s", drop);
  }

  void add(double weight, std::int64_t day, std::string text) {
    if (weight > 0) findings_.push_back({weight, day, std::move(text)});
  }

  void events() {
    const TamperEventEvidence& ev = evidence_.events;
    const DatedEvent* magnet_at_drop = nullptr;
    const DatedEvent* clock_at_drop = nullptr;
    const DatedEvent* loss_at_drop = nullptr;
    const DatedEvent* first_isolated = nullptr;
    const DatedEvent* first_unknown_loss = nullptr;
    std::uint32_t unknown_losses = 0;
    for (const DatedEvent& e : ev.events) {
      switch (e.kind) {
        case EventKind::cover_open: {
          const double lone = e.in_working_hours ? w_.cover_in_working_hours : w_.cover_off_hours;
          const double drop = at_drop(e.day) ? w_.cover_or_magnet_at_drop * theft_score_ : 0.0;
          if (drop > lone) {
            add(drop, e.day, fmt::format("cover opened {}, {}", when(e), relation_to_drop(e.day)));
          } else {
            add(lone, e.day,
                fmt::format(
                    "cover opened {}{}", when(e),
                    e.in_working_hours ? " in working hours (an inspection?)" : ", outside working hours"));
          }
          break;
        }
        case EventKind::magnetic_field:
          if (magnet_at_drop == nullptr && at_drop(e.day)) magnet_at_drop = &e;
          break;
        case EventKind::clock_set:
          if (clock_at_drop == nullptr && at_drop(e.day)) clock_at_drop = &e;
          break;
        case EventKind::power_loss:
          if (!ev.neighbours_known) {
            ++unknown_losses;
            if (first_unknown_loss == nullptr) first_unknown_loss = &e;
          } else if (!e.shared) {
            if (first_isolated == nullptr) first_isolated = &e;
            if (loss_at_drop == nullptr && at_drop(e.day)) loss_at_drop = &e;
          }
          break;
        case EventKind::reverse_flow:
        case EventKind::other:
          break;
      }
    }
    const auto& magnet = ev.of(EventKind::magnetic_field);
    if (ev.magnet_days > 0)
      add(std::min(w_.magnet_max, repeated(w_.magnet_first_day, ev.magnet_days)), magnet.first_day,
          fmt::format("magnet detected on {} day{} ({} episode{}) since {}", ev.magnet_days,
                      ev.magnet_days == 1 ? "" : "s", ev.magnet_episodes, ev.magnet_episodes == 1 ? "" : "s",
                      format_day(magnet.first_day)));
    if (magnet_at_drop != nullptr)
      add(w_.cover_or_magnet_at_drop * theft_score_, magnet_at_drop->day,
          fmt::format("magnet detected {}, {}", when(*magnet_at_drop),
                      relation_to_drop(magnet_at_drop->day)));

    if (ev.isolated_power_loss > 0)
      add(repeated(w_.isolated_power_loss, ev.isolated_power_loss), first_isolated->day,
          fmt::format(
              "power lost on this meter alone {} time{} since {} (no neighbour on its transformer logged "
              "it)",
              ev.isolated_power_loss, ev.isolated_power_loss == 1 ? "" : "s", when(*first_isolated)));
    if (loss_at_drop != nullptr)
      add(w_.power_loss_at_drop * theft_score_, loss_at_drop->day,
          fmt::format("power lost on this meter alone {}, {}", when(*loss_at_drop),
                      relation_to_drop(loss_at_drop->day)));
    if (unknown_losses > 0)
      add(repeated(w_.unknown_power_loss, unknown_losses), first_unknown_loss->day,
          fmt::format("power lost {} time{} since {} (neighbours unknown)", unknown_losses,
                      unknown_losses == 1 ? "" : "s", format_day(first_unknown_loss->day)));

    const auto& clock = ev.of(EventKind::clock_set);
    if (clock.count > 0) {
      const bool often = clock.count >= static_cast<std::uint32_t>(w_.clock_set_repeated);
      add(repeated(w_.clock_set, clock.count) + (often ? w_.clock_set_repeated_weight : 0.0), clock.first_day,
          fmt::format("clock set {} time{} since {}{}", clock.count, clock.count == 1 ? "" : "s",
                      format_day(clock.first_day), often ? " (repeatedly)" : ""));
    }
    if (clock_at_drop != nullptr)
      add(w_.clock_set_at_drop * theft_score_, clock_at_drop->day,
          fmt::format("clock set {}, {}", when(*clock_at_drop), relation_to_drop(clock_at_drop->day)));

    const auto& reverse = ev.of(EventKind::reverse_flow);
    if (reverse.count > 0)
      add(repeated(w_.reverse_flow_event, reverse.count), reverse.first_day,
          fmt::format("reverse flow logged {} time{} since {}", reverse.count, reverse.count == 1 ? "" : "s",
                      format_day(reverse.first_day)));
  }

  void physics() {
    const ReadingPhysics& p = evidence_.physics;
    const auto counted = [&](const PhysicsCounter& c, double cap, double half, const char* what) {
      add(physics_weight(c.count, cap, half), c.first(),
          fmt::format("{} reading{} {} since {}", c.count, c.count == 1 ? "" : "s", what,
                      format_day(c.first())));
    };
    if (p.energy_without_current.count > 0)
      counted(p.energy_without_current, w_.energy_without_current_cap, w_.energy_without_current_half,
              "with energy but no current");
    if (p.negative_energy.count > 0)
      counted(p.negative_energy, w_.negative_energy_cap, w_.negative_energy_half,
              "of negative kWh (reverse flow on a consumption meter)");
    if (p.energy_mismatch.count > 0)
      counted(p.energy_mismatch, w_.energy_mismatch_cap, w_.energy_mismatch_half,
              "whose kWh voltage x current x pf does not explain");
    const bool usually_draws = p.checked > 0 && static_cast<double>(p.drawing) >=
                                                    w_.usually_drawing_share * static_cast<double>(p.checked);
    if (p.live_without_current.count > 0 && usually_draws)
      counted(p.live_without_current, w_.live_without_current_cap, w_.live_without_current_half,
              "of live voltage with no current on a meter that usually draws");
  }

  TamperAssessment combine() {
    std::stable_sort(findings_.begin(), findings_.end(),
                     [](const TamperFinding& a, const TamperFinding& b) { return a.weight > b.weight; });
    TamperAssessment out;
    double none = 1.0;
    for (const TamperFinding& f : findings_) {
      none *= 1.0 - std::clamp(f.weight, 0.0, 1.0);
      if (f.weight >= w_.dating_weight && f.day != kNoDay &&
          (out.start_day == kNoDay || f.day < out.start_day))
        out.start_day = f.day;
    }
    out.score = std::clamp(1.0 - none, 0.0, 1.0);
    for (std::size_t i = 0; i < findings_.size() && i < 3; ++i)
      out.reasons += (i == 0 ? "" : "; ") + findings_[i].text;
    out.findings = std::move(findings_);
    return out;
  }

  const TamperEvidence& evidence_;
  const TheftSignal& theft_;
  const TamperWeights& w_;
  double theft_score_;
  std::vector<TamperFinding> findings_;
};

}  // namespace

TamperAssessment assess_tamper(const TamperEvidence& evidence, const TheftSignal& theft,
                               const TamperWeights& weights) {
  return Assessor(evidence, theft, weights).run();
}

}  // namespace minewatch
