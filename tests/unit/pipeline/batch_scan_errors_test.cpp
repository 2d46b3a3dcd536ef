// run_batch_scan and bad input: the first bad row in file order stops the scan whatever the threads; with
// skip_bad_rows every bad row is counted by reason; unreadable files are InputErrors naming the file.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "minewatch/core/time_zone.h"
#include "minewatch/io/meter_registry.h"
#include "minewatch/pipeline/batch_scan.h"
#include "support/compress.h"
#include "support/temp_dir.h"
#include "unit/pipeline/scan_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::join_file;
using minewatch::testing::long_rows;
using minewatch::testing::TempDir;

struct ScanOutcome {
  std::string error;  // empty when the scan succeeded
  std::uint64_t line = 0;
  std::string field;
  BatchScanResult result;
};

ScanOutcome try_scan(const std::vector<std::string>& files, unsigned threads, bool skip = false,
                     const MeterRegistry* registry = nullptr) {
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = files;
  options.threads = threads;
  options.skip_bad_rows = skip;
  options.registry = registry;
  ScanOutcome out;
  try {
    out.result = run_batch_scan(options, zones);
  } catch (const InputError& e) {
    out.error = e.what();
    out.line = e.place().line;
    out.field = e.place().field;
  }
  return out;
}

std::size_t count(const BatchScanResult& r, RowProblem p) {
  return static_cast<std::size_t>(r.rejected[static_cast<std::size_t>(p)]);
}

// ~10 MB (more than one 8 MiB chunk): rows carry a padding column.
class FirstBadRow : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rows_ = new std::vector<std::string>(long_rows(10, 190, 200));
    ASSERT_GT(rows_->size() * 230, 9u << 20);
  }
  static void TearDownTestSuite() {
    delete rows_;
    rows_ = nullptr;
  }

  // Line numbers count the header as line 1: row i is on line i + 2.
  static std::string file_with_bad_rows(const TempDir& dir,
                                        const std::vector<std::pair<std::size_t, std::string>>& bad,
                                        const std::string& name = "big.csv") {
    std::vector<std::string> rows = *rows_;
    for (const auto& [line, text] : bad) rows[line - 2] = text;
    return dir.write(name, join_file("meter_id,ts,kwh,note", rows));
  }

  static std::vector<std::string>* rows_;
};
std::vector<std::string>* FirstBadRow::rows_ = nullptr;

TEST_F(FirstBadRow, EarlyChunkWinsOverLateChunkWhateverTheThreads) {
  TempDir dir;
  const std::size_t early = 33001;  // near the end of the first 8 MiB chunk
  const std::size_t late = 44001;   // in the second chunk
  const std::string path = file_with_bad_rows(
      dir, {{early, "m-07,2025-01-07T00:00:00Z,abc,x"}, {late, "m-02,2025-01-08T00:00:00Z,-5,x"}});
  for (unsigned threads : {1u, 2u, 3u, 4u}) {
    const auto outcome = try_scan({path}, threads);
    EXPECT_EQ(outcome.line, early) << threads << " threads: " << outcome.error;
    EXPECT_EQ(outcome.field, "kwh") << threads << " threads";
    EXPECT_EQ(outcome.error, path + ":" + std::to_string(early) + ": field 'kwh': bad number: 'abc'");
  }
}

TEST_F(FirstBadRow, LateChunkAloneIsFound) {
  TempDir dir;
  const std::size_t late = 44001;
  const std::string path = file_with_bad_rows(dir, {{late, "m-02,2025-13-08T00:00:00Z,1,x"}});
  for (unsigned threads : {1u, 2u, 4u}) {
    const auto outcome = try_scan({path}, threads);
    EXPECT_EQ(outcome.error,
              path + ":" + std::to_string(late) + ": field 'ts': bad timestamp: '2025-13-08T00:00:00Z'")
        << threads << " threads";
  }
}

TEST_F(FirstBadRow, TwoBadRowsInOneChunkOfDifferentMeters) {
  TempDir dir;
  const std::string path =
      file_with_bad_rows(dir, {{120, "m-01,2025-01-06T00:00:00Z,-1,x"}, {100, "m-04,x,1,x"}});
  for (unsigned threads : {1u, 2u, 3u, 4u}) {
    const auto outcome = try_scan({path}, threads);
    EXPECT_EQ(outcome.line, 100u) << threads << " threads: " << outcome.error;
    EXPECT_EQ(outcome.field, "ts");
  }
}

TEST_F(FirstBadRow, CompressedFileToo) {
  TempDir dir;
  std::vector<std::string> rows = *rows_;
  rows[33001 - 2] = "m-07,2025-01-07T00:00:00Z,abc,x";
  rows[44001 - 2] = "m-02,2025-01-08T00:00:00Z,-5,x";
  const std::string path =
      dir.write("big.csv.zst", minewatch::testing::zstd_bytes(join_file("meter_id,ts,kwh,note", rows), 1));
  for (unsigned threads : {1u, 3u}) {
    const auto outcome = try_scan({path}, threads);
    EXPECT_EQ(outcome.line, 33001u) << threads << " threads: " << outcome.error;
  }
}

