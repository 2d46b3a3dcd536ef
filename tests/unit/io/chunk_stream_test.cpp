// ChunkStream: every consumer sees every line exactly once, in file order, in chunks of whole lines, for
// plain and compressed files, however small the requested chunk.
#include "minewatch/io/chunk_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "minewatch/core/error.h"
#include "support/compress.h"
#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::gzip_bytes;
using minewatch::testing::TempDir;
using minewatch::testing::zstd_bytes;

// Lines of varied length (1 to ~90 bytes) so that chunk cuts fall everywhere inside them.
std::string varied_lines(std::size_t count) {
  std::string text;
  std::uint64_t state = 5;
  for (std::size_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    text += std::to_string(i) + "," + std::string((state >> 58) + ((state >> 40) % 23), 'x') + "\n";
  }
  return text;
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return lines;
}

struct Seen {
  std::size_t lines = 0;               // lines seen, each chunk cut at its newlines as a worker cuts it
  std::size_t first_wrong = SIZE_MAX;  // the first line that differs from the file's
  std::size_t bytes = 0;
  std::size_t chunks = 0;
  std::string error;
};

// Runs `consumers` threads over the stream, each checking the lines it acquires against `expected`.
std::vector<Seen> consume(ChunkStream& stream, unsigned consumers,
                          const std::vector<std::string>& expected = {}) {
  std::vector<Seen> seen(consumers);
  std::vector<std::thread> threads;
  for (unsigned c = 0; c < consumers; ++c) {
    threads.emplace_back([&stream, &seen, &expected, c] {
      Seen& mine = seen[c];
      try {
        std::string_view chunk;
        for (std::uint64_t i = 0; stream.acquire(i, chunk); ++i) {
          std::string_view rest = chunk;
          while (!rest.empty()) {
            const auto newline = rest.find('\n');
            const std::string_view line = rest.substr(0, newline);
            rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
            if (mine.first_wrong == SIZE_MAX &&
                (mine.lines >= expected.size() || expected[mine.lines] != line))
              mine.first_wrong = mine.lines;
            ++mine.lines;
          }
          mine.bytes += chunk.size();
          ++mine.chunks;
          stream.release(i);  // the chunk's text may be reused from here on
        }
      } catch (const InputError& e) {
        mine.error = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  return seen;
}

void expect_every_consumer_sees_every_line(const std::string& path, const std::string& text,
                                           unsigned consumers, std::size_t chunk_bytes,
                                           std::size_t min_chunks) {
  const auto expected = lines_of(text);
  ChunkStream stream(path, consumers, chunk_bytes);
  const auto seen = consume(stream, consumers, expected);
  for (unsigned c = 0; c < consumers; ++c) {
    const std::string where = "consumer " + std::to_string(c) + " of " + std::to_string(consumers) +
                              ", chunks of " + std::to_string(chunk_bytes);
    EXPECT_EQ(seen[c].error, "") << where;
    EXPECT_EQ(seen[c].bytes, text.size()) << where;
    EXPECT_EQ(seen[c].lines, expected.size()) << where;
    EXPECT_EQ(seen[c].first_wrong, SIZE_MAX) << where << ": first wrong line " << seen[c].first_wrong;
    EXPECT_GE(seen[c].chunks, min_chunks) << where;
    EXPECT_EQ(seen[c].chunks, seen[0].chunks) << where;
  }
}

TEST(ChunkStream, PlainFileTinyChunksAnyNumberOfConsumers) {
  TempDir dir;
  const std::string text = varied_lines(3000);
  const std::string path = dir.write("r.csv", text);
  for (unsigned consumers = 1; consumers <= 4; ++consumers) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{4096}}) {
      expect_every_consumer_sees_every_line(path, text, consumers, chunk, chunk <= 64 ? 100 : 10);
    }
  }
  ChunkStream stream(path, 2, 7);
  EXPECT_EQ(stream.compression(), Compression::none);
  EXPECT_EQ(stream.file_bytes(), text.size());
  EXPECT_EQ(stream.path(), path);
  consume(stream, 2);
  EXPECT_EQ(stream.file_bytes_done(), text.size());
}

TEST(ChunkStream, PlainFileWithoutFinalNewline) {
  TempDir dir;
  const std::string text = varied_lines(500) + "last line without newline";
  const std::string path = dir.write("r.csv", text);
  for (unsigned consumers = 1; consumers <= 3; ++consumers)
    expect_every_consumer_sees_every_line(path, text, consumers, 7, 10);
}

TEST(ChunkStream, EmptyFileHasNoChunks) {
  TempDir dir;
  ChunkStream stream(dir.write("e.csv", ""), 2, 7);
  std::string_view chunk;
  EXPECT_FALSE(stream.acquire(0, chunk));
}

TEST(ChunkStream, MissingFileIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(ChunkStream(dir.file("absent.csv"), 1, 7), InputError);
}

// Compressed input arrives in ~1 MiB pieces: 5 MB of text makes several chunks whose cuts fall inside lines.
class CompressedChunkStream : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { text_ = new std::string(varied_lines(100000)); }
  static void TearDownTestSuite() {
    delete text_;
    text_ = nullptr;
  }
  static std::string* text_;
};
std::string* CompressedChunkStream::text_ = nullptr;

