#include "minewatch/io/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace minewatch {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  temp_path_ = path_ + ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) fail("cannot create", temp_path_);
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

void AtomicFile::write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kFlushBytes) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      fail("cannot write", temp_path_);
    buffer_.clear();
  }
}

void AtomicFile::commit() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    fail("cannot write", temp_path_);
  buffer_.clear();
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail("cannot flush", temp_path_);
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    fail("cannot close", temp_path_);
  }
  file_ = nullptr;
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_path_.c_str());
    fail("cannot rename into", path_);
  }
}

}  // namespace minewatch
