// Fuzzes the net layer's capture path: libpcap's reader, our link/IP/TCP/UDP decoding, DNS and TLS SNI
// parsing, stream reassembly and the message scanner. A bad file is an InputError naming the file, never
// anything else (no crash, no other exception, no sanitizer report). The same bytes are also decoded as a
// bare frame of each link type, which reaches the decoders without libpcap's own file checks.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/net/flow_table.h"
#include "minewatch/net/names.h"
#include "minewatch/net/net_verdict.h"
#include "minewatch/net/pcap_reader.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One table for the whole run: its nDPI module takes far longer to set up than an input takes to scan,
  // and finish() leaves the table empty for the next input.
  static net::FlowTable table;
  const std::span<const std::uint8_t> bytes(data, size);
  for (int link : {net::kLinkEthernet, net::kLinkRaw, net::kLinkLinuxSll, net::kLinkLinuxSll2}) {
    if (const auto packet = net::decode_packet(link, bytes)) {
      check(packet->payload.data() >= data && packet->payload.data() + packet->payload.size() <= data + size,
            "a payload outside the frame");
      table.add(*packet);
      check(table.finish().size() == 1, "one packet, one flow");
    }
  }
  (void)net::dns_answers(bytes);
  check(net::tls_server_name(bytes).size() < size + 1, "a server name longer than the input");

  const std::string& path =
      minewatch::fuzz::write_scratch("capture.pcap", minewatch::fuzz::as_text(data, size));
  try {
    std::uint64_t last = 0;
    net::read_capture(path, [&](const net::Packet&, std::uint64_t number) {
      check(number > last, "packet numbers do not increase");
      last = number;
    });
    net::read_capture(path, [&](const net::Packet& p, std::uint64_t) { table.add(p); });
    const auto verdicts = net::assess_addresses(table.finish(), net::PoolList::from_entries({}));
    for (const auto& v : verdicts) check(v.net_score >= 0 && v.net_score <= 1, "a score outside [0,1]");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
    (void)table.finish();  // the packets before the bad record
  }
  return 0;
}
