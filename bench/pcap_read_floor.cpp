// The floor of bench/net_throughput.sh: libpcap's offline reader handing every record of a capture to a loop
// that only counts it. By default the file is opened with pcap_open_offline, as ndpiReader opens it (stdio's
// 4 kB buffer, one read call per 4 kB); with --buffer BYTES through a FILE with that buffer, as minewatch
// reads it (src/net/pcap_reader.cpp). minewatch's time over the floor's is its own work.
#include <pcap/pcap.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  std::size_t buffer_bytes = 0;
  if (argc == 4 && std::strcmp(argv[1], "--buffer") == 0) {
    buffer_bytes = std::strtoull(argv[2], nullptr, 10);
    argv += 2;
    argc -= 2;
  }
  if (argc != 2) {
    std::fprintf(stderr, "usage: pcap_read_floor [--buffer BYTES] CAPTURE\n");
    return 2;
  }
  char error[PCAP_ERRBUF_SIZE] = {};
  std::vector<char> buffer(buffer_bytes);
  pcap_t* pcap = nullptr;
  if (buffer_bytes == 0) {
    pcap = pcap_open_offline(argv[1], error);
  } else if (std::FILE* file = std::fopen(argv[1], "rb")) {
    std::setvbuf(file, buffer.data(), _IOFBF, buffer.size());
    pcap = pcap_fopen_offline(file, error);
    if (!pcap) std::fclose(file);
  } else {
    std::snprintf(error, sizeof error, "%s: cannot open", argv[1]);
  }
  if (!pcap) {
    std::fprintf(stderr, "pcap_read_floor: %s\n", error);
    return 2;
  }
  std::uint64_t packets = 0, captured = 0, wire = 0, touched = 0;
  pcap_pkthdr* header = nullptr;
  const std::uint8_t* data = nullptr;
  int rc = 0;
  while ((rc = pcap_next_ex(pcap, &header, &data)) == 1) {
    ++packets;
    captured += header->caplen;
    wire += header->len;
    // Touch the frame (as any reader must) so the loop cannot skip the bytes libpcap copied.
    if (header->caplen > 0) touched += data[header->caplen - 1];
  }
  if (rc != PCAP_ERROR_BREAK) {
    std::fprintf(stderr, "pcap_read_floor: %s\n", pcap_geterr(pcap));
    pcap_close(pcap);
    return 2;
  }
  pcap_close(pcap);
  std::printf("packets %llu captured_bytes %llu wire_bytes %llu (touched %llu)\n",
              static_cast<unsigned long long>(packets), static_cast<unsigned long long>(captured),
              static_cast<unsigned long long>(wire), static_cast<unsigned long long>(touched));
  return 0;
}
