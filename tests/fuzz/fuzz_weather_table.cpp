// Fuzzes WeatherTable::load: bad files are InputErrors naming the file, never anything else; what loads
// gives temperatures inside the accepted range.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/weather_table.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("weather.csv", minewatch::fuzz::as_text(data, size));
  try {
    const WeatherTable table = WeatherTable::load(path);
    for (float t : table.temperatures("RU-IRK", 20089, 30))
      check(std::isnan(t) || (t >= -90.0f && t <= 60.0f), "a temperature outside the accepted range");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
