// net layer: libpcap's offline reader (it reads both pcap and pcapng), with its errors turned into
// InputErrors that name the file and the packet.
#include "minewatch/net/pcap_reader.h"

#include <fmt/format.h>
#include <pcap/pcap.h>

#include <memory>

#include "minewatch/core/error.h"

namespace minewatch::net {
namespace {

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};

const char* link_name(int link_type) {
  const char* name = pcap_datalink_val_to_name(link_type);
  return name ? name : "unknown";
}

}  // namespace

CaptureCounts read_capture(const std::string& path,
                           const std::function<void(const Packet&, std::uint64_t number)>& on_packet) {
  char error[PCAP_ERRBUF_SIZE] = {};
  std::unique_ptr<pcap_t, PcapCloser> pcap(pcap_open_offline(path.c_str(), error));
  if (!pcap) throw InputError({path, 0, ""}, fmt::format("not a readable pcap or pcapng capture: {}", error));
  const int link_type = pcap_datalink(pcap.get());
  if (!link_type_supported(link_type))
    throw InputError(
        {path, 0, ""},
        fmt::format("link type {} ({}) is not supported: Ethernet, Linux cooked or raw IP expected",
                    link_type, link_name(link_type)));
  CaptureCounts counts;
  for (;;) {
    pcap_pkthdr* header = nullptr;
    const std::uint8_t* data = nullptr;
    const int rc = pcap_next_ex(pcap.get(), &header, &data);
    if (rc == PCAP_ERROR_BREAK) break;  // end of file
    if (rc != 1)
      throw InputError(
          {path, counts.packets + 1, "packet"},
          fmt::format("unreadable record (truncated or corrupt capture): {}", pcap_geterr(pcap.get())));
    ++counts.packets;
    auto packet = decode_packet(link_type, {data, header->caplen});
    if (!packet) continue;
    ++counts.decoded;
    packet->ts = static_cast<double>(header->ts.tv_sec) + static_cast<double>(header->ts.tv_usec) * 1e-6;
    on_packet(*packet, counts.packets);
  }
  return counts;
}

}  // namespace minewatch::net
