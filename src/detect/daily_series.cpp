#include "minewatch/detect/daily_series.h"

#include <istream>
#include <ostream>
#include <stdexcept>

namespace minewatch {
namespace {

// Longer gaps than this are refused rather than padded: a bad timestamp must not allocate years of days.
constexpr std::int64_t kMaxGapDays = 20 * 366;
// Grown a month at a time, not doubled: with 100,000 meters doubling wastes a third of the series' memory.
constexpr std::size_t kGrowthDays = 32;

}  // namespace

void DailySeries::add(std::int64_t day, const DaySummary& summary) {
  if (days_.empty()) {
    first_day_ = day;
    days_.reserve(kGrowthDays);
    days_.push_back(summary);
    return;
  }
  const std::int64_t index = day - first_day_;
  const auto size = static_cast<std::int64_t>(days_.size());
  if (index < size || index - size > kMaxGapDays) return;
  const auto needed = static_cast<std::size_t>(index) + 1;
  if (needed > days_.capacity()) days_.reserve(needed + kGrowthDays - 1);
  days_.resize(static_cast<std::size_t>(index), DaySummary{});
  days_.push_back(summary);
}

void DailySeries::save(std::ostream& out) const {
  const std::uint64_t count = days_.size();
  out.write(reinterpret_cast<const char*>(&first_day_), sizeof(first_day_));
  out.write(reinterpret_cast<const char*>(&count), sizeof(count));
  out.write(reinterpret_cast<const char*>(days_.data()),
            static_cast<std::streamsize>(count * sizeof(DaySummary)));
}

void DailySeries::load(std::istream& in) {
  std::uint64_t count = 0;
  in.read(reinterpret_cast<char*>(&first_day_), sizeof(first_day_));
  in.read(reinterpret_cast<char*>(&count), sizeof(count));
  if (!in || count > static_cast<std::uint64_t>(kMaxGapDays) * 4)
    throw std::runtime_error("checkpoint: daily series is corrupt");
  days_.resize(count);
  in.read(reinterpret_cast<char*>(days_.data()), static_cast<std::streamsize>(count * sizeof(DaySummary)));
  if (!in) throw std::runtime_error("checkpoint: daily series is truncated");
}

}  // namespace minewatch
