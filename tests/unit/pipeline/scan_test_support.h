// tests: small readings files for batch scans, and comparing two scans meter by meter.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "minewatch/core/timestamp.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch::testing {

constexpr std::int64_t kScanStart = 1736121600;  // 2025-01-06T00:00:00Z, a Monday

// "m-00".."m-NN": every third meter a 5 kW miner, the others households.
inline std::vector<std::string> meter_names(int meters) {
  std::vector<std::string> ids;
  for (int i = 0; i < meters; ++i) ids.push_back(fmt::format("m-{:02}", i));
  return ids;
}

inline float load_kw(int meter, std::int64_t t) {
  if (meter % 3 == 0) return 5.0f;
  const std::int64_t hour = (t / 3600) % 24;
  const float base = 0.2f + 0.05f * static_cast<float>(meter % 5);
  return hour >= 17 && hour < 22 ? base + 2.5f : (hour >= 7 && hour < 9 ? base + 1.0f : base);
}

// The rows of a long readings file (no header): hourly readings of every meter, interleaved by time.
// `pad` adds a fourth column of that many characters (to make files big without more rows).
inline std::vector<std::string> long_rows(int meters, int days, std::size_t pad = 0, int first_day = 0) {
  const auto ids = meter_names(meters);
  std::vector<std::string> rows;
  const std::string padding(pad, 'p');
  for (std::int64_t t = kScanStart + first_day * 86400LL; t < kScanStart + (first_day + days) * 86400LL;
       t += 3600) {
    for (int m = 0; m < meters; ++m) {
      std::string row =
          fmt::format("{},{},{:.3f}", ids[static_cast<std::size_t>(m)], format_utc(t), load_kw(m, t));
      if (pad > 0) row += "," + padding;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

inline std::string join_file(const std::string& header, const std::vector<std::string>& rows) {
  std::string text = header + "\n";
  for (const auto& r : rows) text += r + "\n";
  return text;
}

inline bool same_float(float a, float b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

inline std::map<std::string, MeterScanResult> by_id(const BatchScanResult& result) {
  std::map<std::string, MeterScanResult> out;
  for (const auto& m : result.meters) {
    EXPECT_TRUE(out.emplace(m.id, m).second) << "meter twice in the result: " << m.id;
  }
  return out;
}

// Two scans of the same readings must agree on every meter's history and features, and on every count.
inline void expect_same_scan(const BatchScanResult& a, const BatchScanResult& b, const std::string& what) {
  EXPECT_EQ(a.data_rows, b.data_rows) << what;
  EXPECT_EQ(a.readings_accepted, b.readings_accepted) << what;
  EXPECT_EQ(a.days_closed, b.days_closed) << what;
  EXPECT_EQ(a.rejected, b.rejected) << what;
  const auto ma = by_id(a);
  const auto mb = by_id(b);
  ASSERT_EQ(ma.size(), mb.size()) << what;
  for (const auto& [id, x] : ma) {
    const auto it = mb.find(id);
    ASSERT_NE(it, mb.end()) << what << ": " << id;
    const MeterScanResult& y = it->second;
    EXPECT_EQ(x.zone, y.zone) << what << ": " << id;
    EXPECT_EQ(x.history.first_ts, y.history.first_ts) << what << ": " << id;
    EXPECT_EQ(x.history.last_ts, y.history.last_ts) << what << ": " << id;
    EXPECT_EQ(x.history.readings, y.history.readings) << what << ": " << id;
    EXPECT_EQ(x.history.late, y.history.late) << what << ": " << id;
    EXPECT_EQ(x.history.duplicates, y.history.duplicates) << what << ": " << id;
    EXPECT_EQ(x.history.days_closed, y.history.days_closed) << what << ": " << id;
    EXPECT_EQ(x.history.interval_s, y.history.interval_s) << what << ": " << id;
    const MiningFeatures& f = x.features;
    const MiningFeatures& g = y.features;
    for (const auto& [name, u, v] :
         {std::tuple{"mean_kw", f.mean_kw, g.mean_kw}, std::tuple{"base_kw", f.base_kw, g.base_kw},
          std::tuple{"peak_kw", f.peak_kw, g.peak_kw},
          std::tuple{"load_factor", f.load_factor, g.load_factor},
          std::tuple{"base_ratio", f.base_ratio, g.base_ratio},
          std::tuple{"night_day_ratio", f.night_day_ratio, g.night_day_ratio},
          std::tuple{"weekday_weekend_ratio", f.weekday_weekend_ratio, g.weekday_weekend_ratio},
          std::tuple{"daily_cv", f.daily_cv, g.daily_cv},
          std::tuple{"daily_change", f.daily_change, g.daily_change}}) {
      EXPECT_TRUE(same_float(u, v)) << what << ": " << id << " " << name << " " << u << " vs " << v;
    }
    EXPECT_EQ(f.complete_days, g.complete_days) << what << ": " << id;
    EXPECT_EQ(f.days_seen, g.days_seen) << what << ": " << id;
    EXPECT_EQ(f.hourly_shape, g.hourly_shape) << what << ": " << id;
  }
}

}  // namespace minewatch::testing
