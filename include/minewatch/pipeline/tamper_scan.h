// pipeline layer: the tamper evidence of one scanned meter, its events (indexed once for the whole scan)
// joined to the physics counters the batch scan collected from its readings. The scan's outputs call this per
// meter and pass the result, with the theft detector's signal, to assess_tamper (detect/tamper_score.h).
#pragma once

#include "minewatch/detect/tamper_evidence.h"
#include "minewatch/detect/tamper_score.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {

// `events` may be null (no events file): the evidence is then the readings' physics alone.
TamperEvidence tamper_evidence_for(const MeterScanResult& meter, const TamperEventIndex* events);

// The same, assessed: tamper_score, the day it began and the reasons.
TamperAssessment assess_meter_tamper(const MeterScanResult& meter, const TamperEventIndex* events,
                                     const TheftSignal& theft, const TamperWeights& weights = {});

}  // namespace minewatch
