// net layer: IPFIX files through libfixbuf. We frame the messages ourselves (header, length, set headers,
// each checked against the bytes there are) and hand each whole message to fixbuf in its connection-less
// mode (fBufSetBuffer), so a file cut short or a broken length is our error with the message's number and
// offset, and fixbuf only ever decodes a message whose sets tile it exactly. fixbuf transcodes each record
// into one fixed internal record holding every element we read; which of them the record's template really
// has is worked out once per template, when fixbuf first sees it.
#include "minewatch/net/ipfix_reader.h"

#include <arpa/inet.h>
#include <fixbuf/public.h>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

#include "minewatch/core/error.h"

namespace minewatch::net {
namespace {

// The elements we read, in the order of the internal record below; kNames gives each one's IPFIX name.
enum Element : unsigned {
  kSrc6,
  kDst6,
  kStartMs,
  kEndMs,
  kOctetsDelta,
  kOctetsTotal,
  kPacketsDelta,
  kPacketsTotal,
  kRevOctetsDelta,
  kRevOctetsTotal,
  kRevPacketsDelta,
  kRevPacketsTotal,
  kSysInitMs,
  kSrc4,
  kDst4,
  kStartS,
  kEndS,
  kDurationMs,
  kStartUptime,
  kEndUptime,
  kDstPort,
  kProto,
  kElementCount
};

constexpr std::array<const char*, kElementCount> kNames = {
    "sourceIPv6Address",          "destinationIPv6Address",  "flowStartMilliseconds",
    "flowEndMilliseconds",        "octetDeltaCount",         "octetTotalCount",
    "packetDeltaCount",           "packetTotalCount",        "reverseOctetDeltaCount",
    "reverseOctetTotalCount",     "reversePacketDeltaCount", "reversePacketTotalCount",
    "systemInitTimeMilliseconds", "sourceIPv4Address",       "destinationIPv4Address",
    "flowStartSeconds",           "flowEndSeconds",          "flowDurationMilliseconds",
    "flowStartSysUpTime",         "flowEndSysUpTime",        "destinationTransportPort",
    "protocolIdentifier"};

// The internal record as fixbuf fills it: packed in the order of Element, integers in host byte order,
// IPv6 addresses as their 16 bytes. The static_asserts keep it in step with kSizes.
struct Record {
  std::uint8_t src6[16];
  std::uint8_t dst6[16];
  std::uint64_t start_ms, end_ms;
  std::uint64_t octets_delta, octets_total, packets_delta, packets_total;
  std::uint64_t rev_octets_delta, rev_octets_total, rev_packets_delta, rev_packets_total;
  std::uint64_t sys_init_ms;
  std::uint32_t src4, dst4;
  std::uint32_t start_s, end_s;
  std::uint32_t duration_ms;
  std::uint32_t start_uptime_ms, end_uptime_ms;
  std::uint16_t dst_port;
  std::uint8_t proto;
  std::uint8_t padding;  // paddingOctets: the record's size a multiple of 8
};
constexpr std::array<std::uint16_t, kElementCount> kSizes = {16, 16, 8, 8, 8, 8, 8, 8, 8, 8, 8,
                                                             8,  8,  4, 4, 4, 4, 4, 4, 4, 2, 1};
static_assert(offsetof(Record, start_ms) == 32 && offsetof(Record, src4) == 120 &&
              offsetof(Record, dst_port) == 148 && offsetof(Record, padding) == 151 && sizeof(Record) == 152);
static_assert([] {
  std::size_t total = 1;  // the padding
  for (std::uint16_t size : kSizes) total += size;
  return total;
}() == sizeof(Record));

// What a template holds, worked out once per template (the fixbuf template's context).
struct TemplateInfo {
  std::uint32_t present = 0;  // bit e: the template has element e
  bool options = false;       // an options template (exporter statistics and the like), not flows

