// learn layer: a table of named float features, one row per sample (a meter), row-major; NaN = missing.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minewatch::learn {

class FeatureMatrix {
 public:
  FeatureMatrix() = default;
  // Column names must be non-empty and unique (std::invalid_argument otherwise).
  explicit FeatureMatrix(std::vector<std::string> columns);
  // `values` holds rows * columns.size() floats, row after row.
  FeatureMatrix(std::vector<std::string> columns, std::vector<float> values);

  std::size_t rows() const { return columns_.empty() ? 0 : values_.size() / columns_.size(); }
  std::size_t cols() const { return columns_.size(); }
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<float>& values() const { return values_; }

  // Appends a row of cols() values.
  void add_row(std::span<const float> row);
  void reserve_rows(std::size_t rows) { values_.reserve(rows * columns_.size()); }
  std::span<const float> row(std::size_t r) const { return {values_.data() + r * cols(), cols()}; }
  float at(std::size_t r, std::size_t c) const { return values_[r * cols() + c]; }
  float& at(std::size_t r, std::size_t c) { return values_[r * cols() + c]; }

  std::optional<std::size_t> column_index(std::string_view name) const;
  // The first name in `names` that is not a column, if any.
  std::optional<std::string> first_missing(std::span<const std::string> names) const;
  // The columns `names`, in that order (a model's order from a scan's order). std::invalid_argument naming
  // the column when one is absent.
  FeatureMatrix select_columns(std::span<const std::string> names) const;
  // The rows `rows`, in that order (the training rows of a fold).
  FeatureMatrix select_rows(std::span<const std::size_t> rows) const;

 private:
  std::vector<std::string> columns_;
  std::vector<float> values_;
};

}  // namespace minewatch::learn
