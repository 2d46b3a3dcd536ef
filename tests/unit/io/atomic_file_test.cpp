// AtomicFile: an output appears whole on commit() or not at all, and never leaves a temporary behind.
#include "minewatch/io/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace minewatch {
namespace {

using minewatch::testing::read_file;
using minewatch::testing::TempDir;

TEST(AtomicFile, NotCommittedLeavesNothing) {
  TempDir dir;
  const std::string path = dir.file("suspects.csv");
  {
    AtomicFile file(path);
    file.write("meter_id,score\n");
    file.write("m1,0.9\n");
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, CommittedHasTheContent) {
  TempDir dir;
  const std::string path = dir.file("suspects.csv");
  {
    AtomicFile file(path);
    file.write("meter_id,score\n");
    file.write("m1,0.9\n");
    file.commit();
  }
  EXPECT_EQ(read_file(path), "meter_id,score\nm1,0.9\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"suspects.csv"});
}

TEST(AtomicFile, NothingIsVisibleBeforeCommit) {
  TempDir dir;
  const std::string path = dir.file("out.csv");
  AtomicFile file(path);
  file.write(std::string(3u << 20, 'x'));  // more than the internal buffer: some of it reaches the disk early
  EXPECT_FALSE(std::filesystem::exists(path));
  file.commit();
  EXPECT_EQ(std::filesystem::file_size(path), 3u << 20);
}

TEST(AtomicFile, AnOldFileStaysUntilTheNewOneIsCommitted) {
  TempDir dir;
  const std::string path = dir.write("suspects.csv", "old\n");
  {
    AtomicFile file(path);
    file.write("new\n");
    EXPECT_EQ(read_file(path), "old\n");
  }
  EXPECT_EQ(read_file(path), "old\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"suspects.csv"});
  {
    AtomicFile file(path);
    file.write("new\n");
    file.commit();
  }
  EXPECT_EQ(read_file(path), "new\n");
}

TEST(AtomicFile, EmptyCommitCreatesAnEmptyFile) {
  TempDir dir;
  const std::string path = dir.file("empty.csv");
  AtomicFile file(path);
  file.commit();
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(AtomicFile, UnwritableDirectoryIsARuntimeError) {
  TempDir dir;
  EXPECT_THROW(AtomicFile(dir.file("no/such/dir/out.csv")), std::runtime_error);
}

}  // namespace
}  // namespace minewatch