  bool has(Element e) const { return (present >> e) & 1u; }
};

TemplateInfo describe(fbTemplate_t* tmpl) {
  TemplateInfo info;
  info.options = fbTemplateGetOptionsScope(tmpl) > 0;
  for (unsigned e = 0; e < kElementCount; ++e) {
    fbInfoElementSpec_t spec{const_cast<char*>(kNames[e]), 0, 0};
    if (fbTemplateContainsElementByName(tmpl, &spec)) info.present |= 1u << e;
  }
  return info;
}

void free_template_info(void* tmpl_ctx, void*) {
  delete static_cast<TemplateInfo*>(tmpl_ctx);
}

void on_new_template(fbSession_t*, std::uint16_t, fbTemplate_t* tmpl, void*, void** tmpl_ctx,
                     fbTemplateCtxFree_fn* free_fn) {
  *tmpl_ctx = new TemplateInfo(describe(tmpl));
  *free_fn = free_template_info;
}

struct ErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
struct BufFree {  // also frees the session and the templates it holds
  void operator()(fBuf_t* b) const { fBufFree(b); }
};
struct ModelFree {
  void operator()(fbInfoModel_t* m) const { fbInfoModelFree(m); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::uint16_t be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

std::string ipv4_text(std::uint32_t host_order) {
  const std::uint32_t net = htonl(host_order);
  char text[INET_ADDRSTRLEN];
  return inet_ntop(AF_INET, &net, text, sizeof text);
}

std::string ipv6_text(const std::uint8_t (&bytes)[16]) {
  char text[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, bytes, text, sizeof text);
}

class Reader {
 public:
  Reader(const std::string& path, const std::function<void(const Flow&)>& on_flow)
      : path_(path), on_flow_(on_flow) {
    model_.reset(fbInfoModelAlloc());
    fbSession_t* session = fbSessionAlloc(model_.get());
    fbSessionAddNewTemplateCallback(session, on_new_template, nullptr);
    buf_.reset(fBufAllocForCollection(session, nullptr));
    fBufSetAutomaticMode(buf_.get(), FALSE);  // the end of each message is ours to see
    std::array<fbInfoElementSpec_t, kElementCount + 2> spec{};
    for (unsigned e = 0; e < kElementCount; ++e) spec[e] = {const_cast<char*>(kNames[e]), kSizes[e], 0};
    spec[kElementCount] = {const_cast<char*>("paddingOctets"), 1, 0};
    spec[kElementCount + 1] = {nullptr, 0, 0};
    fbTemplate_t* tmpl = fbTemplateAlloc(model_.get());
    GError* err = nullptr;
    if (!fbTemplateAppendSpecArray(tmpl, spec.data(), UINT32_MAX, &err)) {
      fbTemplateFreeUnused(tmpl);
      internal_failure(err);
    }
    const std::uint16_t tid = fbSessionAddTemplate(session, TRUE, FB_TID_AUTO, tmpl, &err);
    if (tid == 0) internal_failure(err);
    if (!fBufSetInternalTemplate(buf_.get(), tid, &err)) internal_failure(err);
  }

  IpfixCounts read() {
    std::unique_ptr<std::FILE, FileClose> file(std::fopen(path_.c_str(), "rb"));
    if (!file) throw InputError({path_, 0, ""}, fmt::format("cannot open: {}", std::strerror(errno)));
    std::vector<std::uint8_t> message(65535);
    std::uint64_t offset = 0;  // of the message being read
    for (;;) {
      const std::size_t got = std::fread(message.data(), 1, 16, file.get());
      if (got == 0 && std::feof(file.get())) break;
      if (std::ferror(file.get()))
        throw InputError({path_, 0, ""}, fmt::format("read error: {}", std::strerror(errno)));
      const std::uint64_t number = out_.messages + 1;
      if (got >= 2 && be16(message.data()) != 10)
        message_error(number, offset, not_ipfix(be16(message.data())));
      if (got < 16)
        message_error(number, offset, fmt::format("the header is cut short ({} of 16 bytes)", got));
      const std::uint16_t length = be16(message.data() + 2);
      if (length < 16)
        message_error(number, offset, fmt::format("length {} is below the header's 16 bytes", length));
      const std::size_t body = std::fread(message.data() + 16, 1, length - 16u, file.get());
      if (body < length - 16u)
        message_error(number, offset,
                      fmt::format("cut short: {} bytes announced, {} in the file", length, body + 16));
      check_sets(message.data(), length, number, offset);
      ++out_.messages;
      read_message(message.data(), length, number, offset);
      check_templates_known(message.data(), length, number, offset);
      offset += length;
    }
    if (out_.messages == 0) throw InputError({path_, 0, ""}, "empty: not an IPFIX file");
    return out_;
  }

 private:
  [[noreturn]] void internal_failure(GError* err) {
    const std::string what = err ? err->message : "unknown";
    if (err) g_error_free(err);
    throw std::runtime_error("libfixbuf: cannot set up the IPFIX reader: " + what);
  }

  [[noreturn]] void message_error(std::uint64_t number, std::uint64_t offset, const std::string& problem) {
    throw InputError({path_, out_.records + 1, "message"},
                     fmt::format("IPFIX message {} at byte {}: {}", number, offset, problem));
  }

  static std::string not_ipfix(std::uint16_t version) {
    std::string problem = fmt::format("not IPFIX (version {}, 10 expected)", version);
    if (version == 5 || version == 9)
      problem += fmt::format("; NetFlow v{} files are read through a conversion (docs/network.md)", version);
    return problem;
  }

  // The sets must tile the message exactly, each at least its 4-byte header long.
  void check_sets(const std::uint8_t* m, std::uint16_t length, std::uint64_t number, std::uint64_t offset) {
    for (std::size_t at = 16; at < length;) {
      if (length - at < 4)
        message_error(number, offset, fmt::format("{} stray bytes after the last set", length - at));
      const std::uint16_t set_length = be16(m + at + 2);
      if (set_length < 4 || set_length > length - at)
        message_error(number, offset,
                      fmt::format("the set at byte {} of the message has length {} ({} bytes left)", at,
                                  set_length, length - at));
      at += set_length;
    }
  }

  // fixbuf skips a data set whose template it does not know, with a warning only: its records would be
  // missing from the verdicts unseen. After the message, every data set's template must be known.
  void check_templates_known(const std::uint8_t* m, std::uint16_t length, std::uint64_t number,
                             std::uint64_t offset) {
    fbSession_t* session = fBufGetSession(buf_.get());
    for (std::size_t at = 16; at < length; at += be16(m + at + 2)) {
      const std::uint16_t set_id = be16(m + at);
      if (set_id >= 256 && !fbSessionGetTemplate(session, FALSE, set_id, nullptr))
        message_error(number, offset,
                      fmt::format("a data set for template {}, which the file does not define before it "
                                  "(a file must start with its templates)",
                                  set_id));
    }
  }

  void read_message(std::uint8_t* m, std::uint16_t length, std::uint64_t number, std::uint64_t offset) {
    fBufSetBuffer(buf_.get(), m, length);
    // Every record takes at least a byte of the message; a template of zero-length fields (an element given
    // length 0) would have libfixbuf return the same empty record forever.
    const std::uint64_t most = out_.records + (length - 16u);
    for (;;) {
      GError* raw = nullptr;
      std::uint16_t tid = 0;
      fbTemplate_t* tmpl = fBufNextCollectionTemplate(buf_.get(), &tid, &raw);
      std::unique_ptr<GError, ErrorFree> err(raw);
      if (!tmpl) {
        if (err && (g_error_matches(err.get(), FB_ERROR_DOMAIN, FB_ERROR_EOM) ||
                    g_error_matches(err.get(), FB_ERROR_DOMAIN, FB_ERROR_BUFSZ)))
          return;  // the end of this message
        message_error(number, offset, err ? err->message : "unreadable");
      }
      const auto* known = static_cast<const TemplateInfo*>(fbTemplateGetContext(tmpl));
      const TemplateInfo info = known ? *known : describe(tmpl);
      Record r{};
      std::size_t size = sizeof r;
      raw = nullptr;
      if (!fBufNext(buf_.get(), reinterpret_cast<std::uint8_t*>(&r), &size, &raw)) {
        err.reset(raw);
        message_error(number, offset,
                      fmt::format("record {}: {}", out_.records + 1, err ? err->message : "?"));
      }
      if (++out_.records > most)
        message_error(number, offset, fmt::format("template {} describes records of no length", tid));
      flow_of(r, info, tid);
    }
  }

  // `names`: the element and its alternatives in words, when there are any ("octetDeltaCount or ...").
  [[noreturn]] void lacks(Element e, std::uint16_t tid, const char* names = nullptr) {
    throw InputError({path_, out_.records, kNames[e]},
                     fmt::format("the record's template {} has no {}", tid, names ? names : kNames[e]));
  }

  void flow_of(const Record& r, const TemplateInfo& t, std::uint16_t tid) {
    const bool v4 = t.has(kSrc4) || t.has(kDst4), v6 = t.has(kSrc6) || t.has(kDst6);
    if (t.options || (!v4 && !v6)) {  // exporter statistics, DNS deduplication records, ...: not flows
      ++out_.skipped;
      return;
    }
    Flow& f = flow_;  // reused: its strings keep their capacity
    // IPv4 when the template has it and the record uses it; some exporters carry both families in one
    // template.
    if (v4 && (!v6 || r.src4 != 0 || r.dst4 != 0)) {
      if (!t.has(kSrc4)) lacks(kSrc4, tid);
      if (!t.has(kDst4)) lacks(kDst4, tid);
      f.client = ipv4_text(r.src4);
      f.server = ipv4_text(r.dst4);
    } else {
      if (!t.has(kSrc6)) lacks(kSrc6, tid);
      if (!t.has(kDst6)) lacks(kDst6, tid);
      f.client = ipv6_text(r.src6);
      f.server = ipv6_text(r.dst6);
    }
    if (!t.has(kDstPort)) lacks(kDstPort, tid);
    f.server_port = r.dst_port;
    f.proto = t.has(kProto) ? r.proto : 0;
    // NetFlow v9 through libfixbuf's translator: times since the exporter's boot, and the boot time.
    const bool uptime = t.has(kSysInitMs);
    const auto since_boot = [&](std::uint32_t ms) { return static_cast<double>(r.sys_init_ms + ms) / 1000; };
    if (t.has(kStartMs))
      f.first_ts = static_cast<double>(r.start_ms) / 1000;
    else if (t.has(kStartS))
      f.first_ts = r.start_s;
    else if (uptime && t.has(kStartUptime))
      f.first_ts = since_boot(r.start_uptime_ms);
    else
      lacks(kStartMs, tid, "flowStartMilliseconds, flowStartSeconds or flowStartSysUpTime");
    if (t.has(kEndMs))
      f.last_ts = static_cast<double>(r.end_ms) / 1000;
    else if (t.has(kEndS))
      f.last_ts = r.end_s;
    else if (uptime && t.has(kEndUptime))
      f.last_ts = since_boot(r.end_uptime_ms);
    else if (t.has(kDurationMs))
      f.last_ts = f.first_ts + static_cast<double>(r.duration_ms) / 1000;
    else
      lacks(kEndMs, tid, "flowEndMilliseconds, flowEndSeconds, flowEndSysUpTime or flowDurationMilliseconds");
    if (!t.has(kOctetsDelta) && !t.has(kOctetsTotal))
      lacks(kOctetsDelta, tid, "octetDeltaCount or octetTotalCount");
    if (!t.has(kPacketsDelta) && !t.has(kPacketsTotal))
      lacks(kPacketsDelta, tid, "packetDeltaCount or packetTotalCount");
    f.bytes_up = t.has(kOctetsDelta) ? r.octets_delta : r.octets_total;
    f.packets_up = t.has(kPacketsDelta) ? r.packets_delta : r.packets_total;
    f.bytes_down = t.has(kRevOctetsDelta) ? r.rev_octets_delta : r.rev_octets_total;  // 0 when a uniflow
    f.packets_down = t.has(kRevPacketsDelta) ? r.rev_packets_delta : r.rev_packets_total;
    ++out_.flows;
    on_flow_(f);
  }

  std::string path_;
  std::unique_ptr<fbInfoModel_t, ModelFree> model_;  // declared first: freed after the buffer that uses it
  std::unique_ptr<fBuf_t, BufFree> buf_;
  std::function<void(const Flow&)> on_flow_;
  Flow flow_;
  IpfixCounts out_;
};

}  // namespace

IpfixCounts for_each_ipfix_flow(const std::string& path, const std::function<void(const Flow&)>& on_flow) {
  return Reader(path, on_flow).read();
}

IpfixFlows read_ipfix(const std::string& path) {
  IpfixFlows out;
  const IpfixCounts counts = for_each_ipfix_flow(path, [&](const Flow& f) { out.flows.push_back(f); });
  out.messages = counts.messages;
  out.records = counts.records;
  out.skipped = counts.skipped;
  return out;
}

}  // namespace minewatch::net
