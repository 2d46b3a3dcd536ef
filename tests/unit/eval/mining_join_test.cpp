// join_with_truth: truth meters the scan never saw score 0, scanned meters unknown to the truth are counted
// and left out, and a true start or stop counts only when the data can show it.
#include "minewatch/eval/mining_join.h"

#include <gtest/gtest.h>

#include "minewatch/core/timestamp.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::TempDir;

constexpr std::int64_t kFirstDay = 20100;  // the scanned meters' readings run over days 20100..20110 (UTC)

MeterScanResult scanned(std::string id, float mean_kw, float load_factor) {
  MeterScanResult m;
  m.id = std::move(id);
  m.zone = 0;  // UTC
  m.history.readings = 240;
  m.history.first_ts = kFirstDay * kSecondsPerDay;
  m.history.last_ts = (kFirstDay + 10) * kSecondsPerDay + 23 * 3600;
  m.features.mean_kw = mean_kw;
  m.features.load_factor = load_factor;
  return m;
}

class EvalMiningJoin : public ::testing::Test {
 protected:
  void SetUp() override {
    meters_ = {scanned("farm", 5.0f, 0.95f), scanned("home", 0.6f, 0.3f), scanned("stranger", 1.0f, 0.5f),
               scanned("late", 4.0f, 0.9f), scanned("early", 4.0f, 0.9f)};
    for (const auto& m : meters_) {
      SuspectRow row;
      row.scan = &m;
      row.mining.score = m.id == "home" ? 0.05f : 0.95f;
      row.mining.estimated_kw = m.id == "home" ? 0.0f : 5.0f;
      row.mining.start_day = m.id == "farm" ? kFirstDay + 4 : kNoDay;
      rows_.push_back(row);
    }
    const std::string start = format_day(kFirstDay + 5);
    const std::string first = format_day(kFirstDay);
    const std::string stop = format_day(kFirstDay + 8);
    truth_ =
        TruthTable::load(dir_.write("truth.csv",
                                    "meter_id,class,mining_kw,mining_start,mining_end,behaviour,mining_kwh\n"
                                    "farm,mining_home,5.2," +
                                        start + "," + stop +
                                        ",,100\n"
                                        "home,household,,,,,0\n"
                                        "gone,mining_garage,8,,,,50\n"
                                        "late,mining_home,4," +
                                        first +
                                        ",,start_step,80\n"
                                        "early,mining_home,4," +
                                        first + ",,,80\n"));
  }

  const EvalMeter& find(const JoinedMeters& j, const std::string& id) {
    for (const auto& m : j.meters) {
      if (m.id == id) return m;
    }
    throw std::runtime_error("no meter " + id);
  }

  TempDir dir_;
  std::vector<MeterScanResult> meters_;
  std::vector<SuspectRow> rows_;
  TruthTable truth_;
  ZoneTable zones_;
};

TEST_F(EvalMiningJoin, OneMeterPerTruthRow) {
  const JoinedMeters j = join_with_truth(rows_, truth_, zones_);
  ASSERT_EQ(j.meters.size(), 5u);
  EXPECT_EQ(j.meters[0].id, "farm");  // truth order
  EXPECT_EQ(j.counts.scanned, 5u);
  EXPECT_EQ(j.counts.scanned_not_in_truth, 1u);
  EXPECT_EQ(j.counts.not_in_truth_examples, (std::vector<std::string>{"stranger"}));
  EXPECT_EQ(j.counts.truth_not_in_scan, 1u);
  EXPECT_EQ(j.counts.truth_without_readings, 1u);

  const EvalMeter& gone = find(j, "gone");
  EXPECT_TRUE(gone.positive);
  EXPECT_FALSE(gone.scanned);
  EXPECT_EQ(gone.score, 0.0);
  EXPECT_EQ(gone.baseline_score, 0.0);
  EXPECT_FALSE(gone.baseline_flagged);

  const EvalMeter& farm = find(j, "farm");
  EXPECT_TRUE(farm.positive);
  EXPECT_NEAR(farm.score, 0.95, 1e-6);
  EXPECT_TRUE(farm.baseline_flagged);
  EXPECT_NEAR(farm.baseline_score, 0.5 + 0.5 * 0.95, 1e-6);
  EXPECT_NEAR(farm.true_kw, 5.2, 1e-6);
  EXPECT_EQ(farm.est_start, kFirstDay + 4);
  EXPECT_EQ(farm.true_start, kFirstDay + 5);
  EXPECT_EQ(farm.true_end, kFirstDay + 8);
  EXPECT_FALSE(find(j, "home").positive);
}

TEST_F(EvalMiningJoin, StartsAndStopsTheDataCanShow) {
  const JoinedMeters j = join_with_truth(rows_, truth_, zones_);
  // After the first day of readings: inside; on the first day: only when the truth says the step is there.
  EXPECT_TRUE(find(j, "farm").start_in_data);
  EXPECT_TRUE(find(j, "farm").end_in_data);
  EXPECT_TRUE(find(j, "late").start_in_data);
  EXPECT_FALSE(find(j, "early").start_in_data);
  EXPECT_FALSE(find(j, "early").end_in_data);
  EXPECT_FALSE(find(j, "gone").start_in_data);
}

}  // namespace
}  // namespace minewatch
