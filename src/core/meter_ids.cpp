#include "minewatch/core/meter_ids.h"

namespace minewatch {

MeterIndex MeterIds::intern(std::string_view id, bool& added) {
  if (auto it = index_by_id_.find(id); it != index_by_id_.end()) {
    added = false;
    return it->second;
  }
  const auto index = static_cast<MeterIndex>(ids_.size());
  ids_.emplace_back(id);
  index_by_id_.emplace(ids_.back(), index);
  added = true;
  return index;
}

bool MeterIds::find(std::string_view id, MeterIndex& out) const {
  const auto it = index_by_id_.find(id);
  if (it == index_by_id_.end()) return false;
  out = it->second;
  return true;
}

}  // namespace minewatch
