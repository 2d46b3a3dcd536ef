// Fuzzes MeterRegistry::load with the shipped region table: bad files are InputErrors, never anything else; a
// loaded registry finds each of its meters, whose zones are real.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/meter_registry.h"

using namespace minewatch;
using minewatch::fuzz::check;

namespace {

const ZoneTable& shipped_zones() {
  static const ZoneTable zones = [] {
    ZoneTable z;
    z.load_regions(std::string(MINEWATCH_DATA_DIR) + "/regions.csv");
    return z;
  }();
  return zones;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("meters.csv", minewatch::fuzz::as_text(data, size));
  ZoneTable zones = shipped_zones();  // a fresh copy: a tz column may add zones
  try {
    const MeterRegistry registry = MeterRegistry::load(path, zones);
    check(registry.size() == registry.meters().size(), "size and meters() disagree");
    for (const MeterInfo& m : registry.meters()) {
      check(!m.id.empty(), "a meter with an empty id");
      const MeterInfo* found = registry.find(m.id);
      check(found == &m, "find() does not return the meter itself");
      check(m.zone < zones.size(), "a meter's zone is not in the zone table");
      check(!(m.contract_kw < 0), "a negative contract power was accepted");
    }
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
