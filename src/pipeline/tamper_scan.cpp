#include "minewatch/pipeline/tamper_scan.h"

namespace minewatch {

TamperEvidence tamper_evidence_for(const MeterScanResult& meter, const TamperEventIndex* events) {
  TamperEvidence evidence;
  if (events != nullptr) evidence.events = events->evidence(meter.id, meter.zone);
  evidence.physics = meter.physics;
  return evidence;
}

TamperAssessment assess_meter_tamper(const MeterScanResult& meter, const TamperEventIndex* events,
                                     const TheftSignal& theft, const TamperWeights& weights) {
  return assess_tamper(tamper_evidence_for(meter, events), theft, weights);
}

}  // namespace minewatch
