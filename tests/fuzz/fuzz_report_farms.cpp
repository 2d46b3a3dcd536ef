// Fuzzes read_farms_csv (the report's input, a scan's farms.csv): bad files are InputErrors naming the
// file, never anything else (no crash, no other exception, no sanitizer report).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/report/scan_files.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = minewatch::fuzz::write_scratch("farms.csv", minewatch::fuzz::as_text(data, size));
  try {
    (void)report::read_farms_csv(path);
  } catch (const InputError& e) {
    check(e.place().file == path, "the InputError does not name the file");
  }
  return 0;
}
