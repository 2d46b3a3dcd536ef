// net layer: nDPI's classification of a flow, as a second opinion beside our own message scanner (which
// stays the primary one: it names the messages and counts the shares). nDPI sees the first packets of a flow
// only; its state is freed as soon as it has decided.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace minewatch::net {

class NdpiFlow;

// One nDPI detection module for one capture (not thread-safe; one per FlowTable).
class NdpiModule {
 public:
  NdpiModule();
  ~NdpiModule();
  NdpiModule(const NdpiModule&) = delete;
  NdpiModule& operator=(const NdpiModule&) = delete;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// nDPI's verdict on one flow so far.
struct NdpiVerdict {
  std::string protocol;  // nDPI's name for it ("Mining", "TLS", "HTTP", ...); empty while unknown
  bool mining = false;   // NDPI_PROTOCOL_MINING
};

// The per-flow state while nDPI is still deciding. Feed it the IP packets of the flow (both directions)
// until done(); then verdict() stays as it is and the nDPI state is gone.
class NdpiFlow {
 public:
  NdpiFlow();
  ~NdpiFlow();
  NdpiFlow(const NdpiFlow&) = delete;
  NdpiFlow& operator=(const NdpiFlow&) = delete;

  void add(NdpiModule& module, std::span<const std::uint8_t> ip_packet, double ts);
  // Ends detection (nDPI's "give up" with its guess left out: a port guess is no evidence).
  void finish(NdpiModule& module);
  bool done() const { return state_ == nullptr; }
  const NdpiVerdict& verdict() const { return verdict_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  NdpiVerdict verdict_;
  std::uint32_t packets_ = 0;
};

}  // namespace minewatch::net
