#include "minewatch/pipeline/transformer_balance.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "minewatch/core/timestamp.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/io/csv_header.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/io/weather_table.h"

namespace minewatch {
namespace {

constexpr const char* kUnmetered = "unmetered";

std::string percent(float share) {
  return fmt::format("{:.1f}%", 100.0 * share);
}

std::string describe(const TransformerRow& row, const BalanceConfig& config) {
  const BalanceAnalysis& a = row.analysis;
  if (a.days == 0) return "no day with both the balance and the customer meters";
  // Where the losses come from, when not from the share before the deficit began (docs/balance.md, step 4).
  std::string losses = percent(a.loss_share);
  if (a.losses_measured) {
    losses += a.deficit_start != kNoDay
                  ? " (measured on its feed: the share before the start holds an older deficit)"
                  : " (measured on its feed: the share on all days holds the deficit)";
  }
  // With the default flag these are the same test; a flag set above the half score (config/minewatch.toml)
  // leaves real deficits unflagged, and their text says so.
  if (a.score < 0.5f && a.score < config.flag_score) {
    return fmt::format(
        "balance within technical losses: {} of the feed unaccounted for, losses estimated at {}",
        percent(a.raw_deficit_share), losses);
  }
  std::string text =
      fmt::format("{:.0f} kWh a day unaccounted for ({} of the feed) after technical losses of {}",
                  a.deficit_kwh_per_day, percent(a.unexplained_share), losses);
  if (a.deficit_start != kNoDay) {
    text += " since " + format_day(a.deficit_start);
  } else {
    text += ", already at the start of the data";
  }
  if (a.score < config.flag_score)
    return text + fmt::format("; not flagged (score {:.2f} below the flag {:.2f}): no culprit named", a.score,
                              config.flag_score);
  if (a.culprit_is_meter) {
    const BalanceSuspect& s = a.suspects.front();
    const std::string& id = row.meter_ids[s.meter];
    if (s.drop_kwh_per_day > 0) {
      text += fmt::format("; {}'s reported energy fell by {:.0f} kWh a day at the same time", id,
                          s.drop_kwh_per_day);
    } else if (s.drop_kwh_per_day < 0) {
      text += fmt::format(
          "; {}'s reported energy rose by {:.0f} kWh a day with it (a meter that shows only part of "
          "its load)",
          id, -s.drop_kwh_per_day);
    } else {
      text += fmt::format(
          "; it follows {}'s reported energy day by day (a meter that shows only part of its load)", id);
    }
    text += fmt::format(" and explains {:.0f}% of it", 100.0 * s.share);
  } else if (a.deficit_start != kNoDay) {
    text += "; no customer meter moved with it: energy taken before the meters (a tap)";
  } else {
    text += "; with no start in the data no meter can be singled out: a tap, or a theft older than the data";
  }
  if (a.silent_meters > 0)
    text += fmt::format("; {} meters sent no complete day (counted as 0 kWh)", a.silent_meters);
  return text;
}

std::string format_share(float v) {
  return std::isnan(v) ? std::string() : fmt::format("{:.4f}", v);
}

}  // namespace

std::vector<TransformerRow> build_transformer_rows(const BalanceScanResult& balance,
                                                   const std::vector<MeterScanResult>& meters,
                                                   const MeterRegistry& registry, const BalanceConfig& config,
                                                   const WeatherTable* weather) {
  std::unordered_map<std::string_view, const MeterScanResult*> scanned;
  scanned.reserve(meters.size());
  for (const auto& m : meters) scanned.emplace(m.id, &m);
  std::unordered_map<std::string_view, std::vector<const MeterInfo*>> by_transformer;
  for (const MeterInfo& info : registry.meters())
    if (!info.transformer_id.empty()) by_transformer[info.transformer_id].push_back(&info);

  // One transformer's analysis, given the network's typical loss share (NaN: the configured one).
  const auto analyse = [&](const TransformerSeries& t, TransformerRow& row, float typical) {
    BalanceInput input;
    input.first_day = t.series.first_day();
    std::vector<float> balance_kwh;
    balance_kwh.reserve(t.series.size());
    for (const DaySummary& d : t.series.days()) balance_kwh.push_back(d.kwh);
    input.balance_kwh = balance_kwh;
    // Each meter's kWh column, kept alive for the analysis.
    std::vector<std::vector<float>> columns;
    row.meter_ids.clear();
    const auto it = by_transformer.find(t.transformer_id);
    if (it != by_transformer.end()) {
      row.region = it->second.front()->region;
      for (const MeterInfo* info : it->second) {
        row.meter_ids.push_back(info->id);
        std::vector<float> kwh;
        std::int64_t first = input.first_day;
        if (const auto s = scanned.find(info->id); s != scanned.end() && !s->second->series.empty()) {
          first = s->second->series.first_day();
          for (const DaySummary& d : s->second->series.days()) kwh.push_back(d.kwh);
        }
        columns.push_back(std::move(kwh));
        input.meters.push_back({first, {}});
      }
      for (std::size_t i = 0; i < columns.size(); ++i) input.meters[i].kwh = columns[i];
    }
    // The region's temperatures (a transformer feeds one place): the course a tap of heaters follows.
    std::vector<float> temperatures;
    if (weather != nullptr && !row.region.empty())
      temperatures = weather->temperatures(row.region, input.first_day, balance_kwh.size());
    input.temperature_c = temperatures;
    row.analysis = analyse_transformer_balance(input, config, typical);
    row.analysis.unexplained.clear();  // the rows keep the totals only
    row.analysis.unexplained.shrink_to_fit();
  };

  std::vector<TransformerRow> rows(balance.transformers.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].transformer_id = balance.transformers[i].transformer_id;
    analyse(balance.transformers[i], rows[i], NAN);
  }
  // The network's typical losses, measured on the transformers whose feed varied enough to measure their own;
  // the transformers whose losses may be measured are analysed again with it, the others' taps deduct it.
  std::vector<const BalanceAnalysis*> analyses;
  for (const TransformerRow& row : rows) analyses.push_back(&row.analysis);
  if (const float typical = network_loss_share(analyses, config); !std::isnan(typical)) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].analysis.losses_measurable)
        analyse(balance.transformers[i], rows[i], typical);
      else
        set_tap_share(rows[i].analysis, typical, config);
    }
  }
  for (TransformerRow& row : rows) {
    if (row.analysis.score >= config.flag_score)
      row.culprit =
          row.analysis.culprit_is_meter ? row.meter_ids[row.analysis.suspects.front().meter] : kUnmetered;
    row.reason = describe(row, config);
  }
  std::sort(rows.begin(), rows.end(), [](const TransformerRow& a, const TransformerRow& b) {
    return a.analysis.score != b.analysis.score ? a.analysis.score > b.analysis.score
                                                : a.transformer_id < b.transformer_id;
  });
  return rows;
}

