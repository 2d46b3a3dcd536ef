// tests: synthetic closed days of a few kinds of load, fed to a MiningFeatureAccumulator.
#pragma once

#include <array>
#include <cstdint>
#include <functional>

#include "minewatch/detect/mining_features.h"
#include "minewatch/engine/day_record.h"

namespace minewatch::testing {

constexpr std::int64_t kMonday20250106 = 20094;

// A complete day of hourly readings; kw(hour) is the mean power of each local hour.
inline DayRecord hourly_day(std::int64_t day, const std::function<float(int hour)>& kw) {
  DayRecord r;
  r.day = day;
  r.start_utc = day * 86400;
  r.interval_s = 3600;
  r.readings = 24;
  r.expected = 24;
  r.hours = 24;
  r.weekday = iso_weekday(day);
  for (int h = 0; h < 24; ++h) {
    r.hourly_kwh[static_cast<std::size_t>(h)] = kw(h);
    r.kwh += kw(h);
  }
  return r;
}

// A complete day of daily data: one reading, no intra-day shape.
inline DayRecord daily_day(std::int64_t day, float kwh) {
  DayRecord r;
  r.day = day;
  r.start_utc = day * 86400;
  r.interval_s = 86400;
  r.readings = 1;
  r.expected = 1;
  r.hours = 24;
  r.weekday = iso_weekday(day);
  r.kwh = kwh;
  return r;
}

// A deterministic wobble in [-amplitude, +amplitude] for day d and hour h.
inline float wobble(std::int64_t d, int h, float amplitude) {
  std::uint64_t x = static_cast<std::uint64_t>(d * 131 + h * 7919 + 17);
  x ^= x >> 13;
  x *= 0x9e3779b97f4a7c15ULL;
  x ^= x >> 29;
  return amplitude * (static_cast<float>(x % 2001) / 1000.0f - 1.0f);
}

// A household: low at night, a morning and a bigger evening peak, more at home at the weekend.
inline float household_kw(std::int64_t day, int h) {
  const bool weekend = iso_weekday(day) >= 5;
  float kw = 0.3f;
  if (h >= 6 && h < 7) kw = 0.6f;
  if (h >= 7 && h < 9) kw = 2.0f;
  if (h >= 9 && h < 17) kw = weekend ? 1.2f : 0.6f;
  if (h >= 17 && h < 22) kw = 3.0f;
  if (h >= 22) kw = 0.8f;
  return kw * (1.0f + wobble(day, h, 0.25f));
}

// An office: 20 kW on weekday working hours (08-18), 1 kW otherwise.
inline float business_kw(std::int64_t day, int h) {
  const bool working = iso_weekday(day) < 5 && h >= 8 && h < 18;
  return (working ? 20.0f : 1.0f) * (1.0f + wobble(day, h, 0.05f));
}

}  // namespace minewatch::testing
