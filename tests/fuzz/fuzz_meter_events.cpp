// Fuzzes MeterEvents::load: bad files are InputErrors naming the file, never anything else; every loaded
// meter's counts add up.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/meter_events.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("events.csv", minewatch::fuzz::as_text(data, size));
  try {
    const MeterEvents events = MeterEvents::load(path, nullptr);
    check(events.find("") == nullptr, "an event with an empty meter id was accepted");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
