#include "minewatch/store/case_labels.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace minewatch::store {
namespace {

// The non-empty parts of a ';'-joined list, in order.
std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> parts;
  while (!list.empty()) {
    const std::size_t end = std::min(list.find(';'), list.size());
    if (end > 0) parts.emplace_back(list.substr(0, end));
    list.remove_prefix(std::min(end + 1, list.size()));
  }
  return parts;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

std::vector<MeterLabel> labels_from_resolutions(const std::vector<Resolution>& resolutions) {
  struct Found {
    bool theft = false;
    std::vector<std::string> types;
  };
  std::map<std::string, Found> meters;
  for (const Resolution& r : resolutions) {
    if (r.outcome == Outcome::no_access || r.outcome == Outcome::duplicate) continue;
    const bool theft = r.outcome == Outcome::confirmed;
    for (const std::string& meter : split_list(r.meters)) {
      Found& found = meters[meter];
      if (!theft) continue;
      found.theft = true;
      for (std::string& kind : split_list(r.kinds))
        if (std::find(found.types.begin(), found.types.end(), kind) == found.types.end())
          found.types.push_back(std::move(kind));
    }
  }
  std::vector<MeterLabel> labels;
  for (const auto& [meter, found] : meters) {
    std::string type;
    for (const std::string& kind : found.types) type += (type.empty() ? "" : "+") + kind;
    labels.push_back({meter, found.theft, type});
  }
  return labels;
}

std::string labels_csv(const std::vector<MeterLabel>& labels) {
  std::string text = "meter_id,flag,theft_type\n";
  for (const MeterLabel& label : labels)
    text += csv_field(label.meter_id) + (label.theft ? ",1," : ",0,") + csv_field(label.theft_type) + "\n";
  return text;
}

}  // namespace minewatch::store
