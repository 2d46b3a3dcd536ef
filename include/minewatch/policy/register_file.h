// policy layer: the miners' register as a CSV file (taxpayer_id,meter_id,capacity_kw,from,to), the shape in
// which a tax-service extract usually arrives. Blank from/to = open-ended.
#pragma once

#include <string>
#include <vector>

#include "minewatch/policy/policy.h"

namespace minewatch::policy {

// Throws InputError naming file, line and field: a missing column, an empty id, a capacity that is not a
// positive number, a bad date, from after to.
std::vector<Registration> load_register_csv(const std::string& path);

}  // namespace minewatch::policy
