// suspects.csv and summary.json: the order of the rows, registered meters without readings, and the columns.
#include "minewatch/pipeline/scan_outputs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "minewatch/io/meter_events.h"
#include "minewatch/io/meter_registry.h"
#include "support/temp_dir.h"
#include "unit/pipeline/scan_test_support.h"

namespace minewatch {
namespace {

MiningScoringOptions registry_scoring(const MeterRegistry& registry) {
  MiningScoringOptions options;
  options.registry = &registry;
  return options;
}

using minewatch::testing::join_file;
using minewatch::testing::long_rows;
using minewatch::testing::read_file;
using minewatch::testing::TempDir;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

// The cells of a CSV line; a quoted cell (reasons hold commas) loses its quotes, doubled quotes become one.
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

class ScanOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    zones_.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
    // m-00 and m-03 mine (5 kW flat); m-01, m-02 and m-04 are households.
    readings_ = dir_.write("r.csv", join_file("meter_id,ts,kwh", long_rows(5, 14)));
    BatchScanOptions options;
    options.readings_files = {readings_};
    options.threads = 2;
    scan_ = run_batch_scan(options, zones_);
  }

  TempDir dir_;
  ZoneTable zones_;
  std::string readings_;
  BatchScanResult scan_;
};

TEST_F(ScanOutputs, RowsAreOrderedByScoreThenId) {
  std::vector<MeterScanResult> silent;
  const auto rows = build_suspect_rows(scan_, SuspectScoring{}, silent);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].scan->id, "m-00");
  EXPECT_EQ(rows[1].scan->id, "m-03");
  EXPECT_EQ(rows[0].mining.score, rows[1].mining.score);
  EXPECT_GE(rows[0].mining.score, 0.9f);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_GE(rows[i - 1].mining.score, rows[i].mining.score);
    if (rows[i - 1].mining.score == rows[i].mining.score) {
      EXPECT_LT(rows[i - 1].scan->id, rows[i].scan->id);
    }
  }
  for (std::size_t i = 2; i < rows.size(); ++i) EXPECT_LT(rows[i].mining.score, 0.5f) << rows[i].scan->id;
  EXPECT_TRUE(silent.empty());
  EXPECT_EQ(rows[0].info, nullptr);
  EXPECT_EQ(rows[0].events, nullptr);
}

TEST_F(ScanOutputs, RegisteredMetersWithoutReadingsAreListed) {
  const auto registry = MeterRegistry::load(
      dir_.write("meters.csv",
                 "meter_id,region\nm-00,RU-IRK\nm-01,RU-IRK\nm-02,RU-IRK\nm-03,RU-IRK\nm-04,RU-IRK\n"
                 "quiet,RU-KAM\n"),
      zones_);
  const auto events = MeterEvents::load(
      dir_.write("events.csv",
                 "meter_id,ts,code\nm-03,2025-01-07T00:00:00Z,cover_open\nquiet,1736121600,power_loss\n"),
      &registry);
  std::vector<MeterScanResult> silent;
  const auto rows = build_suspect_rows(
      scan_, SuspectScoring{registry_scoring(registry), nullptr, &events, &zones_}, silent);
  ASSERT_EQ(rows.size(), 6u);
  ASSERT_EQ(silent.size(), 1u);
  const SuspectRow& quiet = rows.back();
  EXPECT_EQ(quiet.scan->id, "quiet");
  EXPECT_EQ(quiet.mining.score, 0.0f);
  EXPECT_EQ(quiet.mining.reason, "no readings");
  ASSERT_NE(quiet.info, nullptr);
  EXPECT_EQ(quiet.info->region, "RU-KAM");
  ASSERT_NE(quiet.events, nullptr);
  EXPECT_EQ(quiet.events->total, 1u);

  const std::string path = dir_.file("suspects.csv");
  write_suspects_csv(path, rows, zones_);
  const auto csv = lines(read_file(path));
  ASSERT_EQ(csv.size(), 7u);
  // Columns by name (docs/formats.md lists them): the file's own header says where each one is.
  const auto header = split(csv[0]);
  ASSERT_GE(header.size(), 3u);
  EXPECT_EQ(header[0], "meter_id");
  EXPECT_EQ(header[1], "mining_score");
  for (const char* column : {"est_mining_kw", "mean_kw",      "base_kw",         "peak_kw",
                             "load_factor",   "base_ratio",   "night_day_ratio", "weekday_weekend_ratio",
                             "first_reading", "last_reading", "days_seen",       "complete_days",
                             "readings",      "interval_min", "region",          "tz",
                             "events",        "reason",       "theft_score",     "theft_start",
                             "theft_reason",  "tamper_score", "tamper_start",    "tamper_reason"}) {
    EXPECT_NE(std::find(header.begin(), header.end(), column), header.end()) << column;
  }
  const auto row_of = [&](std::size_t line) {
    const auto cells = split(csv[line]);
    EXPECT_EQ(cells.size(), header.size()) << csv[line];
    std::map<std::string, std::string> by_name;
    for (std::size_t i = 0; i < std::min(cells.size(), header.size()); ++i) by_name[header[i]] = cells[i];
    return by_name;
  };
  const auto top = row_of(1);
  EXPECT_EQ(top.at("meter_id"), "m-00");
  EXPECT_EQ(top.at("readings"), "336");
  EXPECT_EQ(top.at("interval_min"), "60");
  EXPECT_EQ(top.at("first_reading"), "2025-01-06T00:00:00Z");
  EXPECT_EQ(top.at("last_reading"), "2025-01-19T23:00:00Z");
  EXPECT_EQ(top.at("mean_kw"), "5.000");
  const auto second = row_of(2);  // m-03 with its event; the scan ran without the registry: UTC days
  EXPECT_EQ(second.at("meter_id"), "m-03");
  EXPECT_EQ(second.at("region"), "RU-IRK");
  EXPECT_EQ(second.at("tz"), "UTC");
  EXPECT_EQ(second.at("events"), "1");
  // Its cover was opened at midnight, outside working hours: weak tamper evidence, dated, said in words.
  EXPECT_EQ(second.at("tamper_start"), "2025-01-07");
  EXPECT_GT(std::stod(second.at("tamper_score")), 0.0);
  EXPECT_LT(std::stod(second.at("tamper_score")), 0.5);
  EXPECT_NE(second.at("tamper_reason").find("cover opened"), std::string::npos);
  EXPECT_EQ(second.at("theft_score"), "0.0000");  // two weeks of readings: too short to judge
  const auto silent_row = row_of(6);
  EXPECT_EQ(silent_row.at("meter_id"), "quiet");
  EXPECT_EQ(silent_row.at("mining_score"), "0.0000");
  EXPECT_EQ(silent_row.at("mean_kw"), "");
  EXPECT_EQ(silent_row.at("first_reading"), "");
  EXPECT_EQ(silent_row.at("readings"), "0");
  EXPECT_EQ(silent_row.at("region"), "RU-KAM");
  EXPECT_EQ(silent_row.at("tz"), "Asia/Kamchatka");
  EXPECT_EQ(silent_row.at("events"), "1");
  EXPECT_EQ(silent_row.at("reason"), "no readings");
}

