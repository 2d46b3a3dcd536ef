// apps layer: the transformer-balance step of `minewatch scan --balance B.csv`: reads the balance files after
// the customer scan, analyses every transformer with a balance meter and prints a short summary. Kept apart
// from scan_command.cpp so that the scan's own flow stays one screen.
#pragma once

#include <string>
#include <vector>

#include "minewatch/apps/scan_setup.h"
#include "minewatch/pipeline/transformer_balance.h"

namespace minewatch {

struct BalanceStep {
  BalanceScanResult scan;
  std::vector<TransformerRow> rows;  // most suspicious first
  BalanceConfig config;
  double seconds = 0;
};

// Needs the registry (which meters each transformer feeds); `minewatch scan` makes --balance need --meters.
BalanceStep run_balance_step(const std::vector<std::string>& files, const ScanSetup& setup,
                             const BatchScanResult& customers);

void print_balance_summary(const BalanceStep& step, const std::string& out);

}  // namespace minewatch
