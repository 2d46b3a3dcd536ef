#include "minewatch/io/chunk_stream.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "minewatch/core/error.h"

namespace minewatch {
namespace {

// Ring slots beyond one per consumer let the producer run ahead while workers parse.
constexpr unsigned kSpareSlots = 3;
constexpr std::size_t kReadBytes = 1 << 20;  // decompressed bytes asked for at a time

}  // namespace

ChunkStream::ChunkStream(std::string path, unsigned consumers, std::size_t chunk_bytes)
    : path_(std::move(path)),
      consumers_(consumers == 0 ? 1 : consumers),
      chunk_bytes_(chunk_bytes),
      compression_(detect_compression(path_)) {
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) throw InputError({path_, 0, ""}, "cannot stat the file");
  file_bytes_ = static_cast<std::uint64_t>(info.st_size);
  if (compression_ == Compression::none) {
    map_plain_file();
  } else {
    ring_.resize(consumers_ + kSpareSlots);
    producer_ = std::thread([this] { produce(); });
  }
}

ChunkStream::~ChunkStream() {
  cancel();
  if (producer_.joinable()) producer_.join();
  if (mapping_ != nullptr) ::munmap(const_cast<char*>(mapping_), mapping_bytes_);
}

void ChunkStream::map_plain_file() {
  if (file_bytes_ == 0) return;
  const int fd = ::open(path_.c_str(), O_RDONLY);
  if (fd < 0) throw InputError({path_, 0, ""}, std::string("cannot open: ") + std::strerror(errno));
  // Chunk ends are found with pread, not through the mapping: touching the mapping at every boundary made the
  // kernel map ~1 MB around each one (2 GB resident for a 16 GB file before the scan began).
  boundaries_.push_back(0);
  std::vector<char> probe(1 << 16);
  std::size_t position = 0;
  while (position < file_bytes_) {
    std::size_t next = position + chunk_bytes_;
    while (next < file_bytes_) {
      const ssize_t n = ::pread(fd, probe.data(), probe.size(), static_cast<off_t>(next));
      if (n <= 0) {
        ::close(fd);
        throw InputError({path_, 0, ""}, std::string("read error: ") + std::strerror(errno));
      }
      const void* newline = std::memchr(probe.data(), '\n', static_cast<std::size_t>(n));
      if (newline != nullptr) {
        next += static_cast<std::size_t>(static_cast<const char*>(newline) - probe.data()) + 1;
        break;
      }
      next += static_cast<std::size_t>(n);
    }
    next = std::min<std::size_t>(next, file_bytes_);
    boundaries_.push_back(next);
    position = next;
  }
  plain_releases_ = std::make_unique<std::atomic<unsigned>[]>(boundaries_.size());

  void* mapped = ::mmap(nullptr, file_bytes_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED)
    throw InputError({path_, 0, ""}, std::string("cannot map: ") + std::strerror(errno));
  ::madvise(mapped, file_bytes_, MADV_SEQUENTIAL);
  mapping_ = static_cast<const char*>(mapped);
  mapping_bytes_ = file_bytes_;
}

namespace {

// Makes room for `capacity` bytes, keeping the first `keep` (new char[] does not zero-fill).
void reserve_buffer(std::unique_ptr<char[]>& data, std::size_t& current, std::size_t capacity,
                    std::size_t keep) {
  if (current >= capacity) return;
  std::unique_ptr<char[]> grown(new char[capacity]);
  if (keep > 0) std::memcpy(grown.get(), data.get(), keep);
  data = std::move(grown);
  current = capacity;
}

}  // namespace

void ChunkStream::produce() {
  try {
    auto source = open_byte_source(path_);
    Buffer filling;
    std::string carry;  // the unfinished last line of the previous chunk
    bool at_end = false;
    while (!at_end) {
      reserve_buffer(filling.data, filling.capacity, chunk_bytes_ + kReadBytes, 0);
      std::memcpy(filling.data.get(), carry.data(), carry.size());
      filling.size = carry.size();
      carry.clear();
      std::size_t cut = std::string::npos;  // one past the last newline
      while (true) {
        if (filling.size + kReadBytes > filling.capacity) {
          // A chunk ends at a line's end: keep reading (and growing) until one is seen.
          if (filling.size >= chunk_bytes_ && cut != std::string::npos) break;
          reserve_buffer(filling.data, filling.capacity, filling.capacity * 2, filling.size);
        }
        const std::size_t n = source->read(filling.data.get() + filling.size, kReadBytes);
        if (n == 0) {
          at_end = true;
          break;
        }
        const void* newline = memrchr(filling.data.get() + filling.size, '\n', n);
        filling.size += n;
        if (newline != nullptr)
          cut = static_cast<std::size_t>(static_cast<const char*>(newline) - filling.data.get()) + 1;
        if (filling.size >= chunk_bytes_ && cut != std::string::npos) break;
      }
      if (!at_end && cut != std::string::npos) {
        carry.assign(filling.data.get() + cut, filling.size - cut);
        filling.size = cut;
      }
      if (filling.size == 0) break;

      std::unique_lock lock(mutex_);
      Slot& slot = ring_[produced_ % ring_.size()];
      changed_.wait(lock, [&] { return cancelled_ || slot.pending == 0; });
      if (cancelled_) return;
      std::swap(slot.buffer, filling);  // `filling` takes the slot's old buffer and its capacity
      slot.index = produced_;
      slot.pending = consumers_;
      ++produced_;
      file_bytes_done_.store(source->file_bytes_read(), std::memory_order_relaxed);
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    error_ = std::current_exception();
  }
  std::lock_guard lock(mutex_);
  producer_done_ = true;
  changed_.notify_all();
}

bool ChunkStream::acquire(std::uint64_t index, std::string_view& text) {
  if (compression_ == Compression::none) {
    if (boundaries_.empty() || index + 1 >= boundaries_.size()) return false;
    text = std::string_view(mapping_ + boundaries_[index], boundaries_[index + 1] - boundaries_[index]);
    std::uint64_t done = file_bytes_done_.load(std::memory_order_relaxed);
    while (boundaries_[index + 1] > done &&
           !file_bytes_done_.compare_exchange_weak(done, boundaries_[index + 1], std::memory_order_relaxed)) {
    }
    return true;
  }
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return cancelled_ || produced_ > index || producer_done_; });
  if (cancelled_) return false;
  if (produced_ > index) {
    const Buffer& buffer = ring_[index % ring_.size()].buffer;
    text = std::string_view(buffer.data.get(), buffer.size);
    return true;
  }
  if (error_) std::rethrow_exception(error_);
  return false;
}

void ChunkStream::release(std::uint64_t index) {
  if (compression_ == Compression::none) {
    if (index + 1 >= boundaries_.size()) return;
    if (plain_releases_[index].fetch_add(1, std::memory_order_acq_rel) + 1 != consumers_) return;
    // Only whole pages inside the chunk: a page shared with a neighbour may still be in use.
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t begin = (boundaries_[index] + page - 1) / page * page;
    const std::size_t end = boundaries_[index + 1] / page * page;
    if (end > begin) ::madvise(const_cast<char*>(mapping_) + begin, end - begin, MADV_DONTNEED);
    return;
  }
  std::lock_guard lock(mutex_);
  Slot& slot = ring_[index % ring_.size()];
  if (slot.index == index && slot.pending > 0 && --slot.pending == 0) changed_.notify_all();
}

void ChunkStream::cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  changed_.notify_all();
}

}  // namespace minewatch
