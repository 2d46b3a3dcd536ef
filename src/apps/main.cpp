// The minewatch command line: one subcommand per job.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "minewatch/apps/commands.h"
#include "minewatch/core/error.h"

int main(int argc, char** argv) {
  CLI::App app{"minewatch: find cryptocurrency-mining farms, theft and tampering in smart-meter data"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "minewatch 0.1.0");
  int exit_code = 0;
  minewatch::add_scan_command(app, exit_code);
  minewatch::add_simulate_command(app, exit_code);
  minewatch::add_train_command(app, exit_code);
  minewatch::add_eval_command(app, exit_code);
  minewatch::add_theft_command(app, exit_code);
  minewatch::add_cases_command(app, exit_code);
  minewatch::add_report_command(app, exit_code);
  minewatch::add_net_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; any other command-line problem is bad input, like a bad file: 2.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const minewatch::InputError& e) {
    fmt::print(stderr, "minewatch: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "minewatch: error: {}\n", e.what());
    return 1;
  }
  return exit_code;
}
