#include "minewatch/learn/feature_matrix.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "minewatch/learn/roc_auc.h"

using minewatch::learn::FeatureMatrix;

TEST(TrainFeatureMatrix, SelectsAndReordersColumnsByName) {
  FeatureMatrix m({"a", "b", "c"}, {1, 2, 3, 4, 5, 6});
  ASSERT_EQ(m.rows(), 2u);
  const std::vector<std::string> wanted{"c", "a"};
  const FeatureMatrix s = m.select_columns(wanted);
  EXPECT_EQ(s.columns(), wanted);
  EXPECT_EQ(s.values(), (std::vector<float>{3, 1, 6, 4}));
  const std::vector<std::string> missing{"a", "zz"};
  EXPECT_EQ(m.first_missing(missing), "zz");
  EXPECT_THROW((void)m.select_columns(missing), std::invalid_argument);
  const std::vector<std::size_t> rows{1, 1, 0};
  EXPECT_EQ(m.select_rows(rows).values(), (std::vector<float>{4, 5, 6, 4, 5, 6, 1, 2, 3}));
}

TEST(TrainFeatureMatrix, RefusesBadShapes) {
  EXPECT_THROW(FeatureMatrix({"a", "a"}), std::invalid_argument);
  EXPECT_THROW(FeatureMatrix({"a", ""}), std::invalid_argument);
  EXPECT_THROW(FeatureMatrix({"a", "b"}, {1, 2, 3}), std::invalid_argument);
  FeatureMatrix m({"a", "b"});
  EXPECT_THROW(m.add_row(std::vector<float>{1}), std::invalid_argument);
}

TEST(TrainRocAuc, CountsTiesHalf) {
  using minewatch::learn::roc_auc;
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<float>{0.1f, 0.9f}, std::vector<float>{0, 1}), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<float>{0.9f, 0.1f}, std::vector<float>{0, 1}), 0.0);
  EXPECT_DOUBLE_EQ(roc_auc(std::vector<float>{0.5f, 0.5f}, std::vector<float>{0, 1}), 0.5);
  // Positives 0.4, 0.8; negatives 0.1, 0.4, 0.6: pairs won 1 + 0.5 + 0 + 1 + 1 + 1 = 4.5 of 6.
  EXPECT_DOUBLE_EQ(
      roc_auc(std::vector<float>{0.4f, 0.8f, 0.1f, 0.4f, 0.6f}, std::vector<float>{1, 1, 0, 0, 0}), 0.75);
  EXPECT_TRUE(std::isnan(roc_auc(std::vector<float>{0.4f}, std::vector<float>{1})));
}
