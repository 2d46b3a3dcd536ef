// io layer: output files that appear whole or not at all. Written to "<name>.tmp.<pid>" and renamed over
// the final name on commit(), so a crash or an error never leaves a partial file looking complete.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace minewatch {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  // Flushes, syncs and renames into place. Throws std::runtime_error on any I/O failure.
  void commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

}  // namespace minewatch
