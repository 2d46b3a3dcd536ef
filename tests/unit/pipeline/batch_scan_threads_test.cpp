// run_batch_scan gives the same per-meter results whatever the thread count, compression or file split.
#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/time_zone.h"
#include "minewatch/pipeline/batch_scan.h"
#include "support/compress.h"
#include "support/temp_dir.h"
#include "unit/pipeline/scan_test_support.h"

namespace minewatch {
namespace {

using minewatch::testing::expect_same_scan;
using minewatch::testing::join_file;
using minewatch::testing::long_rows;
using minewatch::testing::TempDir;

constexpr int kMeters = 13;
constexpr int kDays = 10;

BatchScanResult scan(const std::vector<std::string>& files, unsigned threads) {
  ZoneTable zones;
  BatchScanOptions options;
  options.readings_files = files;
  options.threads = threads;
  return run_batch_scan(options, zones);
}

TEST(BatchScanThreads, OneTwoAndFourThreadsAgree) {
  TempDir dir;
  const std::string path = dir.write("readings.csv", join_file("meter_id,ts,kwh", long_rows(kMeters, kDays)));
  const BatchScanResult one = scan({path}, 1);
  EXPECT_EQ(one.threads, 1u);
  ASSERT_EQ(one.meters.size(), static_cast<std::size_t>(kMeters));
  EXPECT_EQ(one.data_rows, static_cast<std::uint64_t>(kMeters * kDays * 24));
  EXPECT_EQ(one.readings_accepted, one.data_rows);
  EXPECT_EQ(one.days_closed, static_cast<std::uint64_t>(kMeters * kDays));
  for (const auto& m : one.meters) {
    EXPECT_EQ(m.history.readings, static_cast<std::uint32_t>(kDays * 24)) << m.id;
    EXPECT_EQ(m.history.interval_s, 3600) << m.id;
    EXPECT_EQ(m.features.complete_days, static_cast<std::uint32_t>(kDays)) << m.id;
  }
  for (unsigned threads : {2u, 3u, 4u}) {
    const BatchScanResult many = scan({path}, threads);
    EXPECT_EQ(many.threads, threads);
    expect_same_scan(one, many, std::to_string(threads) + " threads");
  }
}

TEST(BatchScanThreads, GzipAndZstdGiveThePlainResult) {
  TempDir dir;
  const std::string text = join_file("meter_id,ts,kwh", long_rows(kMeters, kDays));
  const BatchScanResult plain = scan({dir.write("r.csv", text)}, 2);
  const BatchScanResult gz = scan({dir.write("r.csv.gz", minewatch::testing::gzip_bytes(text))}, 2);
  const BatchScanResult zst = scan({dir.write("r.csv.zst", minewatch::testing::zstd_bytes(text))}, 3);
  expect_same_scan(plain, gz, "gzip");
  expect_same_scan(plain, zst, "zstd");
  ASSERT_EQ(gz.files.size(), 1u);
  EXPECT_EQ(gz.files[0].compression, "gzip");
  EXPECT_EQ(gz.files[0].format, "long");
  EXPECT_EQ(gz.files[0].data_rows, plain.data_rows);
  EXPECT_EQ(zst.files[0].compression, "zstd");
  EXPECT_EQ(plain.files[0].compression, "none");
  EXPECT_EQ(plain.files[0].bytes, text.size());
}

TEST(BatchScanThreads, SeveralFilesAreOneStream) {
  TempDir dir;
  const std::string whole = dir.write("all.csv", join_file("meter_id,ts,kwh", long_rows(kMeters, kDays)));
  const std::string first = dir.write("a.csv", join_file("meter_id,ts,kwh", long_rows(kMeters, 4)));
  // The second file has another column order and compression: each file has its own header.
  std::vector<std::string> rest;
  for (const auto& row : long_rows(kMeters, kDays - 4, 0, 4)) {
    const auto c1 = row.find(',');
    const auto c2 = row.find(',', c1 + 1);
    rest.push_back(row.substr(c2 + 1) + "," + row.substr(0, c1) + "," + row.substr(c1 + 1, c2 - c1 - 1));
  }
  const std::string second =
      dir.write("b.csv.gz", minewatch::testing::gzip_bytes(join_file("kwh,meter_id,ts", rest)));
  const BatchScanResult single = scan({whole}, 1);
  for (unsigned threads : {1u, 3u}) {
    const BatchScanResult split = scan({first, second}, threads);
    expect_same_scan(single, split, "two files, " + std::to_string(threads) + " threads");
    ASSERT_EQ(split.files.size(), 2u);
    EXPECT_EQ(split.files[0].path, first);
    EXPECT_EQ(split.files[1].path, second);
    EXPECT_EQ(split.files[0].data_rows + split.files[1].data_rows, single.data_rows);
  }
}

TEST(BatchScanThreads, CrlfLineEndingsAndAByteOrderMark) {
  TempDir dir;
  const std::string text = join_file("meter_id,ts,kwh", long_rows(kMeters, 3));
  std::string crlf = "\xef\xbb\xbf";
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const BatchScanResult lf = scan({dir.write("lf.csv", text)}, 1);
  expect_same_scan(lf, scan({dir.write("crlf.csv", crlf)}, 2), "CRLF and BOM");
  expect_same_scan(lf, scan({dir.write("crlf.csv.gz", minewatch::testing::gzip_bytes(crlf))}, 3),
                   "CRLF, BOM, gzip");
}

TEST(BatchScanThreads, MoreThreadsThanMeters) {
  TempDir dir;
  const std::string path = dir.write("r.csv", join_file("meter_id,ts,kwh", long_rows(2, 3)));
  expect_same_scan(scan({path}, 1), scan({path}, 8), "8 threads, 2 meters");
}

TEST(BatchScanThreads, HeaderOnlyFile) {
  TempDir dir;
  const BatchScanResult result = scan({dir.write("r.csv", "meter_id,ts,kwh\n")}, 2);
  EXPECT_TRUE(result.meters.empty());
  EXPECT_EQ(result.data_rows, 0u);
}

}  // namespace
}  // namespace minewatch
