// OrderedWriter: pieces come out in unit order whatever order they are put in, and a queue smaller than the
// data never deadlocks (a regression: recycled buffers once released none of their queue share).
#include "minewatch/sim/ordered_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <thread>

#include "support/temp_dir.h"

namespace minewatch::sim {
namespace {

using minewatch::testing::TempDir;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(OrderedWriterTest, ManyPiecesThroughASmallQueue) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  // One unit of many pieces through a queue of about one piece: every piece must release its share.
  auto done = std::async(std::launch::async, [&] {
    OrderedWriter writer({path}, 64);
    for (int i = 0; i < 50; ++i) writer.put(0, 0, std::string(50, static_cast<char>('a' + i % 26)));
    writer.end_unit(0);
    writer.finish(1);
  });
  ASSERT_EQ(done.wait_for(std::chrono::seconds(30)), std::future_status::ready) << "the writer deadlocked";
  done.get();
  EXPECT_EQ(read(path).size(), 50u * 50u);
}

TEST(OrderedWriterTest, UnitsComeOutInOrder) {
  TempDir dir;
  const std::string path = dir.file("out.txt");
  {
    OrderedWriter writer({path}, 1 << 20);
    std::thread late([&] {
      writer.put(1, 0, "second\n");
      writer.end_unit(1);
    });
    late.join();
    writer.put(0, 0, "first\n");
    writer.end_unit(0);
    writer.finish(2);
  }
  EXPECT_EQ(read(path), "first\nsecond\n");
}

}  // namespace
}  // namespace minewatch::sim
