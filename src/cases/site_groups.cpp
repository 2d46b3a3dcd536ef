#include "minewatch/cases/site_groups.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>

namespace minewatch {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

}  // namespace

std::vector<std::vector<std::size_t>> group_sites(const std::vector<MeterFindings>& meters,
                                                  const std::vector<std::size_t>& selected,
                                                  const policy::PolicyRules& rules, double mining_threshold,
                                                  int start_tolerance_days) {
  DisjointSets sets(selected.size());
  // The first selected position seen for each shared key; later ones join it.
  std::map<std::string, std::size_t> first_with_key;
  const auto join_on = [&](const std::string& key, std::size_t position) {
    const auto [it, inserted] = first_with_key.emplace(key, position);
    if (!inserted) sets.join(it->second, position);
  };
  // Mining meters of one transformer, by start day, to join those that switched on together.
  std::map<std::string, std::vector<std::pair<std::int64_t, std::size_t>>> starts_by_transformer;
  for (std::size_t p = 0; p < selected.size(); ++p) {
    const MeterFindings& m = meters[selected[p]];
    if (!m.subscriber_id.empty()) join_on("s:" + m.subscriber_id, p);
    if (const policy::Registration* r = rules.any_registration(m.meter_id)) join_on("t:" + r->taxpayer_id, p);
    if (const policy::AiDataCentre* centre = rules.ai_data_centre(m.meter_id))
      join_on("a:" + centre->site, p);
    // The day a ban ended is when every law-abiding miner of the place switches back on: a shared restart
    // says nothing about sharing a site.
    const policy::MeterPlace place{m.region, m.district, m.transformer_id};
    const bool restart_after_ban = m.mining_start != kNoDay &&
                                   rules.ban_on(place, m.mining_start - 1) != nullptr &&
                                   rules.ban_on(place, m.mining_start) == nullptr;
    if (m.mining_probability >= mining_threshold && m.mining_start != kNoDay && !m.transformer_id.empty() &&
        !restart_after_ban)
      starts_by_transformer[m.transformer_id].emplace_back(m.mining_start, p);
  }
  for (auto& [transformer, starts] : starts_by_transformer) {
    std::sort(starts.begin(), starts.end());
    for (std::size_t i = 1; i < starts.size(); ++i)
      if (starts[i].first - starts[i - 1].first <= start_tolerance_days)
        sets.join(starts[i - 1].second, starts[i].second);
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t p = 0; p < selected.size(); ++p) groups[sets.find(p)].push_back(selected[p]);
  std::vector<std::vector<std::size_t>> out;
  for (auto& [root, members] : groups) {
    std::sort(members.begin(), members.end());
    out.push_back(std::move(members));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return out;
}

}  // namespace minewatch