TEST_F(FirstBadRow, SecondFileIsNamedWithItsOwnLineNumbers) {
  TempDir dir;
  const std::string good = dir.write("a.csv", join_file("meter_id,ts,kwh", long_rows(3, 2)));
  const std::string bad =
      dir.write("b.csv", "meter_id,ts,kwh\nm-00,2025-01-10T00:00:00Z,1\nm-01,2025-01-10T00:00:00Z,x\n");
  const auto outcome = try_scan({good, bad}, 2);
  EXPECT_EQ(outcome.error, bad + ":3: field 'kwh': bad number: 'x'");
}

const char* const kMixedRows =
    "meter_id,ts,kwh\n"
    "m1,2025-01-06T00:00:00Z,1\n"
    "m1,2025-01-06T01:00:00Z\n"        // missing_field
    ",2025-01-06T02:00:00Z,1\n"        // empty_meter_id
    "m1,2025-01-06T03:00:00Z,1\xff\n"  // invalid_utf8
    "m1,2025-02-30T04:00:00Z,1\n"      // bad_timestamp
    "m1,2025-01-06T05:00:00Z,abc\n"    // bad_number
    "m1,2025-01-06T06:00:00Z,-2\n"     // negative_value
    "m1,2025-01-06T07:00:00Z,5e6\n"    // absurd_value
    "m2,2025-01-06T08:00:00Z,1\n"
    "m1,2025-01-06T09:00:00Z,1\n"
    "m1,2025-01-06T09:00:00Z,1\n"  // duplicate_reading
    "m1,2025-01-07T00:00:00Z,1\n"
    "m1,2025-01-06T10:00:00Z,1\n"  // late_reading
    "\n"
    "m2,2025-01-06T09:00:00Z,1\n";

TEST(BatchScanSkipBadRows, CountsEachReason) {
  TempDir dir;
  const std::string path = dir.write("mixed.csv", kMixedRows);
  for (unsigned threads : {1u, 2u, 3u}) {
    const auto outcome = try_scan({path}, threads, true);
    ASSERT_EQ(outcome.error, "") << threads << " threads";
    const BatchScanResult& r = outcome.result;
    EXPECT_EQ(r.data_rows, 14u) << threads;  // the blank line is not a row
    EXPECT_EQ(r.readings_accepted, 5u) << threads;
    EXPECT_EQ(count(r, RowProblem::missing_field), 1u);
    EXPECT_EQ(count(r, RowProblem::empty_meter_id), 1u);
    EXPECT_EQ(count(r, RowProblem::invalid_utf8), 1u);
    EXPECT_EQ(count(r, RowProblem::bad_timestamp), 1u);
    EXPECT_EQ(count(r, RowProblem::bad_number), 1u);
    EXPECT_EQ(count(r, RowProblem::negative_value), 1u);
    EXPECT_EQ(count(r, RowProblem::absurd_value), 1u);
    EXPECT_EQ(count(r, RowProblem::unknown_meter), 0u);
    EXPECT_EQ(count(r, RowProblem::duplicate_reading), 1u);
    EXPECT_EQ(count(r, RowProblem::late_reading), 1u);
    EXPECT_EQ(count(r, RowProblem::none), 0u);
  }
}

TEST(BatchScanSkipBadRows, WithoutSkippingTheFirstBadRowStops) {
  TempDir dir;
  const std::string path = dir.write("mixed.csv", kMixedRows);
  for (unsigned threads : {1u, 2u, 3u}) {
    const auto outcome = try_scan({path}, threads, false);
    EXPECT_EQ(outcome.line, 3u) << outcome.error;
    EXPECT_EQ(outcome.error.rfind(path + ":3: ", 0), 0u) << outcome.error;
    EXPECT_NE(outcome.error.find("missing field"), std::string::npos) << outcome.error;
  }
}

TEST(BatchScanSkipBadRows, LateAndDuplicateReadingsAreNeverFatal) {
  TempDir dir;
  const std::string path = dir.write("r.csv",
                                     "meter_id,ts,kwh\n"
                                     "m1,2025-01-06T09:00:00Z,1\n"
                                     "m1,2025-01-06T09:00:00Z,1\n"
                                     "m1,2025-01-07T00:00:00Z,1\n"
                                     "m1,2025-01-06T10:00:00Z,1\n");
  const auto outcome = try_scan({path}, 2, false);
  ASSERT_EQ(outcome.error, "");
  EXPECT_EQ(count(outcome.result, RowProblem::duplicate_reading), 1u);
  EXPECT_EQ(count(outcome.result, RowProblem::late_reading), 1u);
  EXPECT_EQ(outcome.result.readings_accepted, 2u);
}

TEST(BatchScanSkipBadRows, InvalidUtf8NamesItsField) {
  TempDir dir;
  const std::string path =
      dir.write("r.csv", "meter_id,ts,kwh\nm1,2025-01-06T09:00:00Z,1\nm1,2025-01-06T10:00:00Z,\xc3\x28\n");
  const auto outcome = try_scan({path}, 1);
  EXPECT_EQ(outcome.line, 3u);
  EXPECT_EQ(outcome.field, "kwh") << outcome.error;
  EXPECT_NE(outcome.error.find("invalid utf8"), std::string::npos) << outcome.error;
}

class BatchScanRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    zones_.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
    registry_.emplace(
        MeterRegistry::load(dir_.write("meters.csv", "meter_id,region\nm1,RU-IRK\nm2,RU-KAM\n"), zones_));
  }
  TempDir dir_;
  ZoneTable zones_;
  std::optional<MeterRegistry> registry_;
};

TEST_F(BatchScanRegistry, UnknownMeterStopsTheScan) {
  const std::string path = dir_.write("r.csv",
                                      "meter_id,ts,kwh\n"
                                      "m1,2025-01-06T09:00:00Z,1\n"
                                      "zz,2025-01-06T09:00:00Z,1\n");
  for (unsigned threads : {1u, 2u}) {
    BatchScanOptions options;
    options.readings_files = {path};
    options.threads = threads;
    options.registry = &*registry_;
    try {
      run_batch_scan(options, zones_);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), path + ":3: field 'meter_id': unknown meter: 'zz'");
    }
    options.skip_bad_rows = true;
    const auto result = run_batch_scan(options, zones_);
    EXPECT_EQ(count(result, RowProblem::unknown_meter), 1u);
    EXPECT_EQ(result.meters.size(), 1u);
  }
}

TEST_F(BatchScanRegistry, MetersTakeTheirRegionsZone) {
  // 24 hourly readings from 2025-01-06T00:00Z: one local day in UTC, halves of two in Kamchatka (UTC+12).
  std::string text = "meter_id,ts,kwh\n";
  for (int h = 0; h < 24; ++h) {
    for (const char* id : {"m1", "m2"})
      text += fmt::format("{},{},1\n", id, format_utc(minewatch::testing::kScanStart + h * 3600));
  }
  BatchScanOptions options;
  options.readings_files = {dir_.write("r.csv", text)};
  options.threads = 2;
  options.registry = &*registry_;
  const auto result = run_batch_scan(options, zones_);
  const auto meters = minewatch::testing::by_id(result);
  EXPECT_EQ(zones_.name(meters.at("m1").zone), "Asia/Irkutsk");
  EXPECT_EQ(zones_.name(meters.at("m2").zone), "Asia/Kamchatka");
  EXPECT_EQ(meters.at("m1").history.days_closed, 2u);  // UTC+8: 16 h of Jan 6, 8 h of Jan 7
  EXPECT_EQ(meters.at("m2").history.days_closed, 2u);
}

TEST(BatchScanZones, UnregisteredMetersTakeTheDefaultZone) {
  TempDir dir;
  ZoneTable zones;
  BatchScanOptions options;
  options.default_zone = zones.intern("Asia/Irkutsk");
  options.readings_files = {
      dir.write("r.csv", "meter_id,ts,kwh\nm1,2025-01-06T15:00:00Z,1\nm1,2025-01-06T16:00:00Z,1\n")};
  options.threads = 1;
  const auto result = run_batch_scan(options, zones);
  ASSERT_EQ(result.meters.size(), 1u);
  EXPECT_EQ(result.meters[0].zone, options.default_zone);
  EXPECT_EQ(result.meters[0].history.days_closed, 2u);  // 16:00Z is local midnight
}

TEST(BatchScanFiles, UnreadableFilesAreInputErrorsNamingTheFile) {
  TempDir dir;
  const std::string text = join_file("meter_id,ts,kwh", long_rows(5, 40));
  const std::string gz = minewatch::testing::gzip_bytes(text, 1);
  const std::string truncated = dir.write("cut.csv.gz", gz.substr(0, gz.size() / 2));
  const std::string missing = dir.file("absent.csv");
  const std::string bad_header = dir.write("header.csv", "meter,when,energy_wh\nm1,2025-01-06T00:00:00Z,1\n");
  for (const std::string& path : {truncated, missing, bad_header}) {
    for (unsigned threads : {1u, 3u}) {
      const auto outcome = try_scan({path}, threads);
      EXPECT_EQ(outcome.error.rfind(path + ":", 0), 0u) << threads << " threads: '" << outcome.error << "'";
    }
  }
  EXPECT_NE(try_scan({truncated}, 2).error.find("truncated"), std::string::npos);
  EXPECT_EQ(try_scan({bad_header}, 2).line, 1u);
}

TEST(BatchScanFiles, ReadFirstLine) {
  TempDir dir;
  EXPECT_EQ(read_first_line(dir.write("a.csv", "meter_id,ts,kwh\nm1,x,1\n")), "meter_id,ts,kwh");
  EXPECT_EQ(read_first_line(dir.write("b.csv", "only a header")), "only a header");
  EXPECT_EQ(read_first_line(dir.write("c.csv", "")), "");
  EXPECT_EQ(read_first_line(dir.write("d.gz", minewatch::testing::gzip_bytes("h1,h2\r\nrow\n"))), "h1,h2\r");
}

}  // namespace
}  // namespace minewatch
