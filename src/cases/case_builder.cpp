#include "minewatch/cases/case_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "minewatch/cases/case_value.h"
#include "minewatch/cases/site_groups.h"
#include "minewatch/core/meter_ids.h"

namespace minewatch {
namespace {

std::string hex_id(std::string_view text) {
  return fmt::format("{:016x}", stable_id_hash(text));
}

std::string site_key(const std::vector<const MeterFindings*>& group, const policy::PolicyRules& rules) {
  const auto all_share = [&](auto key) {
    const std::string first = key(*group.front());
    if (first.empty()) return std::string();
    for (const MeterFindings* m : group)
      if (key(*m) != first) return std::string();
    return first;
  };
  if (auto s = all_share([](const MeterFindings& m) { return m.subscriber_id; }); !s.empty()) return s;
  if (const policy::AiDataCentre* c = rules.ai_data_centre(group.front()->meter_id)) return "ai:" + c->site;
  if (auto t = all_share([&](const MeterFindings& m) {
        const policy::Registration* r = rules.any_registration(m.meter_id);
        return r == nullptr ? std::string() : r->taxpayer_id;
      });
      !t.empty())
    return "taxpayer:" + t;
  return group.front()->transformer_id + "/" + group.front()->meter_id;
}

// Buckets of 25 % in kW: the same farm measured again gives the same key, a farm that grew a quarter does
// not.
long kw_bucket(double kw) {
  return kw > 0 ? std::lround(std::log(kw) / std::log(1.25)) : -1000;
}

struct CaseDraft {
  store::CaseRecord record;
  std::vector<std::string> meters;
};

void set_status(store::CaseRecord& c, const std::unordered_set<std::string>& known,
                const std::unordered_map<std::string, const store::Resolution*>& latest) {
  const auto resolved = latest.find(c.case_id);
  if (resolved != latest.end() && store::is_false_alarm(resolved->second->outcome) &&
      resolved->second->evidence_key == c.evidence_key) {
    c.status = "suppressed";  // an inspector found nothing on this very evidence: do not send them again
    c.priority = 0;
    return;
  }
  c.status = known.contains(c.case_id) ? "open" : "new";
}

}  // namespace

CaseBuild build_cases(const std::vector<MeterFindings>& meters, const std::vector<TapFinding>& taps,
                      const policy::PolicyRules& rules, const CaseHistory& history,
                      const CaseOptions& options) {
  CaseBuild build;
  const double thr = options.threshold;
  std::vector<std::vector<Violation>> violations(meters.size());
  std::vector<std::size_t> selected;
  for (std::size_t i = 0; i < meters.size(); ++i) {
    const MeterFindings& m = meters[i];
    if (m.mining_probability >= thr) {
      const MiningMeter mm{m.meter_id,
                           {m.region, m.district, m.transformer_id},
                           m.tariff,
                           m.mining_kw,
                           std::isfinite(m.other_load_kw) ? m.other_load_kw : 0.0,
                           m.series};
      violations[i] = find_violations(mm, rules);
      if (!violations[i].empty()) build.violations.push_back({m.meter_id, m.region, violations[i]});
    }
    if (m.mining_probability >= thr || m.theft_probability >= thr || m.tamper_probability >= thr ||
        m.balance_probability >= thr)
      selected.push_back(i);
  }
  std::sort(build.violations.begin(), build.violations.end(),
            [](const MeterViolations& a, const MeterViolations& b) { return a.meter_id < b.meter_id; });

  std::unordered_map<std::string, const store::Resolution*> latest;
  for (const store::Resolution& r : history.resolutions) latest[r.case_id] = &r;
  std::unordered_set<std::string> known;  // the case ids earlier scans raised
  for (const store::CaseRecord& old : history.cases) known.insert(old.case_id);
  const policy::Fines& fines = rules.policy().fines;
  std::vector<CaseDraft> drafts;

  for (const std::vector<std::size_t>& group : group_sites(meters, selected, rules, thr)) {
    std::vector<const MeterFindings*> members;
    for (const std::size_t i : group) members.push_back(&meters[i]);
    const std::string site = site_key(members, rules);
    double p_mining = 0, p_theft = 0, p_tamper = 0, p_balance = 0, kw = 0, energy_value = 0, unbilled = 0,
           unbilled_value = 0;
    int rigs = 0, registered = 0, mining_meters = 0;
    double registered_kw = 0;
    std::int64_t start = kNoDay, end = kNoDay, first = kNoDay, last = kNoDay;
    bool ongoing = false;
    std::set<std::string> kinds;
    std::map<ViolationKind, std::pair<int, std::string>> violation_days;  // days and the first detail
    std::vector<std::string> evidence;
    const auto widen = [&](std::int64_t day) {
      if (day == kNoDay) return;
      first = first == kNoDay ? day : std::min(first, day);
      last = last == kNoDay ? day : std::max(last, day);
    };
    for (const std::size_t i : group) {
      const MeterFindings& m = meters[i];
      if (m.mining_probability >= thr) {
        ++mining_meters;
        p_mining = std::max(p_mining, m.mining_probability);
        kw += m.mining_kw;
        rigs += m.est_rigs;
        if (m.mining_start != kNoDay)
          start = start == kNoDay ? m.mining_start : std::min(start, m.mining_start);
        if (m.mining_end == kNoDay)
          ongoing = true;
        else
          end = std::max(end, m.mining_end);
        const std::int64_t judged = m.mining_end == kNoDay ? options.last_day : m.mining_end;
        if (const policy::Registration* r = rules.registration_on(m.meter_id, judged)) {
          ++registered;
          registered_kw += r->capacity_kw;
        }
        evidence.push_back(m.meter_id + " mining: " + m.mining_reason);
        if (m.net_score >= 0.5) kinds.insert("network");  // traffic to a pool or in a mining protocol
        if (m.net_score >= 0)
          evidence.push_back(fmt::format(
              "{} network (net_score {:.2f}; mining probability {:.2f} from the meter, {:.2f} with the "
              "network): {}",
              m.meter_id, m.net_score, m.meter_mining_probability, m.mining_probability, m.net_reason));
        for (const Violation& v : violations[i]) {
          auto& [days, detail] = violation_days[v.kind];
          if (days++ == 0) detail = v.detail;
          widen(v.day);
        }
        energy_value += violation_energy_value(m, violations[i], rules);
      }
      double meter_unbilled = 0;
      const bool is_miner = m.mining_probability >= thr;
      if (m.theft_probability >= thr && is_miner && rigs_stopped_near(m, m.theft_start)) {
        evidence.push_back(m.meter_id + ": its fall in energy on " + format_day(m.theft_start) +
                           " is the rigs switching off, not counted as theft");
      } else if (m.theft_probability >= thr) {
        p_theft = std::max(p_theft, m.theft_probability);
        kinds.insert("theft");
        meter_unbilled = fall_since(m.series, m.theft_start);
        widen(m.theft_start);
        evidence.push_back(m.meter_id + " theft: " + m.theft_reason);
      }
      if (m.tamper_probability >= thr) {
        p_tamper = std::max(p_tamper, m.tamper_probability);
        kinds.insert("tamper");
        if (meter_unbilled == 0 && !(is_miner && rigs_stopped_near(m, m.tamper_start)))
          meter_unbilled = fall_since(m.series, m.tamper_start);
        widen(m.tamper_start);
        evidence.push_back(m.meter_id + " tampering: " + m.tamper_reason);
      }
      if (m.balance_probability >= thr) {
        // The balance measures the same hidden energy the meter's own fall estimates: the larger one counts.
        p_balance = std::max(p_balance, m.balance_probability);
        kinds.insert("balance");
        meter_unbilled = std::max(meter_unbilled, m.balance_kwh);
        widen(m.balance_start);
        evidence.push_back(m.meter_id + " balance: " + m.balance_reason);
      }
      unbilled += meter_unbilled;
      unbilled_value += meter_unbilled * price_of(rules, m, m.tariff);
    }
    std::vector<std::string> violation_kinds;
    double fine_total = 0;
    for (const auto& [kind, info] : violation_days) {
      violation_kinds.push_back(violation_kind_name(kind));
      kinds.insert(violation_kind_name(kind));
      fine_total += fine_of(fines, kind);
      evidence.push_back(
          fmt::format("{} on {} meter-days: {}", violation_kind_name(kind), info.first, info.second));
    }
    if (mining_meters > 0) {
      kinds.insert("mining");
      Farm farm;
      farm.site = site;
      farm.region = members.front()->region;
      for (const MeterFindings* m : members)
        if (m->mining_probability >= thr) farm.meters.push_back(m->meter_id);
      farm.probability = p_mining;
      farm.mining_kw = kw;
      farm.est_rigs = rigs;
      farm.start = start;
      farm.end = ongoing ? kNoDay : end;
      farm.registered = registered == 0 ? "no" : registered == mining_meters ? "yes" : "partial";
      farm.registered_kw = registered_kw;
      farm.new_in_period = start != kNoDay && start >= options.first_day + options.new_farm_margin_days;
      farm.violations = violation_kinds;
      build.farms.push_back(std::move(farm));
    }
    // A lawful farm with nothing else against it is counted, not inspected.
    if (violation_days.empty() && p_theft < thr && p_tamper < thr && p_balance < thr) continue;
    const double p_violation = violation_days.empty() ? 0.0 : p_mining;
    CaseDraft d;
    store::CaseRecord& c = d.record;
    c.site = site;
    c.case_id = "C" + hex_id(site);
    c.region = members.front()->region;
    for (const MeterFindings* m : members) d.meters.push_back(m->meter_id);
    c.meters = fmt::format("{}", fmt::join(d.meters, ";"));
    c.kinds = fmt::format("{}", fmt::join(kinds, ";"));
    c.probability = 1.0 - (1.0 - p_violation) * (1.0 - p_theft) * (1.0 - p_tamper) * (1.0 - p_balance);
    c.mining_kw = kw;
    c.unbilled_kwh = unbilled;
    c.expected_value = unbilled_value + energy_value + fine_total;
    c.priority = c.probability * c.expected_value;
    if (start != kNoDay) widen(start);
    c.first_day = format_day_or_empty(first);
    c.last_day = format_day_or_empty(last == kNoDay ? kNoDay : std::max(last, options.last_day));
    c.evidence_key = hex_id(fmt::format("{}|{}|{}", c.kinds, kw_bucket(kw), c.first_day));
    c.evidence = fmt::format("{}", fmt::join(evidence, " | "));
    set_status(c, known, latest);
    drafts.push_back(std::move(d));
  }

  for (const TapFinding& tap : taps) {
    if (tap.probability < thr) continue;
    CaseDraft d;
    store::CaseRecord& c = d.record;
    c.site = "transformer:" + tap.transformer_id;
    c.case_id = "C" + hex_id(c.site);
    c.region = tap.region;
    d.meters = tap.meters;
    c.meters = fmt::format("{}", fmt::join(tap.meters, ";"));
    c.kinds = "tap";
    c.probability = tap.probability;
    c.unbilled_kwh = tap.unbilled_kwh;
    const policy::Tariff* t = rules.tariff(tap.region, rules.policy().default_tariff_class);
    c.expected_value = tap.unbilled_kwh * (t == nullptr ? 0.0 : t->price_per_kwh);
    c.priority = c.probability * c.expected_value;
    c.first_day = format_day_or_empty(tap.start_day == kNoDay ? options.first_day : tap.start_day);
    c.last_day = format_day_or_empty(options.last_day);
    c.evidence_key = hex_id(fmt::format("tap|{}|{}", kw_bucket(tap.unbilled_kwh), c.first_day));
    c.evidence = "transformer " + tap.transformer_id + ": " + tap.reason;
    set_status(c, known, latest);
    drafts.push_back(std::move(d));
  }

  std::sort(drafts.begin(), drafts.end(), [](const CaseDraft& a, const CaseDraft& b) {
    if (a.record.priority != b.record.priority) return a.record.priority > b.record.priority;
    if (a.record.probability != b.record.probability) return a.record.probability > b.record.probability;
    return a.record.case_id < b.record.case_id;
  });
  for (CaseDraft& d : drafts) {
    build.cases.push_back(std::move(d.record));
    build.case_meters.push_back(std::move(d.meters));
  }
  std::sort(build.farms.begin(), build.farms.end(), [](const Farm& a, const Farm& b) {
    return a.probability != b.probability ? a.probability > b.probability : a.site < b.site;
  });
  return build;
}

}  // namespace minewatch
