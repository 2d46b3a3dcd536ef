// eval layer: how well theft scores rank confirmed thieves: ROC AUC, PR-AUC (average precision), MAP@100 and
// MAP@200 (Zheng et al. 2018) and P@100, for each scorer (the model, the rule, the baseline), over all
// meters and for each attack type (the thieves of that type against every honest meter).
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace minewatch {

struct TheftEvalRow {
  std::string meter_id;
  bool theft = false;
  std::string type;           // attack type of a thief; empty when unknown
  std::vector<float> scores;  // one per scorer, NaN read as 0
};

struct RankingFigures {
  std::size_t positives = 0;
  std::size_t negatives = 0;
  double auc = NAN;
  double average_precision = NAN;
  double map100 = NAN;
  double map200 = NAN;
  double precision100 = NAN;  // NaN with fewer than 100 meters
};

struct TheftEvalReport {
  std::vector<std::string> scorers;
  std::vector<RankingFigures> overall;                         // one per scorer
  std::map<std::string, std::vector<RankingFigures>> by_type;  // type -> one per scorer
};

TheftEvalReport evaluate_theft(const std::vector<TheftEvalRow>& rows,
                               const std::vector<std::string>& scorers);

// A plain-text table (one line per group and scorer).
std::string theft_report_text(const TheftEvalReport& report);
nlohmann::json theft_report_json(const TheftEvalReport& report);

}  // namespace minewatch
