// `minewatch net scan`: mining evidence from network traffic (captures and flow records), one verdict per
// subscriber address (docs/network.md).
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>

#include "minewatch/apps/commands.h"
#include "minewatch/core/error.h"
#include "minewatch/io/atomic_file.h"
#include "minewatch/net/flow_records.h"
#include "minewatch/net/flow_table.h"
#include "minewatch/net/ipfix_reader.h"
#include "minewatch/net/lease_table.h"
#include "minewatch/net/net_verdict.h"
#include "minewatch/net/pcap_reader.h"

namespace minewatch {
namespace {

struct NetScanArguments {
  std::vector<std::string> pcaps;
  std::vector<std::string> flow_files;
  std::vector<std::string> ipfix_files;
  std::string pools = net::default_pool_list_path();
  std::string leases;  // empty: one row per address
  std::string out;
};

int run_net_scan(const NetScanArguments& args) {
  if (args.pcaps.empty() && args.flow_files.empty() && args.ipfix_files.empty())
    throw CLI::ValidationError("net scan", "give at least one --pcap, --flows or --ipfix file");
  const net::PoolList pools = net::PoolList::load(args.pools);
  std::optional<net::LeaseTable> leases;
  if (!args.leases.empty()) leases = net::LeaseTable::load(args.leases);
  // Flows go into the verdicts as they come: neither a capture's flows nor a file of records is kept whole.
  net::VerdictBuilder builder(pools, leases ? &*leases : nullptr);
  std::uint64_t packets = 0, decoded = 0, flows = 0, records = 0;
  for (const std::string& path : args.pcaps) {
    // One table per capture: flows of different captures never merge, and DNS answers apply within one.
    net::FlowTable table;
    const net::CaptureCounts counts =
        net::read_capture(path, [&](const net::Packet& p, std::uint64_t) { table.add(p); });
    packets += counts.packets;
    decoded += counts.decoded;
    for (const net::Flow& f : table.finish()) {
      builder.add(f);
      ++flows;
    }
  }
  for (const std::string& path : args.flow_files)
    records += net::for_each_flow_record(path, [&](const net::Flow& f) { builder.add(f); });
  for (const std::string& path : args.ipfix_files)
    records += net::for_each_ipfix_flow(path, [&](const net::Flow& f) { builder.add(f); }).flows;
  flows += records;
  const std::vector<net::AddressVerdict> verdicts = builder.finish();
  const std::filesystem::path out(args.out);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  AtomicFile file(args.out);
  file.write(net::net_csv(verdicts, leases.has_value()));
  file.commit();
  std::size_t mining = 0, unleased = 0;
  for (const auto& v : verdicts) {
    mining += v.net_score >= net::kMiningThreshold ? 1 : 0;
    unleased += leases && v.subscriber_id.empty() ? 1 : 0;
  }
  fmt::print("minewatch net scan: {} captures ({} packets, {} TCP/UDP), {} flow records, {} flows\n",
             args.pcaps.size(), packets, decoded, records, flows);
  if (leases)
    fmt::print(
        "  {} rows: {} subscribers ({} leases) and {} addresses no lease covers; {} with mining evidence "
        "(net_score >= {})\nwrote {}\n",
        verdicts.size(), verdicts.size() - unleased, leases->size(), unleased, mining, net::kMiningThreshold,
        args.out);
  else
    fmt::print("  {} addresses, {} with mining evidence (net_score >= {})\nwrote {}\n", verdicts.size(),
               mining, net::kMiningThreshold, args.out);
  return 0;
}

}  // namespace

void add_net_command(CLI::App& app, int& exit_code) {
  CLI::App* net = app.add_subcommand("net", "Mining evidence from network traffic (docs/network.md)");
  net->require_subcommand(1);
  auto args = std::make_shared<NetScanArguments>();
  CLI::App* scan = net->add_subcommand(
      "scan", "Find mining traffic in captures and flow records: one row per subscriber address");
  scan->add_option("--pcap", args->pcaps, "Capture files (pcap or pcapng)");
  scan->add_option("--flows", args->flow_files,
                   "Flow records: ts,src_ip,dst_ip,dst_port,bytes,packets[,duration_s]");
  scan->add_option("--ipfix", args->ipfix_files, "Flow records in IPFIX files (yaf, super_mediator, ...)");
  scan->add_option("--pools", args->pools, "Known pool endpoints: host_or_ip,port,pool,source")
      ->capture_default_str();
  scan->add_option("--leases", args->leases,
                   "Lease table subscriber_id,ip,from,to: one row per subscriber instead of per address")
      ->check(CLI::ExistingFile);
  scan->add_option("--out,-o", args->out, "NET.csv to write")->required();
  scan->callback([args, &exit_code] { exit_code = run_net_scan(*args); });
}

}  // namespace minewatch
