// Transparent decompression: plain, gzip and zstd files read back byte for byte; damaged ones are
// InputErrors.
#include "minewatch/io/decompress.h"

#include <gtest/gtest.h>

#include <string>

#include "minewatch/core/error.h"
#include "support/compress.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::gzip_bytes;
using minewatch::testing::TempDir;
using minewatch::testing::zstd_bytes;

// Readings-like text, big enough to cross the readers' 1 MiB buffers several times.
std::string sample_text(std::size_t lines) {
  std::string text = "meter_id,ts,kwh\n";
  std::uint64_t state = 99;
  for (std::size_t i = 0; i < lines; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    text += "m-" + std::to_string(i % 977) + ",2025-01-01T00:00:00Z," + std::to_string(state >> 40) + "\n";
  }
  return text;
}

void expect_input_error(const std::string& path, const std::string& needle) {
  try {
    read_whole_file(path);
    FAIL() << "no error for " << path;
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().file, path);
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Decompress, DetectsCompressionByMagicBytesNotByName) {
  TempDir dir;
  const std::string text = "meter_id,ts,kwh\n";
  EXPECT_EQ(detect_compression(dir.write("plain.gz", text)), Compression::none);
  EXPECT_EQ(detect_compression(dir.write("gz.csv", gzip_bytes(text))), Compression::gzip);
  EXPECT_EQ(detect_compression(dir.write("zst.csv", zstd_bytes(text))), Compression::zstd);
  EXPECT_EQ(detect_compression(dir.write("empty", "")), Compression::none);
  EXPECT_EQ(detect_compression(dir.write("one", "\x1f")), Compression::none);
  EXPECT_STREQ(compression_name(Compression::gzip), "gzip");
  EXPECT_STREQ(compression_name(Compression::zstd), "zstd");
  EXPECT_STREQ(compression_name(Compression::none), "none");
}

TEST(Decompress, MissingFileIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(detect_compression(dir.file("absent")), InputError);
  EXPECT_THROW(read_whole_file(dir.file("absent")), InputError);
}

TEST(Decompress, PlainGzipAndZstdReadBackIdentically) {
  TempDir dir;
  const std::string text = sample_text(120000);  // ~4 MB
  ASSERT_GT(text.size(), 3u << 20);
  EXPECT_EQ(read_whole_file(dir.write("r.csv", text)), text);
  EXPECT_EQ(read_whole_file(dir.write("r.csv.gz", gzip_bytes(text, 1))), text);
  EXPECT_EQ(read_whole_file(dir.write("r.csv.zst", zstd_bytes(text, 1))), text);
}

TEST(Decompress, EmptyContent) {
  TempDir dir;
  EXPECT_EQ(read_whole_file(dir.write("e.csv", "")), "");
  EXPECT_EQ(read_whole_file(dir.write("e.csv.gz", gzip_bytes(""))), "");
  EXPECT_EQ(read_whole_file(dir.write("e.csv.zst", zstd_bytes(""))), "");
}

TEST(Decompress, ConcatenatedGzipMembersAreOneFile) {
  TempDir dir;
  const std::string a = sample_text(1000);
  const std::string b = "m-x,2025-01-02T00:00:00Z,1\n";
  const std::string c = sample_text(30000);
  const std::string path = dir.write("cat.gz", gzip_bytes(a) + gzip_bytes(b) + gzip_bytes(c));
  EXPECT_EQ(read_whole_file(path), a + b + c);
}

TEST(Decompress, ConcatenatedZstdFramesAreOneFile) {
  TempDir dir;
  const std::string a = sample_text(1000);
  const std::string b = sample_text(20000);
  EXPECT_EQ(read_whole_file(dir.write("cat.zst", zstd_bytes(a) + zstd_bytes(b))), a + b);
}

TEST(Decompress, TruncatedGzipIsAnInputError) {
  TempDir dir;
  const std::string gz = gzip_bytes(sample_text(50000), 1);
  for (std::size_t keep :
       {std::size_t{2}, std::size_t{10}, std::size_t{100}, gz.size() / 2, gz.size() - 8, gz.size() - 1}) {
    expect_input_error(dir.write("cut.gz", gz.substr(0, keep)), "truncated");
  }
}

TEST(Decompress, TruncatedZstdIsAnInputError) {
  TempDir dir;
  const std::string zst = zstd_bytes(sample_text(50000), 1);
  for (std::size_t keep : {std::size_t{4}, std::size_t{10}, zst.size() / 2, zst.size() - 4, zst.size() - 1}) {
    expect_input_error(dir.write("cut.zst", zst.substr(0, keep)), "truncated");
  }
}

TEST(Decompress, CorruptGzipIsAnInputError) {
  TempDir dir;
  std::string gz = gzip_bytes(sample_text(20000), 6);
  for (std::size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  expect_input_error(dir.write("bad.gz", gz), "gzip");
}

TEST(Decompress, CorruptGzipChecksumIsAnInputError) {
  TempDir dir;
  std::string gz = gzip_bytes(sample_text(1000), 6);
  gz[gz.size() - 6] = static_cast<char>(gz[gz.size() - 6] ^ 0x01);  // inside the CRC-32 trailer
  EXPECT_THROW(read_whole_file(dir.write("crc.gz", gz)), InputError);
}

TEST(Decompress, CorruptZstdIsAnInputError) {
  TempDir dir;
  std::string zst = zstd_bytes(sample_text(20000), 3);
  for (std::size_t i = zst.size() / 2; i < zst.size() / 2 + 64; ++i)
    zst[i] = static_cast<char>(zst[i] ^ 0x5a);
  expect_input_error(dir.write("bad.zst", zst), "zstd");
}

TEST(Decompress, GarbageAfterTheMagicIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(read_whole_file(dir.write("g.gz", std::string("\x1f\x8b") + std::string(100, 'x'))),
               InputError);
  EXPECT_THROW(read_whole_file(dir.write("g.zst", std::string("\x28\xb5\x2f\xfd") + std::string(100, 'x'))),
               InputError);
}

TEST(Decompress, ByteSourceReadsInSmallPiecesAndCountsFileBytes) {
  TempDir dir;
  const std::string text = sample_text(3000);
  const std::string gz = gzip_bytes(text);
  const std::string path = dir.write("s.gz", gz);
  auto source = open_byte_source(path);
  std::string out;
  char buffer[7];
  while (const std::size_t n = source->read(buffer, sizeof(buffer))) out.append(buffer, n);
  EXPECT_EQ(out, text);
  EXPECT_EQ(source->file_bytes_read(), gz.size());
  EXPECT_EQ(source->read(buffer, sizeof(buffer)), 0u);  // stays at the end
}

}  // namespace
}  // namespace minewatch