void write_transformers_csv(const std::string& path, const std::vector<TransformerRow>& rows) {
  AtomicFile file(path);
  file.write(
      "transformer_id,region,meters,days,balance_kwh,metered_kwh,loss_share,loss_kwh,deficit_kwh,"
      "deficit_kwh_per_day,unexplained_share,score,tap_score,tap_loss_share,deficit_start,culprit,suspects,"
      "raw_deficit_share,naive_suspect,reason\n");
  std::string line;
  for (const TransformerRow& row : rows) {
    const BalanceAnalysis& a = row.analysis;
    std::string suspects;
    for (const BalanceSuspect& s : a.suspects)
      suspects += fmt::format("{}{}:{:.2f}", suspects.empty() ? "" : ";", row.meter_ids[s.meter], s.share);
    line =
        fmt::format("{},{},{},{},{:.3f},{:.3f},{},{:.3f},{:.3f},{},{},{:.6f},{:.6f},{},{},{},{},{},{},{}\n",
                    csv_quoted(row.transformer_id), csv_quoted(row.region), row.meter_ids.size(), a.days,
                    a.balance_kwh, a.metered_kwh, format_share(a.loss_share), a.loss_kwh, a.deficit_kwh,
                    std::isnan(a.deficit_kwh_per_day) ? "" : fmt::format("{:.3f}", a.deficit_kwh_per_day),
                    format_share(a.unexplained_share), a.score, a.tap_score, format_share(a.tap_loss_share),
                    a.deficit_start == kNoDay ? "" : format_day(a.deficit_start), csv_quoted(row.culprit),
                    csv_quoted(suspects), format_share(a.raw_deficit_share),
                    a.largest_drop_meter == SIZE_MAX ? "" : csv_quoted(row.meter_ids[a.largest_drop_meter]),
                    csv_quoted(row.reason));
    file.write(line);
  }
  file.commit();
}

}  // namespace minewatch
