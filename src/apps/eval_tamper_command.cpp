// `minewatch eval tamper`: runs the scan `minewatch scan` runs, assesses every meter's tamper evidence and
// reports how well tamper_score ranks the meters truth.csv marks as tampered (docs/tamper.md). The theft
// signal is none by default (events and physics alone); with --theft-from-scan the scan's own theft score,
// start and drop, exactly the tamper_score suspects.csv reports; with --theft-from-truth the truth's own
// theft start at score 1: an upper bound of what the combination can give, not a result.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "minewatch/apps/commands.h"
#include "minewatch/apps/scan_setup.h"
#include "minewatch/core/error.h"
#include "minewatch/eval/tamper_eval.h"
#include "minewatch/io/csv_fields.h"
#include "minewatch/io/truth_table.h"
#include "minewatch/pipeline/tamper_scan.h"

namespace minewatch {
namespace {

// Whether a tampered meter can show its tampering in the data: a magnet's episodes, a cover opened inside the
// window, or a simulated meter whose channels break physics (the `bypass`, `register`, `reversed_ct`,
// `off_supply` tags of the tamper column, docs/simulator.md: every simulated theft runs in the window, so its
// physics is seen).
bool tamper_visible(std::string_view tamper, std::int64_t theft_start, std::int64_t window_start) {
  bool visible = false;
  for (const std::string_view tag : split_semicolon_list(tamper)) {
    if (tag == "magnetic_field" || tag == "bypass" || tag == "register" || tag == "reversed_ct" ||
        tag == "off_supply")
      visible = true;
    if (tag == "cover_open" && window_start != kNoDay && theft_start >= window_start) visible = true;
  }
  return visible;
}

struct EvalTamperArguments {
  ScanInputArguments inputs;
  std::string truth;
  std::string out;
  double threshold = 0.5;
  bool theft_from_truth = false;
  bool theft_from_scan = false;
};

int run_eval_tamper(const EvalTamperArguments& args) {
  ScanSetup setup(args.inputs);
  const TruthTable truth = TruthTable::load(args.truth);
  const ScoredScan scored = setup.run("eval");
  const TamperEventIndex index(*setup.events(), setup.registry(), setup.zones());

  std::int64_t window_start = kNoDay;
  for (const auto& m : scored.scan.meters) {
    if (!m.series.empty() && (window_start == kNoDay || m.series.first_day() < window_start))
      window_start = m.series.first_day();
  }
  // The assessment the scan itself made, with its own theft signal (suspects.csv's tamper_score).
  std::unordered_map<std::string_view, const TamperAssessment*> scan_assessment;
  for (const auto& r : scored.rows) scan_assessment.emplace(r.scan->id, &r.tamper);
  std::vector<TamperEvalMeter> meters;
  std::vector<std::pair<const MeterScanResult*, TamperAssessment>> assessed;
  for (const auto& m : scored.scan.meters) {
    const TruthRow* row = truth.find(m.id);
    if (row == nullptr) continue;
    const TamperEvidence evidence = tamper_evidence_for(m, &index);
    TamperAssessment a;
    if (args.theft_from_scan) {
      a = *scan_assessment.at(m.id);
    } else {
      TheftSignal theft;
      if (args.theft_from_truth && !row->theft_type.empty()) theft = {1.0, row->theft_start};
      a = assess_tamper(evidence, theft);
    }
    TamperEvalMeter e;
    e.meter_id = m.id;
    e.score = a.score;
    e.tampered = !row->tamper.empty();
    e.visible = tamper_visible(row->tamper, row->theft_start, window_start);
    e.has_events = !evidence.events.events.empty();
    e.benign_cover = !e.tampered && evidence.events.of(EventKind::cover_open).count > 0;
    meters.push_back(e);
    assessed.emplace_back(&m, std::move(a));
  }
  fmt::print("signal: {}\n",
             args.theft_from_truth  ? "theft start from truth.csv at score 1 (an upper bound, not a result)"
             : args.theft_from_scan ? "the scan's own theft score (suspects.csv's tamper_score)"
                                    : "none (events and readings' physics alone)");
  fmt::print("{}", format_tamper_report(evaluate_tamper(meters, args.threshold)));

  if (!args.out.empty()) {
    std::sort(assessed.begin(), assessed.end(), [](const auto& a, const auto& b) {
      return a.second.score != b.second.score ? a.second.score > b.second.score : a.first->id < b.first->id;
    });
    std::ofstream file(args.out);
    if (!file) throw InputError({args.out, 0, ""}, "cannot write");
    file << "meter_id,tamper_score,tamper_start,tamper,theft_type,reason\n";
    for (const auto& [m, a] : assessed) {
      const TruthRow* row = truth.find(m->id);
      std::string reason = a.reasons;
      std::replace(reason.begin(), reason.end(), '"', '\'');
      file << fmt::format("{},{:.4f},{},{},{},\"{}\"\n", m->id, a.score,
                          a.start_day == kNoDay ? "" : format_day(a.start_day), row->tamper, row->theft_type,
                          reason);
    }
    fmt::print("wrote {}\n", args.out);
  }
  return 0;
}

}  // namespace

void add_eval_tamper_command(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<EvalTamperArguments>();
  CLI::App* tamper = eval.add_subcommand(
      "tamper",
      "Scan the readings as `minewatch scan` does and score tamper_score against truth.csv (tamper)");
  add_scan_input_options(*tamper, args->inputs);
  tamper->get_option("--meters")->required();
  tamper->get_option("--events")->required();
  tamper->add_option("--truth,-t", args->truth, "Ground truth CSV (truth.csv of `minewatch simulate`)")
      ->required()
      ->check(CLI::ExistingFile);
  tamper->add_option("--out,-o", args->out, "Also write every meter's tamper_score and reasons to this CSV");
  tamper->add_option("--threshold", args->threshold, "Score at or above which a meter counts as flagged")
      ->check(CLI::Range(0.0, 1.0));
  CLI::Option* from_truth =
      tamper->add_flag("--theft-from-truth", args->theft_from_truth,
                       "Use the truth's theft start (score 1) as the theft signal: an upper bound");
  tamper
      ->add_flag("--theft-from-scan", args->theft_from_scan,
                 "Use the scan's own theft score as the theft signal: the tamper_score suspects.csv reports")
      ->excludes(from_truth);
  tamper->callback([args, &exit_code] { exit_code = run_eval_tamper(*args); });
}

}  // namespace minewatch
