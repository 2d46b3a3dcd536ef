// io layer: which meters are confirmed thieves, for training and evaluating the theft model. Read from a
// labels file (`meter_id,flag[,theft_type]`, as scripts/inject_theft.py writes) or straight from an SGCC file
// (`CONS_NO,FLAG,<dates>...`), whose FLAG column is the label, or from a simulator's truth.csv (no flag: a
// meter with a theft_type is a thief).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace minewatch {

struct TheftLabel {
  bool theft = false;
  std::string type;  // h1..h6, bypass, intermittent, ...; empty when unknown or honest
};

class TheftLabels {
 public:
  // The id column is `meter_id` or `cons_no`, the label `flag` (0 or 1; a blank flag leaves the meter
  // unlabelled); `theft_type` is optional. Other columns are ignored. Throws InputError (file, line,
  // field) for a missing column, a flag other than 0/1/blank, or a meter listed twice. Without a flag column,
  // theft_type decides: set is a thief, blank is honest.
  static TheftLabels load(const std::string& path);

  std::optional<TheftLabel> find(std::string_view meter_id) const;
  std::size_t size() const { return labels_.size(); }

 private:
  std::unordered_map<std::string, TheftLabel> labels_;
};

}  // namespace minewatch
