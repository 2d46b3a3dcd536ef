#include "minewatch/report/regional_stats.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace minewatch::report {
namespace {

constexpr double kZ95 = 1.959963984540054;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a: each region's bootstrap draws its own stream, so its interval does not depend on which other
// regions the file holds.
std::uint64_t text_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

double median_in_place(std::vector<double>& v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)) + upper) / 2;
}

// The q-quantile of sorted values, interpolated between order statistics (R's type 7).
double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (at - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double variance_of_count(std::span<const double> p) {
  double v = 0;
  for (double x : p) v += x * (1 - x);
  return v;
}

double sum_of(std::span<const double> p) {
  double s = 0;
  for (double x : p) s += x;
  return s;
}

// The figures of one group of farms (a region's, or all of them).
struct Group {
  std::vector<const FarmRow*> rows;
  std::vector<double> previous_p;
  std::int64_t previous_farms = 0;
};

RegionStats stats_of(const std::string& name, const Group& group, bool with_previous) {
  RegionStats s;
  s.region = name;
  std::vector<double> p, kw;
  for (const FarmRow* f : group.rows) {
    p.push_back(f->probability);
    if (f->probability < kFarmThreshold) continue;
    ++s.farms;
    s.registered += f->registered == "yes" ? 1 : 0;
    s.unregistered += f->registered == "no" ? 1 : 0;
    s.partial += f->registered == "partial" ? 1 : 0;
    s.total_kw += f->mining_kw;
    kw.push_back(f->mining_kw);
    s.new_farms += f->new_in_period ? 1 : 0;
  }
  s.expected_farms = expected_count(p);
  s.median_kw = bootstrap_median(kw, kBootstrapSeed ^ text_hash(name));
  if (with_previous) {
    s.previous_farms = group.previous_farms;
    s.growth_pct = growth_percent(group.previous_farms, group.previous_p, s.farms, p);
  }
  return s;
}

}  // namespace

Interval expected_count(std::span<const double> probabilities) {
  const double e = sum_of(probabilities);
  const double half = kZ95 * std::sqrt(variance_of_count(probabilities));
  return {e, std::max(0.0, e - half), e + half};
}

std::optional<Interval> bootstrap_median(std::span<const double> values, std::uint64_t seed, int resamples) {
  if (values.empty()) return std::nullopt;
  std::vector<double> copy(values.begin(), values.end());
  Interval out;
  out.value = median_in_place(copy);
  std::uint64_t state = seed;
  std::vector<double> medians, draw(values.size());
  medians.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    // Modulo has a bias of n / 2^64: nothing next to 1000 resamples.
    for (double& x : draw) x = values[splitmix64(state) % values.size()];
    medians.push_back(median_in_place(draw));
  }
  std::sort(medians.begin(), medians.end());
  out.low = quantile_sorted(medians, 0.025);
  out.high = quantile_sorted(medians, 0.975);
  return out;
}

std::optional<Interval> growth_percent(std::int64_t previous_farms, std::span<const double> previous_p,
                                       std::int64_t current_farms, std::span<const double> current_p) {
  if (previous_farms <= 0) return std::nullopt;
  if (current_farms == 0) return Interval{-100, -100, -100};
  const double ratio = static_cast<double>(current_farms) / static_cast<double>(previous_farms);
  double relative_variance = 0;
  for (std::span<const double> p : {previous_p, current_p}) {
    const double e = sum_of(p);
    if (e > 0) relative_variance += variance_of_count(p) / (e * e);
  }
  const double half = kZ95 * std::sqrt(relative_variance);
  const double log_ratio = std::log(ratio);
  return Interval{100 * (ratio - 1), 100 * (std::exp(log_ratio - half) - 1),
                  100 * (std::exp(log_ratio + half) - 1)};
}

std::vector<RegionStats> regional_stats(std::span<const FarmRow> current,
                                        const std::vector<FarmRow>* previous) {
  std::map<std::string, Group> groups;
  Group all;
  for (const FarmRow& f : current) {
    groups[f.region].rows.push_back(&f);
    all.rows.push_back(&f);
  }
  if (previous) {
    for (const FarmRow& f : *previous) {
      const std::int64_t farm = f.probability >= kFarmThreshold ? 1 : 0;
      for (Group* g : {&groups[f.region], &all}) {
        g->previous_p.push_back(f.probability);
        g->previous_farms += farm;
      }
    }
  }
  std::vector<RegionStats> rows;
  for (const auto& [name, group] : groups) rows.push_back(stats_of(name, group, previous != nullptr));
  std::sort(rows.begin(), rows.end(), [](const RegionStats& a, const RegionStats& b) {
    if (a.new_farms != b.new_farms) return a.new_farms > b.new_farms;
    if (a.farms != b.farms) return a.farms > b.farms;
    return a.region < b.region;
  });
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].rank_by_new = static_cast<std::int64_t>(i + 1);
  rows.push_back(stats_of("ALL", all, previous != nullptr));
  return rows;
}

}  // namespace minewatch::report
