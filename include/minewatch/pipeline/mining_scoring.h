// pipeline layer: scoring every meter of a scan for mining. Peers first (the median meter of each tariff and
// region), then each meter's day-series profile (in parallel), the learned model over all meters at once,
// and finally the estimates and reasons for each meter's final score.
#pragma once

#include <span>
#include <vector>

#include "minewatch/detect/mining_model_input.h"
#include "minewatch/detect/mining_profile.h"
#include "minewatch/detect/mining_score.h"
#include "minewatch/learn/feature_matrix.h"
#include "minewatch/pipeline/batch_scan.h"

namespace minewatch {

class MeterRegistry;
class WeatherTable;
namespace learn {
class ModelBundle;
}

struct MiningScoringOptions {
  MiningScoreConfig score;
  MiningProfileConfig profile;
  const MeterRegistry* registry = nullptr;    // tariff, region, contract power; null: none known
  const WeatherTable* weather = nullptr;      // null: no temperature evidence
  const learn::ModelBundle* model = nullptr;  // null: the rule score is the score
  unsigned threads = 0;                       // 0 = all hardware threads
};

struct MiningScores {  // one entry per input meter, in input order
  std::vector<MiningProfile> profiles;
  std::vector<MiningContext> contexts;
  std::vector<MiningAssessment> assessments;
  learn::FeatureMatrix model_input;  // the model's features of every meter (written by --features-out)
};

MiningScores score_mining(std::span<const MeterScanResult* const> meters,
                          const MiningScoringOptions& options);

}  // namespace minewatch
