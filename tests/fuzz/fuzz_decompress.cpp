// Fuzzes decompression: any bytes written to a file and read back with read_whole_file either decompress or
// raise InputError (never another exception, a crash or a hang); plain data reads back unchanged; and a
// single-consumer ChunkStream sees exactly what read_whole_file returned.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/chunk_stream.h"
#include "minewatch/io/decompress.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = minewatch::fuzz::as_text(data, size);
  const std::string& path = minewatch::fuzz::write_scratch("decompress.bin", bytes);

  std::string whole;
  bool ok = true;
  try {
    whole = read_whole_file(path);
  } catch (const InputError& e) {
    check(e.place().file == path, "the InputError does not name the file");
    ok = false;
  }
  const Compression compression = detect_compression(path);
  if (compression == Compression::none) {
    check(ok && whole == bytes, "a plain file did not read back unchanged");
  }
  if (!ok || whole.size() > (1u << 20)) return 0;

  // The same bytes through a ChunkStream (small chunks, so lines are cut and carried).
  std::string streamed;
  try {
    ChunkStream stream(path, 1, 64);
    std::string_view chunk;
    for (std::uint64_t i = 0; stream.acquire(i, chunk); ++i) {
      streamed.append(chunk);
      stream.release(i);
    }
  } catch (const InputError&) {
    fuzz::fail("ChunkStream failed on a file read_whole_file decompressed");
  }
  check(streamed == whole, "ChunkStream and read_whole_file disagree");
  return 0;
}
