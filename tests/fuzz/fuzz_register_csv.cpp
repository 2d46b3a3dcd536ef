// Fuzzes load_register_csv (the miners' register, taxpayer_id,meter_id,capacity_kw,from,to): bad files are
// InputErrors naming the file, never anything else; rows that load are well formed.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/policy/register_file.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("registry.csv", minewatch::fuzz::as_text(data, size));
  try {
    for (const auto& r : policy::load_register_csv(path)) {
      check(!r.meter_id.empty() && !r.taxpayer_id.empty(), "an empty id loaded");
      check(r.capacity_kw > 0 && r.from <= r.to, "a bad registration loaded");
    }
  } catch (const InputError& e) {
    check(e.place().file == path, "the InputError does not name the file");
  }
  return 0;
}
