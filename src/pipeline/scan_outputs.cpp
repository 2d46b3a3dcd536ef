#include "minewatch/pipeline/scan_outputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/pipeline/scan_cases.h"
#include "minewatch/pipeline/tamper_scan.h"

namespace minewatch {
namespace {

// Blank for "not measurable", else a fixed number of decimals.
std::string number(float value, int decimals) {
  if (std::isnan(value)) return {};
  return fmt::format("{:.{}f}", value, decimals);
}

}  // namespace

std::vector<SuspectRow> build_suspect_rows(const BatchScanResult& scan, const SuspectScoring& scoring,
                                           std::vector<MeterScanResult>& silent_meters,
                                           learn::FeatureMatrix* model_input) {
  const MeterRegistry* registry = scoring.mining.registry;
  const MeterEvents* events = scoring.events;
  silent_meters.clear();
  if (registry != nullptr) {
    // Registered meters that sent nothing are listed too: a silent meter is itself worth a look.
    std::vector<std::string_view> seen;
    seen.reserve(scan.meters.size());
    for (const auto& meter : scan.meters) seen.push_back(meter.id);
    std::sort(seen.begin(), seen.end());
    for (const auto& info : registry->meters()) {
      if (!std::binary_search(seen.begin(), seen.end(), std::string_view(info.id))) {
        MeterScanResult silent;
        silent.id = info.id;
        silent.zone = info.zone;
        silent_meters.push_back(std::move(silent));
      }
    }
  }
  std::vector<const MeterScanResult*> meters;
  meters.reserve(scan.meters.size() + silent_meters.size());
  for (const auto& meter : scan.meters) meters.push_back(&meter);
  for (const auto& meter : silent_meters) meters.push_back(&meter);
  MiningScores scores = score_mining(meters, scoring.mining);
  TheftScores thefts = score_theft(meters, scoring.theft_model, scoring.mining.threads,
                                   scoring.mining.score.suspect_threshold);
  std::optional<TamperEventIndex> event_index;
  if (events != nullptr && scoring.zones != nullptr) event_index.emplace(*events, registry, *scoring.zones);

  std::vector<SuspectRow> rows(meters.size());
  for (std::size_t i = 0; i < meters.size(); ++i) {
    SuspectRow& row = rows[i];
    row.scan = meters[i];
    row.mining = std::move(scores.assessments[i]);
    row.profile = scores.profiles[i];
    row.context = scores.contexts[i];
    row.theft = std::move(thefts.assessments[i]);
    // Tampering that began with a drop in reported kWh is told by the theft detector's start and size.
    const TheftEvidence& drop = thefts.evidence[i];
    const TheftSignal signal{row.theft.score, row.theft.start_day,
                             std::isnan(drop.drop_ratio) ? NAN : std::max(0.0, 1.0 - drop.drop_ratio)};
    row.tamper = assess_meter_tamper(*meters[i], event_index ? &*event_index : nullptr, signal);
    row.model_row = i;
    if (registry != nullptr) row.info = registry->find(row.scan->id);
    if (events != nullptr) row.events = events->find(row.scan->id);
  }
  std::sort(rows.begin(), rows.end(), [](const SuspectRow& a, const SuspectRow& b) {
    if (a.mining.score != b.mining.score) return a.mining.score > b.mining.score;
    return a.scan->id < b.scan->id;
  });
  if (model_input != nullptr) *model_input = std::move(scores.model_input);
  return rows;
}

void write_model_features_csv(const std::string& path, const std::vector<SuspectRow>& rows,
                              const learn::FeatureMatrix& model_input) {
  AtomicFile file(path);
  std::string line = "meter_id";
  for (const auto& name : model_input.columns()) line += "," + name;
  line += "\n";
  file.write(line);
  for (const auto& row : rows) {
    line = csv_quoted(row.scan->id);
    for (float v : model_input.row(row.model_row)) {
      line += ',';
      if (!std::isnan(v)) line += fmt::format("{:.6g}", v);
    }
    line += '\n';
    file.write(line);
  }
  file.commit();
}

void write_suspects_csv(const std::string& path, const std::vector<SuspectRow>& rows,
                        const ZoneTable& zones) {
  AtomicFile file(path);
  file.write(
      "meter_id,mining_score,rule_score,est_mining_kw,est_rigs,rig_model,mining_start,mining_end,other_load_"
      "kw,"
      "mean_kw,base_kw,peak_kw,load_factor,base_ratio,night_day_ratio,"
      "weekday_weekend_ratio,daily_cv,daily_change,first_reading,last_reading,days_seen,complete_days,"
      "readings,interval_min,"
      "block_kw,step_kw,temp_share,peer_ratio,region,tz,events,reason,"
      "theft_score,theft_start,theft_reason,tamper_score,tamper_start,tamper_reason,net_score,mining_net_"
      "score,"
      "net_reason\n");
  std::string line;
  for (const auto& row : rows) {
    const MeterScanResult& m = *row.scan;
    const MiningFeatures& f = m.features;
    const MeterHistory& h = m.history;
    const bool has_readings = h.readings > 0;
    line = fmt::format(
        "{},{:.4f},{:.4f},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}"
        ",{},{:.4f},{},{},{:.4f},{},{},{},{},{}\n",
        csv_quoted(m.id), row.mining.score, row.mining.rule_score,
        row.mining.estimated_kw > 0 ? number(row.mining.estimated_kw, 2) : "",
        row.mining.rig_count > 0 ? std::to_string(row.mining.rig_count) : "",
        csv_quoted(row.mining.rig_model),
        row.mining.start_day != kNoDay ? format_day(row.mining.start_day) : "",
        row.mining.end_day != kNoDay ? format_day(row.mining.end_day) : "",
        row.mining.estimated_kw > 0 ? number(row.mining.other_load_kw, 2) : "", number(f.mean_kw, 3),
        number(f.base_kw, 3), number(f.peak_kw, 3), number(f.load_factor, 3), number(f.base_ratio, 3),
        number(f.night_day_ratio, 3), number(f.weekday_weekend_ratio, 3), number(f.daily_cv, 3),
        number(f.daily_change, 3), has_readings ? format_utc(h.first_ts) : "",
        has_readings ? format_utc(h.last_ts) : "", f.days_seen, f.complete_days, h.readings,
        h.interval_s > 0 ? std::to_string(h.interval_s / 60) : "", number(row.profile.block_kw, 2),
        number(row.profile.step_kw, 2), number(row.profile.temp_share, 3),
        number(row.context.peer_mean_kw > 0 ? f.mean_kw / row.context.peer_mean_kw : NAN, 2),
        row.info ? csv_quoted(row.info->region) : "", zones.name(m.zone), row.events ? row.events->total : 0,
        csv_quoted(row.mining.reason), row.theft.score,
        row.theft.start_day != kNoDay ? format_day(row.theft.start_day) : "", csv_quoted(row.theft.reason),
        row.tamper.score, row.tamper.start_day != kNoDay ? format_day(row.tamper.start_day) : "",
        csv_quoted(row.tamper.reasons),
        row.network.net_score >= 0 ? number(static_cast<float>(row.network.net_score), 2) : "",
        std::isnan(row.network.mining_with_net) ? ""
                                                : number(static_cast<float>(row.network.mining_with_net), 4),
        csv_quoted(row.network.reason));
    file.write(line);
  }
  file.commit();
}

void write_summary_json(const std::string& path, const BatchScanResult& scan,
                        const std::vector<SuspectRow>& rows, const SummaryInputs& inputs,
                        const ScanTimings& timings, float suspect_threshold, bool skip_bad_rows) {
  nlohmann::ordered_json j;
  j["tool"] = "minewatch scan";
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : scan.files) {
    files.push_back({{"path", f.path},
                     {"format", f.format},
                     {"compression", f.compression},
                     {"bytes", f.bytes},
                     {"data_rows", f.data_rows}});
  }
  j["inputs"] = {
      {"readings", files},
      {"meters", inputs.meters.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.meters)},
      {"events", inputs.events.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.events)},
      {"weather", inputs.weather.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.weather)},
      {"mining_model",
       inputs.model.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.model)},
      {"theft_model",
       inputs.theft_model.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.theft_model)},
      {"policy", inputs.policy.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.policy)},
      {"net", inputs.net.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(inputs.net)}};
  std::uint64_t suspects = 0;
  std::uint64_t theft_suspects = 0;
  std::uint64_t tamper_suspects = 0;
  std::uint64_t meters_with_readings = 0;
  for (const auto& row : rows) {
    if (row.mining.score >= suspect_threshold) ++suspects;
    if (row.theft.score >= suspect_threshold) ++theft_suspects;
    if (row.tamper.score >= suspect_threshold) ++tamper_suspects;
    if (row.scan->history.readings > 0) ++meters_with_readings;
  }
  const auto [first_day, last_day] = scan_period(rows);
  // The local days the readings cover: the period of the regional report's "new farms".
  if (first_day <= last_day) j["period"] = {{"from", format_day(first_day)}, {"to", format_day(last_day)}};
  std::uint64_t rejected_total = 0;
  nlohmann::ordered_json rejected = nlohmann::ordered_json::object();
  for (std::size_t i = 1; i < kRowProblemCount; ++i) {
    rejected[std::string(row_problem_name(static_cast<RowProblem>(i)))] = scan.rejected[i];
    rejected_total += scan.rejected[i];
  }
  j["counts"] = {{"meters", rows.size()},
                 {"meters_with_readings", meters_with_readings},
                 {"data_rows", scan.data_rows},
                 {"readings_accepted", scan.readings_accepted},
                 {"rejected_total", rejected_total},
                 {"rejected", rejected},
                 {"days", scan.days_closed},
                 {"suspected_mining", suspects},
                 {"suspected_theft", theft_suspects},
                 {"suspected_tampering", tamper_suspects}};
  j["settings"] = {
      {"threads", scan.threads}, {"skip_bad_rows", skip_bad_rows}, {"suspect_threshold", suspect_threshold}};
  const double rate = timings.read_and_engine_s > 0
                          ? static_cast<double>(scan.readings_accepted) / timings.read_and_engine_s
                          : 0;
  j["timings_s"] = {{"read_and_engine", timings.read_and_engine_s},
                    {"scoring", timings.scoring_s},
                    {"write", timings.write_s},
                    {"cases", timings.cases_s},
                    {"total", timings.total_s},
                    {"readings_per_s", rate}};
  AtomicFile file(path);
  file.write(j.dump(2));
  file.write("\n");
  file.commit();
}

}  // namespace minewatch
