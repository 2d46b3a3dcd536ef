// net layer: the nDPI 4.2 calls behind NdpiModule and NdpiFlow.
#include "minewatch/net/ndpi_opinion.h"

#include <ndpi/ndpi_api.h>

#include <cstring>
#include <limits>
#include <stdexcept>

namespace minewatch::net {
namespace {

// nDPI decides mining and most protocols within a handful of packets; past this a flow is left undecided
// rather than holding nDPI's per-flow state (about 1 kB) for hours.
constexpr std::uint32_t kMaxPackets = 48;

}  // namespace

struct NdpiModule::Impl {
  ndpi_detection_module_struct* module = nullptr;
};

NdpiModule::NdpiModule() : impl_(std::make_unique<Impl>()) {
  impl_->module = ndpi_init_detection_module(ndpi_no_prefs);
  if (!impl_->module) throw std::runtime_error("nDPI: cannot initialise its detection module");
  NDPI_PROTOCOL_BITMASK all;
  std::memset(&all, 0xFF, sizeof all);  // every dissector (NDPI_BITMASK_SET_ALL, without its C cast)
  ndpi_set_protocol_detection_bitmask2(impl_->module, &all);
  ndpi_finalize_initialization(impl_->module);
}

NdpiModule::~NdpiModule() {
  ndpi_exit_detection_module(impl_->module);
}

struct NdpiFlow::State {
  ndpi_flow_struct* flow = nullptr;
  ~State() {
    if (flow) ndpi_free_flow(flow);
  }
};

NdpiFlow::NdpiFlow() : state_(std::make_unique<State>()) {
  state_->flow = static_cast<ndpi_flow_struct*>(ndpi_flow_malloc(SIZEOF_FLOW_STRUCT));
  if (!state_->flow) throw std::bad_alloc();
  std::memset(state_->flow, 0, SIZEOF_FLOW_STRUCT);
}

NdpiFlow::~NdpiFlow() = default;

namespace {

NdpiVerdict verdict_of(ndpi_detection_module_struct* module, ndpi_protocol p) {
  NdpiVerdict v;
  const std::uint16_t id = p.app_protocol != NDPI_PROTOCOL_UNKNOWN ? p.app_protocol : p.master_protocol;
  if (id != NDPI_PROTOCOL_UNKNOWN) v.protocol = ndpi_get_proto_name(module, id);
  v.mining = p.app_protocol == NDPI_PROTOCOL_MINING || p.master_protocol == NDPI_PROTOCOL_MINING;
  return v;
}

}  // namespace

void NdpiFlow::add(NdpiModule& module, std::span<const std::uint8_t> ip_packet, double ts) {
  if (done() || ip_packet.size() > std::numeric_limits<unsigned short>::max()) return;
  const auto ms = static_cast<std::uint64_t>(ts * 1000);
  const ndpi_protocol p = ndpi_detection_process_packet(module.impl().module, state_->flow, ip_packet.data(),
                                                        static_cast<unsigned short>(ip_packet.size()), ms);
  verdict_ = verdict_of(module.impl().module, p);
  if (!verdict_.protocol.empty() || ++packets_ >= kMaxPackets) finish(module);
}

void NdpiFlow::finish(NdpiModule& module) {
  if (done()) return;
  if (verdict_.protocol.empty()) {
    std::uint8_t guessed = 0;
    const ndpi_protocol p = ndpi_detection_giveup(module.impl().module, state_->flow, 0, &guessed);
    if (!guessed) verdict_ = verdict_of(module.impl().module, p);
  }
  state_.reset();
}

}  // namespace minewatch::net
