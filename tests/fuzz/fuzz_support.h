// tests/fuzz: helpers shared by the libFuzzer targets.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace minewatch::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Stops the run with a message: libFuzzer reports the input that got here.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

inline void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

// One scratch file per fuzzing process, rewritten for each input and removed at exit.
struct ScratchFile {
  std::string path;
  ~ScratchFile() { std::remove(path.c_str()); }
};

inline const std::string& scratch_path(const char* name) {
  static const ScratchFile file{
      (std::filesystem::temp_directory_path() / ("minewatch-fuzz-" + std::to_string(::getpid()) + "-" + name))
          .string()};
  return file.path;
}

inline const std::string& write_scratch(const char* name, std::string_view bytes) {
  const std::string& path = scratch_path(name);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  check(f != nullptr, "cannot create the scratch file");
  check(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "cannot write the scratch file");
  std::fclose(f);
  return path;
}

}  // namespace minewatch::fuzz