TEST_F(CompressedChunkStream, GzipAnyNumberOfConsumers) {
  TempDir dir;
  const std::string path = dir.write("r.csv.gz", gzip_bytes(*text_, 1));
  for (unsigned consumers = 1; consumers <= 4; ++consumers) {
    expect_every_consumer_sees_every_line(path, *text_, consumers, 4096, 3);
  }
  ChunkStream stream(path, 1, 4096);
  EXPECT_EQ(stream.compression(), Compression::gzip);
  consume(stream, 1);
  EXPECT_EQ(stream.file_bytes_done(), stream.file_bytes());
}

TEST_F(CompressedChunkStream, ZstdAnyNumberOfConsumers) {
  TempDir dir;
  const std::string path = dir.write("r.csv.zst", zstd_bytes(*text_, 1));
  for (unsigned consumers = 1; consumers <= 4; ++consumers) {
    expect_every_consumer_sees_every_line(path, *text_, consumers, 4096, 3);
  }
  ChunkStream stream(path, 1, 4096);
  EXPECT_EQ(stream.compression(), Compression::zstd);
}

// A requested chunk smaller than a line: the line that straddles a read must still reach consumers whole.
TEST_F(CompressedChunkStream, ChunksSmallerThanALineKeepLinesWhole) {
  TempDir dir;
  const std::string gz = dir.write("r.csv.gz", gzip_bytes(*text_, 1));
  const std::string zst = dir.write("r.csv.zst", zstd_bytes(*text_, 1));
  for (unsigned consumers = 1; consumers <= 4; ++consumers) {
    expect_every_consumer_sees_every_line(gz, *text_, consumers, 7, 3);
    expect_every_consumer_sees_every_line(zst, *text_, consumers, 7, 3);
  }
}

TEST(ChunkStream, SmallCompressedFileWithoutFinalNewline) {
  TempDir dir;
  const std::string text = varied_lines(100) + "tail";
  expect_every_consumer_sees_every_line(dir.write("t.gz", gzip_bytes(text)), text, 3, 7, 1);
  expect_every_consumer_sees_every_line(dir.write("t.zst", zstd_bytes(text)), text, 3, 7, 1);
}

TEST_F(CompressedChunkStream, TruncatedCompressedInputReachesEveryConsumerAsInputError) {
  TempDir dir;
  const std::string gz = gzip_bytes(*text_, 1);
  const std::string zst = zstd_bytes(*text_, 1);
  for (const std::string& path : {dir.write("cut.gz", gz.substr(0, gz.size() * 2 / 3)),
                                  dir.write("cut.zst", zst.substr(0, zst.size() * 2 / 3))}) {
    for (unsigned consumers = 1; consumers <= 3; ++consumers) {
      ChunkStream stream(path, consumers, 7);
      const auto seen = consume(stream, consumers);
      for (unsigned c = 0; c < consumers; ++c) {
        EXPECT_NE(seen[c].error.find("truncated"), std::string::npos) << path << " consumer " << c;
        EXPECT_EQ(seen[c].error.rfind(path, 0), 0u) << seen[c].error;
        EXPECT_LT(seen[c].bytes, text_->size());
      }
    }
  }
}

TEST_F(CompressedChunkStream, StoppingEarlyDoesNotHang) {
  TempDir dir;
  const std::string path = dir.write("r.csv.zst", zstd_bytes(*text_, 1));
  {
    ChunkStream stream(path, 2, 7);
    std::string_view chunk;
    ASSERT_TRUE(stream.acquire(0, chunk));  // then destroyed without releasing anything
  }
  ChunkStream stream(path, 2, 7);
  std::string_view chunk;
  ASSERT_TRUE(stream.acquire(0, chunk));
  stream.cancel();
  EXPECT_FALSE(stream.acquire(1, chunk));
}

}  // namespace
}  // namespace minewatch
