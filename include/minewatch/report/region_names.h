// report layer: the names of the regions (data/regions.csv: region,tz,name), so the page reads
// "RU-IRK Irkutsk Oblast" and not a code alone.
#pragma once

#include <map>
#include <string>

namespace minewatch::report {

// Code -> name. '#' lines are comments; InputError (file, line, field) for a row without a name.
std::map<std::string, std::string> read_region_names(const std::string& path);

}  // namespace minewatch::report
