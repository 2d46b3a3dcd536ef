// sim layer: several output files filled by worker threads in a fixed order. Work comes in numbered units
// (one transformer and its meters); a unit's pieces are written only after every earlier unit's, so the files
// are the same bytes whatever the number of threads. A writer thread does the I/O; a worker ahead of the
// queue waits when too much is queued, so memory stays bounded (max_queued_bytes, twice at most: one for the
// unit at the head, one for the rest) however many meters and days are simulated.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "minewatch/io/atomic_file.h"

namespace minewatch::sim {

class OrderedWriter {
 public:
  OrderedWriter(const std::vector<std::string>& paths, std::size_t max_queued_bytes);
  ~OrderedWriter();  // stops the writer; files not committed by finish() are removed
  OrderedWriter(const OrderedWriter&) = delete;
  OrderedWriter& operator=(const OrderedWriter&) = delete;

  // An empty buffer to fill and put(): recycled from written pieces, so the steady state allocates nothing
  // (fresh multi-megabyte buffers cost page faults on every chunk).
  std::string take_buffer();
  // Writes bytes at the start of a stream (headers), before any unit.
  void prologue(std::size_t stream, const std::string& bytes);
  // Queues a piece of a unit for a stream, in order within the unit. Blocks while too much is queued and the
  // unit is not the next to be written. Throws when the writer failed or was cancelled.
  void put(std::uint32_t unit, std::size_t stream, std::string bytes);
  // Marks the unit complete: the writer moves to the next one once this one's pieces are written.
  void end_unit(std::uint32_t unit);
  // Waits until units [0, units) are written, then syncs and renames every file into place.
  void finish(std::uint32_t units);
  // Makes put() throw and the writer stop (after an error in a worker).
  void cancel();

  std::uint64_t bytes_written(std::size_t stream) const { return written_[stream]; }

 private:
  struct Piece {
    std::size_t stream = 0;
    std::string bytes;
  };
  struct Unit {
    std::deque<Piece> pieces;
    std::size_t queued = 0;
    bool done = false;
  };

  void run();

  std::vector<std::unique_ptr<AtomicFile>> files_;
  std::vector<std::uint64_t> written_;
  std::size_t max_queued_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::uint32_t, Unit> units_;
  std::vector<std::string> free_buffers_;
  std::uint32_t head_ = 0;
  std::size_t queued_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread writer_;
};

// Compresses text into one zstd frame (frames concatenate into a valid .zst stream). One per thread.
class ZstdFramer {
 public:
  explicit ZstdFramer(int level);
  ~ZstdFramer();
  ZstdFramer(const ZstdFramer&) = delete;
  ZstdFramer& operator=(const ZstdFramer&) = delete;
  // Replaces `out` with one frame holding `text`.
  void frame(std::string_view text, std::string& out);
  std::string frame(std::string_view text) {
    std::string out;
    frame(text, out);
    return out;
  }

 private:
  void* context_;
  int level_;
};

}  // namespace minewatch::sim
