// Fuzzes the net layer's IPFIX path: our message and set framing, libfixbuf's decoding of templates and
// records (options templates, reduced-length and variable-length fields, biflow elements) and the check of
// each template's elements. A bad file is an InputError naming the file, never anything else (no crash, no
// other exception, no sanitizer report in our code; libfixbuf itself is not instrumented).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/net/ipfix_reader.h"
#include "minewatch/net/net_verdict.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("flows.ipfix", minewatch::fuzz::as_text(data, size));
  try {
    const net::IpfixFlows read = net::read_ipfix(path);
    check(read.messages >= 1 && read.messages * 16 <= size, "more messages than the bytes allow");
    check(read.records == read.flows.size() + read.skipped, "records neither flows nor skipped");
    for (const net::Flow& f : read.flows)
      check(!f.client.empty() && !f.server.empty(), "a flow without addresses");
    const auto verdicts = net::assess_addresses(read.flows, net::PoolList::from_entries({}));
    for (const auto& v : verdicts) check(v.net_score >= 0 && v.net_score <= 1, "a score outside [0,1]");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
