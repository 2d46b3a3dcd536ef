// evaluate_theft: figures per scorer, over all meters and per attack type (thieves of one type against every
// honest meter).
#include "minewatch/eval/theft_eval.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace minewatch {
namespace {

TEST(TheftEval, PerScorerAndPerType) {
  std::vector<TheftEvalRow> rows;
  for (int i = 0; i < 20; ++i)
    rows.push_back({"H" + std::to_string(i), false, "", {0.1f * static_cast<float>(i % 5), 0.5f}});
  rows.push_back({"T1", true, "h1", {0.9f, 0.5f}});
  rows.push_back({"T2", true, "h1", {0.8f, 0.5f}});
  rows.push_back({"T3", true, "h6", {0.0f, NAN}});
  const TheftEvalReport report = evaluate_theft(rows, {"good", "flat"});
  ASSERT_EQ(report.overall.size(), 2u);
  EXPECT_EQ(report.overall[0].positives, 3u);
  EXPECT_EQ(report.overall[0].negatives, 20u);
  EXPECT_DOUBLE_EQ(report.by_type.at("h1")[0].auc, 1.0);
  EXPECT_DOUBLE_EQ(report.by_type.at("h1")[0].map100, 1.0);
  EXPECT_DOUBLE_EQ(report.by_type.at("h6")[0].auc, 0.1);    // ties with the 4 honest zeros count half
  EXPECT_DOUBLE_EQ(report.by_type.at("h1")[1].auc, 0.5);    // all tied
  EXPECT_TRUE(std::isnan(report.overall[0].precision100));  // fewer than 100 meters
  const nlohmann::json json = theft_report_json(report);
  EXPECT_EQ(json["good"]["by_type"]["h1"]["positives"], 2);
  EXPECT_NE(theft_report_text(report).find("h6"), std::string::npos);
}

}  // namespace
}  // namespace minewatch
