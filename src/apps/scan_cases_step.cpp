#include "minewatch/apps/scan_cases_step.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>

#include "minewatch/apps/settings_file.h"
#include "minewatch/core/error.h"
#include "minewatch/core/meter_ids.h"
#include "minewatch/pipeline/scan_cases.h"
#include "minewatch/policy/policy.h"
#include "minewatch/store/case_store.h"

namespace minewatch {
namespace {

// Days are dated in each meter's zone by the scan; the policy judges them in its region's zone. The two must
// be the same calendar, or a season's first day would be judged on the wrong day.
void check_zones_agree(const policy::PolicyRules& rules, const ScanSetup& setup) {
  const MeterRegistry* registry = setup.registry();
  if (registry == nullptr) return;
  for (const MeterInfo& m : registry->meters()) {
    const std::string_view policy_zone = rules.region_zone(m.region);
    if (policy_zone.empty() || setup.zones().name(m.zone) == policy_zone) continue;
    for (const policy::RegionRule& r : rules.policy().regions)
      if (r.code == m.region)
        throw InputError(
            {rules.policy().path, r.line, "tz"},
            fmt::format("{} is judged in {} here, but the scan dated meter {} in {} (meters.csv tz "
                        "column or the region table): make them agree",
                        m.region, policy_zone, m.id, setup.zones().name(m.zone)));
  }
}

// The same inputs give the same scan id: the files read, their sizes, and the period.
store::ScanRecord scan_record(const ScoredScan& scored, std::int64_t first, std::int64_t last) {
  store::ScanRecord r;
  std::string identity;
  for (const FileScanInfo& f : scored.scan.files) {
    identity += fmt::format("{}:{};", std::filesystem::absolute(f.path).string(), f.bytes);
    r.inputs += (r.inputs.empty() ? "" : ";") + f.path;
  }
  r.period_from = first <= last ? format_day(first) : "";
  r.period_to = first <= last ? format_day(last) : "";
  identity += r.period_from + ".." + r.period_to;
  r.scan_id = fmt::format("S{:016x}", stable_id_hash(identity));
  r.started_at = utc_now();
  return r;
}

}  // namespace

void add_case_step_options(CLI::App& cmd, CaseStepArguments& args) {
  cmd.add_option(
         "--policy", args.policy,
         "Policy file (regions, bans, register, AI data centres, tariffs; docs/policy.md); default: the "
         "shipped data/policy/russia.toml")
      ->check(CLI::ExistingFile);
  cmd.add_option("--db", args.db,
                 "Case store: a SQLite file, or postgresql://... ; keeps cases across scans and inspectors' "
                 "outcomes (`minewatch cases resolve`)");
  cmd.add_option("--case-loads", args.top_loads,
                 "Write the daily kWh of this many top cases (case_loads.csv)")
      ->capture_default_str();
}

CaseInputs open_case_inputs(const CaseStepArguments& args, const ScanSetup& setup) {
  CaseInputs in;
  in.policy_path = args.policy.empty() ? shipped_data_path("policy/russia.toml") : args.policy;
  in.rules.emplace(policy::load_policy(in.policy_path));
  check_zones_agree(*in.rules, setup);
  if (!args.db.empty()) in.store = store::CaseStore::open(args.db);
  return in;
}

CaseStep run_case_step(const CaseStepArguments& args, CaseInputs& inputs, const ScoredScan& scored,
                       const BalanceStep* balance, const std::string& out_dir) {
  CaseStep step;
  step.policy_path = inputs.policy_path;
  const policy::PolicyRules& rules = *inputs.rules;
  std::vector<MeterFindings> meters = meter_findings(scored.rows);
  if (balance != nullptr) add_balance_culprits(meters, balance->rows);
  const std::vector<TapFinding> taps =
      balance != nullptr ? tap_findings(balance->rows) : std::vector<TapFinding>{};
  std::tie(step.first_day, step.last_day) = scan_period(scored.rows);
  CaseOptions options;
  options.threshold = args.threshold;
  options.first_day = step.first_day;
  options.last_day = step.last_day;

  store::CaseStore* store = inputs.store.get();
  CaseHistory history;
  if (store != nullptr) {
    history.cases = store->cases();
    history.resolutions = store->resolutions();
  }
  step.build = build_cases(meters, taps, rules, history, options);
  write_violations_csv(out_dir + "/violations.csv", step.build);
  write_farms_csv(out_dir + "/farms.csv", step.build);
  write_cases_csv(out_dir + "/cases.csv", step.build);
  write_case_loads_csv(out_dir + "/case_loads.csv", step.build, meters, args.top_loads);
  if (store != nullptr) {
    store->record_scan(scan_record(scored, step.first_day, step.last_day), step.build.cases);
    step.stored = true;
  }
  return step;
}

void print_case_summary(const CaseStep& step, const std::string& out) {
  std::size_t violations = 0, suppressed = 0, fresh = 0;
  for (const MeterViolations& m : step.build.violations) violations += m.violations.size();
  for (const store::CaseRecord& c : step.build.cases) {
    suppressed += c.status == "suppressed" ? 1 : 0;
    fresh += c.status == "new" ? 1 : 0;
  }
  fmt::print("farms: {} sites judged mining; {} violation meter-days (policy {})\n", step.build.farms.size(),
             violations, step.policy_path);
  fmt::print("cases: {} ({} new, {} suppressed by earlier inspections){}\n", step.build.cases.size(), fresh,
             suppressed, step.stored ? ", recorded in the case store" : "");
  for (std::size_t i = 0; i < std::min<std::size_t>(5, step.build.cases.size()); ++i) {
    const store::CaseRecord& c = step.build.cases[i];
    fmt::print("  {} {:<20} {:>5.2f} x {:>10.0f} RUB = {:>10.0f}  {}\n", c.case_id, c.kinds, c.probability,
               c.expected_value, c.priority, c.site);
  }
  fmt::print("wrote {0}/cases.csv, {0}/farms.csv, {0}/violations.csv and {0}/case_loads.csv\n", out);
}

}  // namespace minewatch
