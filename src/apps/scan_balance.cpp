#include "minewatch/apps/scan_balance.h"

#include <fmt/format.h>

#include <chrono>

#include "minewatch/core/error.h"

namespace minewatch {

BalanceStep run_balance_step(const std::vector<std::string>& files, const ScanSetup& setup,
                             const BatchScanResult& customers) {
  const auto started = std::chrono::steady_clock::now();
  if (setup.registry() == nullptr) throw InputError({"--balance", 0, ""}, "needs --meters");
  BalanceStep step;
  step.config = setup.settings().balance;
  step.scan = scan_balance_files(files, *setup.registry(), setup.scan_options(), setup.zones());
  step.rows =
      build_transformer_rows(step.scan, customers.meters, *setup.registry(), step.config, setup.weather());
  step.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return step;
}

void print_balance_summary(const BalanceStep& step, const std::string& out) {
  std::size_t flagged = 0;
  for (const auto& row : step.rows) flagged += row.analysis.score >= step.config.flag_score ? 1 : 0;
  fmt::print(
      "transformer balance: {} transformers, {} balance readings, {} flagged (score >= {:.2f}), in {:.2f} "
      "s\n",
      step.rows.size(), step.scan.readings_accepted, flagged, step.config.flag_score, step.seconds);
  const std::size_t shown = std::min<std::size_t>(5, flagged);
  if (shown > 0) {
    fmt::print("\n  {:<12} {:>6} {:>10}  {:<12} {}\n", "transformer", "score", "kWh/day", "culprit",
               "reason");
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& row = step.rows[i];
      fmt::print("  {:<12} {:>6.3f} {:>10.1f}  {:<12} {}\n", row.transformer_id, row.analysis.score,
                 row.analysis.deficit_kwh_per_day, row.culprit, row.reason);
    }
    fmt::print("\n");
  }
  fmt::print("wrote {}/transformers.csv\n", out);
}

}  // namespace minewatch
