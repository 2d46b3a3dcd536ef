// `minewatch simulate`: placeholder registration until the simulator lands (issue 4).
#include <CLI/CLI.hpp>

#include "minewatch/apps/commands.h"

namespace minewatch {

void add_simulate_command(CLI::App&, int&) {}

}  // namespace minewatch
