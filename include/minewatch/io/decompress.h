// io layer: transparent reading of plain, gzip and zstd files (detected by magic bytes, not by name).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace minewatch {

enum class Compression { none, gzip, zstd };

const char* compression_name(Compression c);

// Reads the first bytes of a file to tell its compression. Throws InputError if it cannot be opened.
Compression detect_compression(const std::string& path);

// A stream of decompressed bytes. read() returns 0 at the clean end of the data and throws InputError naming
// the file when it is truncated or corrupt.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
  // Bytes of the file itself (compressed) consumed so far, for progress.
  virtual std::uint64_t file_bytes_read() const = 0;
};

std::unique_ptr<ByteSource> open_byte_source(const std::string& path);

// Reads a whole (small) file, decompressing as needed: registries, events, policy files.
std::string read_whole_file(const std::string& path);

}  // namespace minewatch
