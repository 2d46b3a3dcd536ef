// io layer: daily mean temperatures by region (weather.csv: region,date,temp_c), for the detectors'
// temperature-insensitivity test. Dates are local calendar dates (YYYY-MM-DD).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minewatch {

class WeatherTable {
 public:
  // Throws InputError naming file, line and field: a missing column, a bad date or number, a duplicate
  // (region, date), a temperature outside -90..+60 degrees C.
  static WeatherTable load(const std::string& path);

  // Temperatures of days first_day, first_day + 1, ... count days later for a region: NaN where unknown.
  // All NaN for a region the table does not have.
  std::vector<float> temperatures(std::string_view region, std::int64_t first_day, std::size_t count) const;

  bool has_region(std::string_view region) const {
    return regions_.find(std::string(region)) != regions_.end();
  }
  std::size_t regions() const { return regions_.size(); }

 private:
  struct RegionDays {
    std::int64_t first_day = 0;
    std::vector<float> temps;  // NaN for days between known ones
  };
  std::unordered_map<std::string, RegionDays> regions_;
};

}  // namespace minewatch
