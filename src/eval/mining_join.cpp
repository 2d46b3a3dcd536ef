#include "minewatch/eval/mining_join.h"

#include <map>
#include <string_view>
#include <unordered_map>

#include "minewatch/eval/utility_baseline.h"

namespace minewatch {
namespace {

constexpr std::size_t kExamplesKept = 5;

// The local days of a meter's first and last reading; has is false without readings.
struct DataDays {
  bool has = false;
  std::int64_t first = 0;
  std::int64_t last = 0;
};

class DataDayFinder {
 public:
  explicit DataDayFinder(const ZoneTable& zones) : zones_(zones) {}

  DataDays of(const MeterScanResult& meter) {
    DataDays out;
    if (meter.history.readings == 0) return out;
    auto it = clocks_.find(meter.zone);
    if (it == clocks_.end()) it = clocks_.emplace(meter.zone, ZoneClock(zones_.zone(meter.zone))).first;
    out.has = true;
    out.first = it->second.day_of(meter.history.first_ts).day;
    out.last = it->second.day_of(meter.history.last_ts).day;
    return out;
  }

 private:
  const ZoneTable& zones_;
  std::map<ZoneId, ZoneClock> clocks_;
};

// Is a true switch-on (switch-off) day one the data can show? The truth's own tag says so for simulated
// grids (the step may fall within the first day, at an hour); otherwise the day must lie inside the readings.
bool start_in_data(const TruthRow& truth, const DataDays& days) {
  if (truth.mining_start == kNoDay) return false;
  if (days.has && truth.mining_start > days.last) return false;
  return truth.has_behaviour("start_step") || (days.has && truth.mining_start > days.first);
}

bool end_in_data(const TruthRow& truth, const DataDays& days) {
  if (truth.mining_end == kNoDay) return false;
  if (days.has && (truth.mining_end < days.first || truth.mining_end > days.last)) return false;
  return truth.has_behaviour("stop") || days.has;
}

}  // namespace

JoinedMeters join_with_truth(const std::vector<SuspectRow>& rows, const TruthTable& truth,
                             const ZoneTable& zones) {
  JoinedMeters out;
  out.counts.scanned = rows.size();
  std::unordered_map<std::string_view, const SuspectRow*> scanned;
  scanned.reserve(rows.size());
  for (const auto& row : rows) {
    scanned.emplace(row.scan->id, &row);
    if (truth.find(row.scan->id) != nullptr) continue;
    ++out.counts.scanned_not_in_truth;
    if (out.counts.not_in_truth_examples.size() < kExamplesKept)
      out.counts.not_in_truth_examples.push_back(row.scan->id);
  }

  DataDayFinder data_days(zones);
  out.meters.reserve(truth.size());
  for (const TruthRow& t : truth.rows()) {
    EvalMeter& m = out.meters.emplace_back();
    m.id = t.meter_id;
    m.positive = t.is_mining();
    m.meter_class = t.meter_class;
    m.disguise = t.disguise;
    m.behaviour = t.behaviour;
    m.true_kw = t.mining_kw;
    m.true_start = t.mining_start;
    m.true_end = t.mining_end;
    m.true_rig_count = t.rig_count;
    const auto it = scanned.find(t.meter_id);
    DataDays days;
    if (it == scanned.end()) {
      ++out.counts.truth_not_in_scan;
    } else {
      const SuspectRow& row = *it->second;
      m.scanned = true;
      m.score = std::isnan(row.mining.score) ? 0.0 : row.mining.score;
      const BaselineVerdict baseline = utility_baseline(row.scan->features);
      m.baseline_score = baseline.score;
      m.baseline_flagged = baseline.flagged;
      m.est_kw = row.mining.estimated_kw;
      m.est_start = row.mining.start_day;
      m.est_end = row.mining.end_day;
      m.rig_count = row.mining.rig_count;
      days = data_days.of(*row.scan);
    }
    if (!days.has) ++out.counts.truth_without_readings;
    m.start_in_data = start_in_data(t, days);
    m.end_in_data = end_in_data(t, days);
  }
  return out;
}

}  // namespace minewatch
