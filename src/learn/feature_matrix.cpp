#include "minewatch/learn/feature_matrix.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace minewatch::learn {

FeatureMatrix::FeatureMatrix(std::vector<std::string> columns) : columns_(std::move(columns)) {
  std::unordered_set<std::string_view> seen;
  for (const auto& name : columns_) {
    if (name.empty()) throw std::invalid_argument("feature matrix: empty column name");
    if (!seen.insert(name).second) throw std::invalid_argument("feature matrix: duplicate column " + name);
  }
}

FeatureMatrix::FeatureMatrix(std::vector<std::string> columns, std::vector<float> values)
    : FeatureMatrix(std::move(columns)) {
  if (columns_.empty() ? !values.empty() : values.size() % columns_.size() != 0)
    throw std::invalid_argument("feature matrix: value count is not a multiple of the column count");
  values_ = std::move(values);
}

void FeatureMatrix::add_row(std::span<const float> row) {
  if (row.size() != columns_.size())
    throw std::invalid_argument("feature matrix: row of " + std::to_string(row.size()) + " values for " +
                                std::to_string(columns_.size()) + " columns");
  values_.insert(values_.end(), row.begin(), row.end());
}

std::optional<std::size_t> FeatureMatrix::column_index(std::string_view name) const {
  const auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it == columns_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - columns_.begin());
}

std::optional<std::string> FeatureMatrix::first_missing(std::span<const std::string> names) const {
  for (const auto& name : names)
    if (!column_index(name)) return name;
  return std::nullopt;
}

FeatureMatrix FeatureMatrix::select_columns(std::span<const std::string> names) const {
  std::vector<std::size_t> source;
  source.reserve(names.size());
  for (const auto& name : names) {
    const auto index = column_index(name);
    if (!index) throw std::invalid_argument("feature matrix: no column " + name);
    source.push_back(*index);
  }
  FeatureMatrix out(std::vector<std::string>(names.begin(), names.end()));
  const std::size_t n = rows();
  out.values_.resize(n * source.size());
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t c = 0; c < source.size(); ++c) out.values_[r * source.size() + c] = at(r, source[c]);
  return out;
}

FeatureMatrix FeatureMatrix::select_rows(std::span<const std::size_t> rows_wanted) const {
  FeatureMatrix out(columns_);
  out.values_.reserve(rows_wanted.size() * cols());
  const std::size_t n = rows();
  for (std::size_t r : rows_wanted) {
    if (r >= n) throw std::out_of_range("feature matrix: row " + std::to_string(r) + " out of range");
    const auto values = row(r);
    out.values_.insert(out.values_.end(), values.begin(), values.end());
  }
  return out;
}

}  // namespace minewatch::learn
