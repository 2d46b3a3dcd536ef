// apps layer: each subcommand of the minewatch CLI registers itself here.
#pragma once

namespace CLI {
class App;
}

namespace minewatch {

// Each adds one subcommand; its callback leaves the process exit code in `exit_code`.
void add_cases_command(CLI::App& app, int& exit_code);
void add_eval_command(CLI::App& app, int& exit_code);
// `eval tamper`, a subcommand of `eval` (src/apps/eval_tamper_command.cpp).
void add_eval_tamper_command(CLI::App& eval, int& exit_code);
// `net scan` (src/apps/net_command.cpp).
void add_net_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_scan_command(CLI::App& app, int& exit_code);
void add_simulate_command(CLI::App& app, int& exit_code);
void add_theft_command(CLI::App& app, int& exit_code);
void add_train_command(CLI::App& app, int& exit_code);
// `eval balance`, registered by add_eval_command under `eval`.
void add_eval_balance_command(CLI::App& eval, int& exit_code);

}  // namespace minewatch
