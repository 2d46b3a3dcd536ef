#include "minewatch/store/case_labels.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "minewatch/io/csv_header.h"

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

}  // namespace

std::vector<MeterLabel> labels_from_resolutions(const std::vector<Resolution>& resolutions,
                                                LabelTarget target) {
  struct Found {
    bool positive = false;
    std::vector<std::string> kinds;
  };
  std::map<std::string, Found> meters;
  for (const Resolution& r : resolutions) {
    if (r.outcome == Outcome::no_access || r.outcome == Outcome::duplicate) continue;
    const std::vector<std::string> kinds = split_list(r.kinds);
    const auto has = [&](std::string_view kind) {
      return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    };
    bool positive = false;
    std::vector<std::string> evidence;  // the kinds the label stands for
    if (target == LabelTarget::theft) {
      const bool asked = has("theft") || has("tamper");
      if (r.outcome == Outcome::confirmed && !asked) continue;
      positive = r.outcome == Outcome::confirmed;
      for (const std::string& kind : kinds)
        if (kind == "theft" || kind == "tamper") evidence.push_back(kind);
    } else {
      if (!has("mining")) continue;
      positive = r.outcome == Outcome::confirmed || r.outcome == Outcome::legal;
      evidence = kinds;
    }
    for (const std::string& meter : split_list(r.meters)) {
      Found& found = meters[meter];
      if (!positive) continue;
      found.positive = true;
      for (const std::string& kind : evidence)
        if (std::find(found.kinds.begin(), found.kinds.end(), kind) == found.kinds.end())
          found.kinds.push_back(kind);
    }
  }
  std::vector<MeterLabel> labels;
  for (const auto& [meter, found] : meters) {
    std::string joined;
    for (const std::string& kind : found.kinds) joined += (joined.empty() ? "" : "+") + kind;
    labels.push_back({meter, found.positive, joined});
  }
  return labels;
}

std::string labels_csv(const std::vector<MeterLabel>& labels) {
  std::string text = "meter_id,flag,theft_type\n";
  for (const MeterLabel& label : labels)
    text += csv_quoted(label.meter_id) + (label.positive ? ",1," : ",0,") + csv_quoted(label.kinds) + "\n";
  return text;
}

}  // namespace minewatch::store
