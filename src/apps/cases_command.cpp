// `minewatch cases resolve|list|labels`: the inspectors' side of the case store (docs/cases.md). Scans write
// cases into the store; here an outcome is recorded, the cases are listed, and confirmed and false-alarm
// outcomes become labels to retrain the theft model on.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

#include "minewatch/apps/case_listing.h"
#include "minewatch/apps/commands.h"
#include "minewatch/core/error.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/store/case_labels.h"
#include "minewatch/store/case_store.h"

namespace minewatch {
namespace {

struct CasesArguments {
  std::string db;
  std::string case_id;
  std::string outcome;
  std::string note;
  std::string format = "csv";
  std::string out;
  std::string target = "theft";
};

const std::vector<std::string> kOutcomes = {"confirmed", "not_found", "legal", "no_access", "duplicate"};

bool is_postgres(const std::string& db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

// A scan creates the store; these commands only use one. Opening a mistyped SQLite path would quietly create
// an empty store there, so a missing file is an error instead.
std::unique_ptr<store::CaseStore> open_existing(const std::string& db) {
  if (!is_postgres(db) && !std::filesystem::exists(db))
    throw InputError({store::redacted_location(db), 0, "--db"},
                     "no case store here (a scan with a case store creates it)");
  return store::CaseStore::open(db);
}

int run_resolve(const CasesArguments& args) {
  const auto outcome = store::parse_outcome(args.outcome);
  if (!outcome)
    throw InputError({store::redacted_location(args.db), 0, "--outcome"}, "unknown outcome", args.outcome);
  const auto cases = open_existing(args.db);
  if (!cases->find_case(args.case_id))
    throw InputError({store::redacted_location(args.db), 0, "--case"}, "unknown case", args.case_id);
  cases->resolve(args.case_id, *outcome, args.note);
  fmt::print(
      "{}: {}{}\n", args.case_id, args.outcome,
      store::is_false_alarm(*outcome) ? " (a false alarm: the same evidence is not raised again)" : "");
  return 0;
}

int run_list(const CasesArguments& args) {
  const auto cases = open_existing(args.db);
  const std::vector<store::CaseRecord> stored = cases->cases();
  const std::vector<store::Resolution> resolved = cases->resolutions();
  fmt::print("{}", args.format == "json" ? cases_json(stored, resolved) : cases_csv(stored, resolved));
  return 0;
}

int run_labels(const CasesArguments& args) {
  const store::LabelTarget target =
      args.target == "mining" ? store::LabelTarget::mining : store::LabelTarget::theft;
  const std::vector<store::MeterLabel> labels =
      store::labels_from_resolutions(open_existing(args.db)->resolutions(), target);
  const std::filesystem::path out(args.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  AtomicFile file(args.out);
  file.write(store::labels_csv(labels));
  file.commit();
  std::size_t positives = 0;
  for (const store::MeterLabel& label : labels) positives += label.positive ? 1 : 0;
  fmt::print("wrote {}: {} meters, {} with {} found\n", args.out, labels.size(), positives, args.target);
  return 0;
}

void add_db_option(CLI::App& cmd, CasesArguments& args) {
  cmd.add_option("--db", args.db, "The case store: a SQLite file, or a postgresql://user@host/db URL")
      ->required();
}

}  // namespace

void add_cases_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CasesArguments>();
  CLI::App* cases = app.add_subcommand("cases", "Inspection cases kept between scans: resolve, list, labels");
  cases->require_subcommand(1);

  CLI::App* resolve = cases->add_subcommand("resolve", "Record what an inspection of a case found");
  add_db_option(*resolve, *args);
  resolve->add_option("--case", args->case_id, "The case id (C + 16 hex digits)")->required();
  resolve->add_option("--outcome", args->outcome, "What was found")
      ->required()
      ->check(CLI::IsMember(kOutcomes));
  resolve->add_option("--note", args->note, "Free text kept with the outcome");
  resolve->callback([args, &exit_code] { exit_code = run_resolve(*args); });

  CLI::App* list = cases->add_subcommand("list", "Print every stored case with its latest outcome");
  add_db_option(*list, *args);
  list->add_option("--format", args->format, "csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"csv", "json"}));
  list->callback([args, &exit_code] { exit_code = run_list(*args); });

  CLI::App* labels = cases->add_subcommand("labels",
                                           "Write meter_id,flag,theft_type labels from resolved cases (for "
                                           "`theft train` or `train mining --labels`)");
  add_db_option(*labels, *args);
  labels->add_option("--target", args->target, "Which model the labels are for: theft or mining")
      ->capture_default_str()
      ->check(CLI::IsMember({"theft", "mining"}));
  labels->add_option("--out,-o", args->out, "The labels CSV to write")->required();
  labels->callback([args, &exit_code] { exit_code = run_labels(*args); });
}

}  // namespace minewatch
