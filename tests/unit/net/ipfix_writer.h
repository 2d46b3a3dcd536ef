// tests/unit/net: IPFIX files written by the tests themselves through libfixbuf's exporter
// (fbExporterAllocFile), records given field by field in a template's order.
#pragma once

#include <arpa/inet.h>
#include <fixbuf/public.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace minewatch::testing {

// One record in the packed layout of its template: integers in host byte order, addresses as bytes.
class IpfixRecord {
 public:
  IpfixRecord& u8(std::uint8_t v) { return raw(&v, 1); }
  IpfixRecord& u16(std::uint16_t v) { return raw(&v, 2); }
  IpfixRecord& u32(std::uint32_t v) { return raw(&v, 4); }
  IpfixRecord& u64(std::uint64_t v) { return raw(&v, 8); }
  IpfixRecord& ipv4(const char* text) {
    in_addr a{};
    if (inet_pton(AF_INET, text, &a) != 1) throw std::runtime_error("bad IPv4 address in a test");
    return u32(ntohl(a.s_addr));
  }
  IpfixRecord& ipv6(const char* text) {
    std::uint8_t b[16];
    if (inet_pton(AF_INET6, text, b) != 1) throw std::runtime_error("bad IPv6 address in a test");
    return raw(b, 16);
  }
  std::vector<std::uint8_t>& bytes() { return bytes_; }

 private:
  IpfixRecord& raw(const void* p, std::size_t n) {
    const auto* b = static_cast<const std::uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
    return *this;
  }
  std::vector<std::uint8_t> bytes_;
};

struct IpfixField {
  const char* name;
  std::uint16_t size;
};

class IpfixWriter {
 public:
  explicit IpfixWriter(const std::string& path) : model_(fbInfoModelAlloc()) {
    fbSession_t* session = fbSessionAlloc(model_);
    buf_ = fBufAllocForExport(session, fbExporterAllocFile(path.c_str()));
  }
  ~IpfixWriter() {
    if (buf_) close();
    fbInfoModelFree(model_);
  }
  IpfixWriter(const IpfixWriter&) = delete;
  IpfixWriter& operator=(const IpfixWriter&) = delete;

  // Adds a template (internal and external alike) with ID `tid`; `scope` > 0 makes it an options template.
  void add_template(std::uint16_t tid, std::initializer_list<IpfixField> fields, std::uint16_t scope = 0) {
    for (bool internal : {true, false}) {
      std::vector<fbInfoElementSpec_t> spec;
      for (const IpfixField& f : fields) spec.push_back({const_cast<char*>(f.name), f.size, 0});
      spec.push_back({nullptr, 0, 0});
      fbTemplate_t* t = fbTemplateAlloc(model_);
      GError* err = nullptr;
      if (!fbTemplateAppendSpecArray(t, spec.data(), UINT32_MAX, &err)) fail(err);
      if (scope > 0) fbTemplateSetOptionsScope(t, scope);
      if (fbSessionAddTemplate(fBufGetSession(buf_), internal ? TRUE : FALSE, tid, t, &err) == 0) fail(err);
    }
  }

  void append(std::uint16_t tid, IpfixRecord record) {
    GError* err = nullptr;
    if (!fBufSetInternalTemplate(buf_, tid, &err) || !fBufSetExportTemplate(buf_, tid, &err) ||
        !fBufAppend(buf_, record.bytes().data(), record.bytes().size(), &err))
      fail(err);
  }

  // Ends the current message; the next record starts another.
  void emit() {
    GError* err = nullptr;
    if (!fBufEmit(buf_, &err)) fail(err);
  }

  void close() {
    emit();
    fBufFree(buf_);  // with its session and exporter (which closes the file)
    buf_ = nullptr;
  }

 private:
  [[noreturn]] static void fail(GError* err) {
    const std::string what = err ? err->message : "?";
    if (err) g_error_free(err);
    throw std::runtime_error("libfixbuf in a test: " + what);
  }

  fbInfoModel_t* model_;
  fBuf_t* buf_ = nullptr;
};

}  // namespace minewatch::testing
