#include "minewatch/detect/theft_explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace minewatch {
namespace {

enum class Cause { level, zeros, repeats, roughness, season, week, missing, intraday };

// From this many separate spells of zero days the reason counts them: fewer are a trip or two away.
constexpr float kManyZeroSpells = 5;

std::size_t index_of(std::string_view name) {
  const auto names = theft_feature_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

float value(std::span<const float> features, std::string_view name) {
  const std::size_t i = index_of(name);
  return i < features.size() ? features[i] : NAN;
}

Cause cause_of(std::string_view name) {
  if (name.find("intraday") != std::string_view::npos ||
      name.find("night_over_day") != std::string_view::npos)
    return Cause::intraday;
  if (name.find("zero") != std::string_view::npos) return Cause::zeros;
  if (name.find("repeat") != std::string_view::npos) return Cause::repeats;
  if (name.find("rough") != std::string_view::npos || name.find("lag1") != std::string_view::npos)
    return Cause::roughness;
  if (name.find("shape_corr") != std::string_view::npos) return Cause::season;
  if (name.find("weekday") != std::string_view::npos) return Cause::week;
  if (name == "missing_share") return Cause::missing;
  return Cause::level;
}

std::string day_or_unknown(std::int64_t day) {
  return day == kNoDay ? std::string("?") : format_day(day);
}

int percent(float share) {
  return static_cast<int>(std::lround(100.0f * share));
}

// The cause in words; empty when its figures are unknown (then the next cause is said instead).
std::string say(Cause cause, const TheftEvidence& e, std::span<const float> f) {
  switch (cause) {
    case Cause::level:
      // A change of less than a tenth is no evidence a person could see on the plot.
      if (std::isnan(e.drop_ratio) || std::fabs(e.drop_ratio - 1.0f) < 0.1f) return {};
      if (e.drop_ratio < 1.0f)
        return fmt::format("reported kWh fell to {}% of its earlier level against its peers' course from {}",
                           percent(e.drop_ratio), day_or_unknown(e.drop_start));
      return fmt::format("reported kWh against its peers' course rose x{:.2f} from {}", e.drop_ratio,
                         day_or_unknown(e.drop_start));
    case Cause::zeros: {
      std::string text;
      if (!std::isnan(e.zero_share_after) && e.drop_start != kNoDay &&
          e.zero_share_after > e.zero_share_before) {
        text = fmt::format("zero days rose from {}% to {}% of days from {}", percent(e.zero_share_before),
                           percent(e.zero_share_after), format_day(e.drop_start));
      } else if (!std::isnan(value(f, "zero_share")) && value(f, "zero_share") >= 0.05f) {
        text = fmt::format("{}% of days read zero", percent(value(f, "zero_share")));
      } else {
        // A handful of zero days (a holiday away, an outage) is nothing a person would call evidence.
        return {};
      }
      // Zeros scattered in many spells are what a person would check first: an empty home is one long run.
      const float spells = std::round(std::expm1(value(f, "zero_run_count_log")));
      if (spells >= kManyZeroSpells) text += fmt::format(", in {:.0f} separate spells", spells);
      return text;
    }
    case Cause::repeats:
      if (e.repeat_start == kNoDay) {
        const float run = value(f, "longest_repeat_run");
        return std::isnan(run) || run < 2 ? std::string()
                                          : fmt::format("the same kWh read {} days running", run + 1);
      }
      return fmt::format("the same kWh read day after day ({}% of days) from {}",
                         percent(e.repeat_share_after), format_day(e.repeat_start));
    case Cause::roughness: {
      const float early = value(f, "lag1_corr_early"), late = value(f, "lag1_corr_late");
      if (!std::isnan(e.roughness_ratio) && e.roughness_ratio >= 1.3f)
        return fmt::format("day-to-day swings {:.1f}x larger than before", e.roughness_ratio);
      if (!std::isnan(early) && !std::isnan(late))
        return fmt::format("consecutive days alike r {:.2f} early, {:.2f} lately", early, late);
      return {};
    }
    case Cause::season:
      if (std::isnan(e.shape_corr_early) || std::isnan(e.shape_corr_late)) return {};
      return fmt::format("follows its peers' seasonal course r {:.2f} early, {:.2f} lately",
                         e.shape_corr_early, e.shape_corr_late);
    case Cause::week:
      if (std::isnan(e.weekday_corr)) return {};
      return fmt::format("weekly rhythm changed (weekday profile early vs lately r {:.2f})", e.weekday_corr);
    case Cause::intraday: {
      // Days made flat (every interval the day's mean, h5) or turned round (h6: the evening peak in the night
      // window) keep the day's energy; only the shape within the day shows them.
      const float flat_early = value(f, "intraday_flatness_early"),
                  flat_late = value(f, "intraday_flatness_late");
      const float night_early = value(f, "night_over_day_early"),
                  night_late = value(f, "night_over_day_late");
      if (!std::isnan(flat_late) && !std::isnan(flat_early) && flat_late - flat_early >= 0.2f)
        return fmt::format("days became flat: lowest hour {}% of the mean hour lately, {}% early",
                           percent(flat_late), percent(flat_early));
      if (!std::isnan(night_late) && !std::isnan(night_early) && std::fabs(night_late - night_early) >= 0.3f)
        return fmt::format("the day's shape turned: night low x{:.1f} the day low lately, x{:.1f} early",
                           std::exp(night_late), std::exp(night_early));
      return {};
    }
    case Cause::missing:
      if (std::isnan(e.missing_share) || e.missing_share < 0.1f) return {};
      return fmt::format("{}% of days missing", percent(e.missing_share));
  }
  return {};
}

}  // namespace

TheftExplanation explain_theft(const TheftEvidence& evidence, std::span<const float> features,
                               std::span<const std::size_t> ranked, std::size_t max_causes) {
  TheftExplanation out;
  const auto names = theft_feature_names();
  // Evidence an inspector can verify at a glance on the load plot is said first, whatever the model's order:
  // the same value read day after day, and days of zero that began with the drop.
  std::vector<Cause> order;
  if (evidence.repeat_start != kNoDay && evidence.repeat_share_after >= 0.5f) order.push_back(Cause::repeats);
  if (evidence.zero_share_after - evidence.zero_share_before >= 0.2f) order.push_back(Cause::zeros);
  for (std::size_t index : ranked)
    if (index < names.size()) order.push_back(cause_of(names[index]));
  std::array<bool, 8> said{};
  std::size_t causes = 0;
  const auto say_in_order = [&](std::span<const Cause> causes_in_order, std::size_t most) {
    for (const Cause cause : causes_in_order) {
      if (causes == most) break;
      if (said[static_cast<std::size_t>(cause)]) continue;
      said[static_cast<std::size_t>(cause)] = true;
      const std::string text = say(cause, evidence, features);
      if (text.empty()) continue;
      if (causes == 0)
        out.start_day = cause == Cause::repeats && evidence.repeat_start != kNoDay ? evidence.repeat_start
                                                                                   : evidence.drop_start;
      out.reason += (causes == 0 ? "" : "; ") + text;
      ++causes;
    }
  };
  say_in_order(order, max_causes);
  // When none of the ranked causes has figures worth saying, the plainest evidence there is, if any: what a
  // person sees on the plot (a fall, repeated values, flat or turned days, zero days), never a statistic
  // alone.
  if (causes == 0 && !ranked.empty()) {
    constexpr std::array<Cause, 4> plainest = {Cause::level, Cause::repeats, Cause::intraday, Cause::zeros};
    said.fill(false);
    say_in_order(plainest, 1);
  }
  return out;
}

float theft_rule_score(std::span<const float> features, std::vector<std::size_t>* ranked) {
  const float z = value(features, "level_drop_z");
  const float drop = value(features, "level_drop_log");
  const float level =
      !std::isnan(z) && z >= 3 && !std::isnan(drop) ? 1.0f - std::exp(std::min(drop, 0.0f)) : 0.0f;
  const float zeros = std::clamp(
      std::isnan(value(features, "zero_increase")) ? 0.0f : value(features, "zero_increase"), 0.0f, 1.0f);
  const float repeats = std::clamp(
      std::isnan(value(features, "repeat_increase")) ? 0.0f : value(features, "repeat_increase"), 0.0f, 1.0f);
  std::array<std::pair<float, std::size_t>, 3> parts = {std::pair{level, index_of("level_drop_log")},
                                                        std::pair{zeros, index_of("zero_increase")},
                                                        std::pair{repeats, index_of("repeat_increase")}};
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (ranked != nullptr) {
    ranked->clear();
    for (const auto& [score, index] : parts)
      if (score > 0) ranked->push_back(index);
  }
  return parts[0].first;
}

}  // namespace minewatch