TEST_F(ScanOutputs, SuspectsCsvQuotesTextThatNeedsIt) {
  MeterScanResult odd;
  odd.id = "a,\"b\"";
  SuspectRow row;
  row.scan = &odd;
  row.mining.reason = "no readings";
  const std::string path = dir_.file("suspects.csv");
  write_suspects_csv(path, {row}, zones_);
  const auto csv = lines(read_file(path));
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[1].rfind("\"a,\"\"b\"\"\",", 0), 0u) << csv[1];
}

TEST_F(ScanOutputs, SummaryJsonCountsEveryReason) {
  std::vector<MeterScanResult> silent;
  const auto rows = build_suspect_rows(scan_, SuspectScoring{}, silent);
  const std::string path = dir_.file("summary.json");
  write_summary_json(path, scan_, rows, SummaryInputs{{readings_}, "", "", "", "", "", "", ""}, ScanTimings{},
                     0.5f, false);
  const auto j = nlohmann::json::parse(read_file(path));
  EXPECT_EQ(j["tool"], "minewatch scan");
  EXPECT_EQ(j["counts"]["meters"], 5);
  EXPECT_EQ(j["counts"]["meters_with_readings"], 5);
  EXPECT_EQ(j["counts"]["data_rows"], 5 * 14 * 24);
  EXPECT_EQ(j["counts"]["readings_accepted"], 5 * 14 * 24);
  EXPECT_EQ(j["counts"]["rejected_total"], 0);
  EXPECT_EQ(j["counts"]["days"], 5 * 14);
  EXPECT_EQ(j["counts"]["suspected_mining"], 2);
  for (std::size_t i = 1; i < kRowProblemCount; ++i) {
    const std::string reason(row_problem_name(static_cast<RowProblem>(i)));
    EXPECT_EQ(j["counts"]["rejected"][reason], 0) << reason;
  }
  EXPECT_FALSE(j["counts"]["rejected"].contains("none"));
  EXPECT_EQ(j["inputs"]["readings"][0]["path"], readings_);
  EXPECT_EQ(j["inputs"]["readings"][0]["format"], "long");
  EXPECT_TRUE(j["inputs"]["meters"].is_null());
  EXPECT_EQ(j["settings"]["threads"], 2);
  EXPECT_EQ(j["settings"]["skip_bad_rows"], false);
}

}  // namespace
}  // namespace minewatch
