// assess_tamper: each rule an inspector would apply, the day tampering began, the reasons, and a score that
// only grows with evidence.
#include "minewatch/detect/tamper_score.h"

#include <gtest/gtest.h>

#include <random>

namespace minewatch {
namespace {

constexpr std::int64_t kDay = 20148;  // 2025-03-01

DatedEvent event(EventKind kind, std::int64_t day, int hour, bool shared = false) {
  DatedEvent e;
  e.kind = kind;
  e.day = day;
  e.local_second = hour * 3600;
  e.in_working_hours = hour >= 8 && hour < 18;
  e.shared = shared;
  return e;
}

// Builds the evidence the way TamperEventIndex summarises events.
TamperEvidence with_events(std::vector<DatedEvent> events, bool neighbours_known = true) {
  TamperEvidence ev;
  ev.events.neighbours_known = neighbours_known;
  std::vector<std::int64_t> magnet_days;
  for (const DatedEvent& e : events) {
    auto& s = ev.events.by_kind[static_cast<std::size_t>(e.kind)];
    ++s.count;
    if (s.first_day == kNoDay || e.day < s.first_day) s.first_day = e.day;
    if (s.last_day == kNoDay || e.day > s.last_day) s.last_day = e.day;
    if (e.kind == EventKind::magnetic_field) {
      ++ev.events.magnet_episodes;
      if (std::find(magnet_days.begin(), magnet_days.end(), e.day) == magnet_days.end())
        magnet_days.push_back(e.day);
    }
    if (e.kind == EventKind::power_loss && neighbours_known)
      ++(e.shared ? ev.events.shared_power_loss : ev.events.isolated_power_loss);
  }
  ev.events.magnet_days = static_cast<std::uint32_t>(magnet_days.size());
  ev.events.events = std::move(events);
  return ev;
}

TEST(TamperScore, NoEvidenceNoScore) {
  const auto a = assess_tamper(TamperEvidence{}, TheftSignal{0.9, kDay});
  EXPECT_EQ(a.score, 0.0);
  EXPECT_EQ(a.start_day, kNoDay);
  EXPECT_EQ(a.reasons, "");
}

TEST(TamperScore, CoverOpenedBeforeADropIsStrong) {
  const auto ev = with_events({event(EventKind::cover_open, kDay - 1, 21)});
  TheftSignal theft{1.0, kDay};
  theft.drop_share = 0.62;
  const auto a = assess_tamper(ev, theft);
  EXPECT_GE(a.score, 0.85);
  EXPECT_EQ(a.start_day, kDay - 1);
  EXPECT_EQ(a.reasons, "cover opened 2025-02-28 21:00, 1 day before a 62% drop in reported kWh");
  // The same cover with no drop is a lone cover; far from the drop it is one too.
  EXPECT_LT(assess_tamper(ev, TheftSignal{}).score, 0.35);
  EXPECT_LT(assess_tamper(ev, TheftSignal{1.0, kDay + 30}).score, 0.35);
  // A weaker theft score weighs less.
  EXPECT_LT(assess_tamper(ev, TheftSignal{0.5, kDay}).score, a.score);
}

TEST(TamperScore, LoneCoverInWorkingHoursIsWeak) {
  const auto inspection = assess_tamper(with_events({event(EventKind::cover_open, kDay, 10)}), TheftSignal{});
  EXPECT_GT(inspection.score, 0.0);
  EXPECT_LT(inspection.score, 0.1);
  EXPECT_EQ(inspection.start_day, kNoDay);  // too weak to date anything
  EXPECT_NE(inspection.reasons.find("in working hours"), std::string::npos);
  const auto night = assess_tamper(with_events({event(EventKind::cover_open, kDay, 23)}), TheftSignal{});
  EXPECT_GT(night.score, inspection.score);
  EXPECT_LT(night.score, 0.5);
}

TEST(TamperScore, MagnetIsStrongAloneAndGrowsWithDays) {
  const auto one = assess_tamper(with_events({event(EventKind::magnetic_field, kDay, 3)}), TheftSignal{});
  EXPECT_GE(one.score, 0.5);
  EXPECT_EQ(one.start_day, kDay);
  std::vector<DatedEvent> many;
  for (int d = 0; d < 14; d += 2) many.push_back(event(EventKind::magnetic_field, kDay + d, 3));
  const auto often = assess_tamper(with_events(many), TheftSignal{});
  EXPECT_GT(often.score, 0.95);
  EXPECT_EQ(often.reasons, "magnet detected on 7 days (7 episodes) since 2025-03-01");
}

TEST(TamperScore, OutageSharedByTheTransformerIsNothing) {
  const auto outage =
      assess_tamper(with_events({event(EventKind::power_loss, kDay, 3, true)}), TheftSignal{1.0, kDay});
  EXPECT_EQ(outage.score, 0.0);
  const auto alone =
      assess_tamper(with_events({event(EventKind::power_loss, kDay, 3, false)}), TheftSignal{});
  EXPECT_GT(alone.score, 0.05);
  EXPECT_LT(alone.score, 0.2);
  const auto alone_at_drop =
      assess_tamper(with_events({event(EventKind::power_loss, kDay, 3, false)}), TheftSignal{1.0, kDay + 1});
  EXPECT_GT(alone_at_drop.score, 0.5);
  const auto unknown =
      assess_tamper(with_events({event(EventKind::power_loss, kDay, 3)}, false), TheftSignal{});
  EXPECT_LT(unknown.score, 0.05);
}

TEST(TamperScore, ClockSetIsWeakUnlessRepeatedOrAtADrop) {
  const auto once = assess_tamper(with_events({event(EventKind::clock_set, kDay, 3)}), TheftSignal{});
  EXPECT_LT(once.score, 0.05);
  const auto thrice = assess_tamper(
      with_events({event(EventKind::clock_set, kDay, 3), event(EventKind::clock_set, kDay + 4, 3),
                   event(EventKind::clock_set, kDay + 9, 3)}),
      TheftSignal{});
  EXPECT_GT(thrice.score, 0.25);
  const auto at_drop =
      assess_tamper(with_events({event(EventKind::clock_set, kDay, 3)}), TheftSignal{1.0, kDay});
  EXPECT_GT(at_drop.score, 0.45);
}

TEST(TamperScore, PhysicsViolationsAreStrong) {
  TamperEvidence ev;
  ev.physics.checked = 100;
  ev.physics.drawing = 90;
  for (int i = 0; i < 4; ++i) ev.physics.energy_without_current.add(kDay + 3);
  const auto a = assess_tamper(ev, TheftSignal{});
  EXPECT_GT(a.score, 0.8);
  EXPECT_EQ(a.start_day, kDay + 3);
  EXPECT_EQ(a.reasons, "4 readings with energy but no current since 2025-03-04");

  TamperEvidence negative;
  negative.physics.negative_energy.add(kDay);
  EXPECT_GE(assess_tamper(negative, TheftSignal{}).score, 0.4);

  TamperEvidence mismatch;
  for (int i = 0; i < 10; ++i) mismatch.physics.energy_mismatch.add(kDay);
  EXPECT_GT(assess_tamper(mismatch, TheftSignal{}).score, 0.8);
}

TEST(TamperScore, LiveVoltageWithoutCurrentCountsOnlyOnAMeterThatUsuallyDraws) {
  TamperEvidence ev;
  ev.physics.checked = 100;
  ev.physics.drawing = 80;
  for (int i = 0; i < 16; ++i) ev.physics.live_without_current.add(kDay);
  EXPECT_GT(assess_tamper(ev, TheftSignal{}).score, 0.4);
  ev.physics.drawing = 10;  // an empty holiday home: no current most of the time is its normal
  EXPECT_EQ(assess_tamper(ev, TheftSignal{}).score, 0.0);
}

TEST(TamperScore, ScoreOnlyGrowsWithEvidence) {
  std::mt19937 rng(7);
  const EventKind kinds[] = {EventKind::cover_open, EventKind::magnetic_field, EventKind::reverse_flow,
                             EventKind::clock_set,  EventKind::power_loss,     EventKind::other};
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<DatedEvent> events;
    const int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i)
      events.push_back(event(kinds[rng() % 6], kDay + static_cast<int>(rng() % 20),
                             static_cast<int>(rng() % 24), rng() % 2 == 0));
    const TheftSignal theft{static_cast<double>(rng() % 100) / 100.0, kDay + static_cast<int>(rng() % 20)};
    TamperEvidence before = with_events(events);
    before.physics.checked = 10;
    before.physics.drawing = 8;
    const double base = assess_tamper(before, theft).score;
    // One more event of any kind.
    auto more = events;
    more.push_back(event(kinds[rng() % 6], kDay + static_cast<int>(rng() % 20), static_cast<int>(rng() % 24),
                         rng() % 2 == 0));
    TamperEvidence after = with_events(more);
    after.physics = before.physics;
    EXPECT_GE(assess_tamper(after, theft).score, base - 1e-12) << trial;
    // One more physics violation.
    TamperEvidence physics = before;
    physics.physics.energy_mismatch.add(kDay);
    physics.physics.live_without_current.add(kDay);
    EXPECT_GE(assess_tamper(physics, theft).score, base - 1e-12) << trial;
    // A higher theft score.
    TheftSignal stronger = theft;
    stronger.score = std::min(1.0, theft.score + 0.2);
    EXPECT_GE(assess_tamper(before, stronger).score, base - 1e-12) << trial;
    EXPECT_GE(base, 0.0);
    EXPECT_LE(base, 1.0);
  }
}

}  // namespace
}  // namespace minewatch
