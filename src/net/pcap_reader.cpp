// net layer: libpcap's offline reader (it reads both pcap and pcapng), with its errors turned into
// InputErrors that name the file and the packet.
#include "minewatch/net/pcap_reader.h"

#include <fmt/format.h>
#include <pcap/pcap.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "minewatch/core/error.h"

namespace minewatch::net {
namespace {

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};

// libpcap reads a file through stdio, whose buffer is the file system's block (4 kB): a 414 MB capture took
// 103,000 read calls, a fifth of the scan's time (docs/BENCHMARKS.md, "Network scan throughput").
constexpr std::size_t kReadBuffer = 1u << 20;

// pcap_open_offline with a larger stdio buffer; `buffer` must outlive the returned pcap_t. Failures read as
// pcap_open_offline's do ("FILE: No such file or directory").
pcap_t* open_buffered(const std::string& path, std::vector<char>& buffer, char* error) {
  if (path == "-") return pcap_open_offline(path.c_str(), error);  // libpcap's name for stdin
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    std::snprintf(error, PCAP_ERRBUF_SIZE, "%s: %s", path.c_str(), std::strerror(errno));
    return nullptr;
  }
  buffer.resize(kReadBuffer);
  std::setvbuf(file, buffer.data(), _IOFBF, buffer.size());
  pcap_t* pcap = pcap_fopen_offline(file, error);
  if (!pcap) std::fclose(file);  // on success pcap_close closes it
  return pcap;
}

const char* link_name(int link_type) {
  const char* name = pcap_datalink_val_to_name(link_type);
  return name ? name : "unknown";
}

}  // namespace

CaptureCounts read_capture(const std::string& path,
                           const std::function<void(const Packet&, std::uint64_t number)>& on_packet) {
  char error[PCAP_ERRBUF_SIZE] = {};
  std::vector<char> buffer;  // declared before pcap: pcap_close closes the FILE that reads into it
  std::unique_ptr<pcap_t, PcapCloser> pcap(open_buffered(path, buffer, error));
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
