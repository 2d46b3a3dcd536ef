// io layer: a file cut into chunks of whole lines that every worker reads in the same order.
//
// Workers own meters by hash, and each reads every chunk, parsing only the lines of its own meters. So the
// readings of one meter stay in file order and no state is shared
// (docs/decisions/0002-partition-by-meter.md). A plain file is memory-mapped and cut up front; a compressed
// file is decompressed by one producer thread into a small ring of buffers that are released once every
// worker has read them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "minewatch/io/decompress.h"

namespace minewatch {

class ChunkStream {
 public:
  static constexpr std::size_t kDefaultChunkBytes = 8u << 20;

  ChunkStream(std::string path, unsigned consumers, std::size_t chunk_bytes = kDefaultChunkBytes);
  ~ChunkStream();
  ChunkStream(const ChunkStream&) = delete;
  ChunkStream& operator=(const ChunkStream&) = delete;

  // Waits for chunk `index` (0, 1, 2, ... per consumer). False at the end of the input. Rethrows the
  // producer's InputError when the compressed data is corrupt or truncated.
  bool acquire(std::uint64_t index, std::string_view& text);
  // Each consumer releases every chunk it acquired, in order.
  void release(std::uint64_t index);
  // Stops the producer early (after an error elsewhere); acquire() then returns false.
  void cancel();

  const std::string& path() const { return path_; }
  Compression compression() const { return compression_; }
  std::uint64_t file_bytes() const { return file_bytes_; }
  // File bytes behind the chunks handed out so far: the progress of the slowest part, roughly.
  std::uint64_t file_bytes_done() const { return file_bytes_done_.load(std::memory_order_relaxed); }

 private:
  // A chunk's bytes. Allocated once and reused: a fresh zero-filled buffer per chunk cost more page faults
  // than the decompression itself (bench/chunk_stream_bench.cpp).
  struct Buffer {
    std::unique_ptr<char[]> data;
    std::size_t capacity = 0;
    std::size_t size = 0;
  };
  struct Slot {
    Buffer buffer;
    std::uint64_t index = UINT64_MAX;
    unsigned pending = 0;  // consumers that have not released it
  };

  void map_plain_file();
  void produce();

  std::string path_;
  unsigned consumers_;
  std::size_t chunk_bytes_;
  Compression compression_;
  std::uint64_t file_bytes_ = 0;
  std::atomic<std::uint64_t> file_bytes_done_{0};

  // Plain files: the mapping and the chunk boundaries.
  const char* mapping_ = nullptr;
  std::size_t mapping_bytes_ = 0;
  std::vector<std::size_t> boundaries_;
  // Releases per chunk: when every consumer is done, the chunk's pages leave this process's mapping
  // (they stay in the page cache), so resident memory stays flat however large the file.
  std::unique_ptr<std::atomic<unsigned>[]> plain_releases_;

  // Compressed files: the producer and its ring.
  std::thread producer_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> ring_;
  std::uint64_t produced_ = 0;  // chunks written so far
  bool producer_done_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

}  // namespace minewatch
