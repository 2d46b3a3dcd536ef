#include "minewatch/sim/ordered_writer.h"

#include <zstd.h>

#include <stdexcept>

namespace minewatch::sim {
namespace {

constexpr std::size_t kMaxFreeBuffers = 8;

}  // namespace

OrderedWriter::OrderedWriter(const std::vector<std::string>& paths, std::size_t max_queued_bytes)
    : written_(paths.size(), 0), max_queued_(max_queued_bytes) {
  for (const auto& path : paths) files_.push_back(std::make_unique<AtomicFile>(path));
  writer_ = std::thread([this] { run(); });
}

OrderedWriter::~OrderedWriter() {
  cancel();
  if (writer_.joinable()) writer_.join();
}

std::string OrderedWriter::take_buffer() {
  std::lock_guard lock(mutex_);
  if (free_buffers_.empty()) return {};
  std::string out = std::move(free_buffers_.back());
  free_buffers_.pop_back();
  return out;
}

void OrderedWriter::prologue(std::size_t stream, const std::string& bytes) {
  std::lock_guard lock(mutex_);
  files_[stream]->write(bytes);
  written_[stream] += bytes.size();
}

void OrderedWriter::put(std::uint32_t unit, std::size_t stream, std::string bytes) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    if (stop_) return true;
    if (unit == head_) return units_[unit].queued <= max_queued_;
    return queued_ <= max_queued_;
  });
  if (stop_) {
    if (error_) std::rethrow_exception(error_);
    throw std::runtime_error("output cancelled");
  }
  Unit& u = units_[unit];
  u.queued += bytes.size();
  queued_ += bytes.size();
  u.pieces.push_back({stream, std::move(bytes)});
  changed_.notify_all();
}

void OrderedWriter::end_unit(std::uint32_t unit) {
  std::lock_guard lock(mutex_);
  units_[unit].done = true;
  changed_.notify_all();
}

void OrderedWriter::run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    auto it = units_.find(head_);
    if (it == units_.end() || (it->second.pieces.empty() && !it->second.done)) {
      changed_.wait(lock);
      continue;
    }
    Unit& u = it->second;
    if (u.pieces.empty()) {  // done and written: the next unit becomes the head
      units_.erase(it);
      ++head_;
      changed_.notify_all();
      continue;
    }
    Piece piece = std::move(u.pieces.front());
    u.pieces.pop_front();
    lock.unlock();
    try {
      files_[piece.stream]->write(piece.bytes);
    } catch (...) {
      lock.lock();
      error_ = std::current_exception();
      stop_ = true;
      changed_.notify_all();
      return;
    }
    lock.lock();
    // Counted before the buffer is recycled: a cleared buffer would release nothing and the queue would
    // fill up for good (a deadlock once 32 MiB had passed through recycled buffers).
    const std::size_t size = piece.bytes.size();
    written_[piece.stream] += size;
    if (free_buffers_.size() < kMaxFreeBuffers) {
      piece.bytes.clear();
      free_buffers_.push_back(std::move(piece.bytes));
    }
    // The unit may have moved in the map meanwhile only by insertion of others: the iterator stays valid.
    it->second.queued -= size;
    queued_ -= size;
    changed_.notify_all();
  }
}

void OrderedWriter::finish(std::uint32_t units) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || head_ >= units; });
    if (error_) std::rethrow_exception(error_);
    if (stop_) throw std::runtime_error("output cancelled");
    stop_ = true;
    changed_.notify_all();
  }
  writer_.join();
  for (auto& file : files_) file->commit();
}

void OrderedWriter::cancel() {
  std::lock_guard lock(mutex_);
  stop_ = true;
  changed_.notify_all();
}

ZstdFramer::ZstdFramer(int level) : context_(ZSTD_createCCtx()), level_(level) {
  if (context_ == nullptr) throw std::runtime_error("cannot start the zstd compressor");
  auto* cctx = static_cast<ZSTD_CCtx*>(context_);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level_);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
}

ZstdFramer::~ZstdFramer() {
  ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(context_));
}

void ZstdFramer::frame(std::string_view text, std::string& out) {
  out.resize(ZSTD_compressBound(text.size()));
  const std::size_t n =
      ZSTD_compress2(static_cast<ZSTD_CCtx*>(context_), out.data(), out.size(), text.data(), text.size());
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
}

}  // namespace minewatch::sim
