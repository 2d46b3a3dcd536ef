// apps layer: the cases step of `minewatch scan`: the policy's violations, one case per site, the farms, and
// (with --db) the case store: what earlier scans and inspectors said comes in, this scan's cases go out in
// one transaction. Writes violations.csv, farms.csv, cases.csv and case_loads.csv into the output directory.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "minewatch/apps/scan_balance.h"
#include "minewatch/apps/scan_setup.h"
#include "minewatch/cases/case_builder.h"
#include "minewatch/policy/policy_rules.h"
#include "minewatch/store/case_store.h"

namespace CLI {
class App;
}

namespace minewatch {

struct CaseStepArguments {
  std::string policy;  // empty: the shipped data/policy/russia.toml
  std::string db;      // empty: no store (cases are still written to cases.csv)
  std::size_t top_loads = 50;
  double threshold = 0.5;  // set from the settings' suspect threshold
};

void add_case_step_options(CLI::App& cmd, CaseStepArguments& args);

// What the cases step needs, loaded before the scan so that a bad policy or an unreachable store fails fast
// and leaves no output behind. Throws InputError for a bad policy (or one whose zones disagree with the
// scan's), StoreError for a store that cannot be opened.
struct CaseInputs {
  std::string policy_path;
  std::optional<policy::PolicyRules> rules;
  std::unique_ptr<store::CaseStore> store;  // null without --db
};
CaseInputs open_case_inputs(const CaseStepArguments& args, const ScanSetup& setup);

struct CaseStep {
  std::string policy_path;
  CaseBuild build;
  std::int64_t first_day = 0;
  std::int64_t last_day = -1;
  bool stored = false;
};

// Throws StoreError for a store that cannot be written (the files are written before the store, so nothing
// is lost).
CaseStep run_case_step(const CaseStepArguments& args, CaseInputs& inputs, const ScoredScan& scored,
                       const BalanceStep* balance, const std::string& out_dir);

void print_case_summary(const CaseStep& step, const std::string& out);

}  // namespace minewatch
