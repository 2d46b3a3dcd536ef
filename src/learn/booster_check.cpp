#include "booster_check.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace minewatch::learn::detail {
namespace {

using nlohmann::json;

// XGBoost writes the root's parent as INT32_MAX (no parent, stored in 31 bits).
constexpr std::int64_t kRootParent = 2147483647;
// Far above any real tree (depth 5 has 63 nodes); keeps a hostile num_nodes from sizing anything large.
constexpr std::int64_t kMaxNodes = 1 << 22;

std::string path(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw std::invalid_argument(where + ": " + problem);
}

const json& member(const json& object, const std::string& where, const char* key) {
  if (!object.is_object()) fail(where.empty() ? "booster" : where, "not an object");
  const auto it = object.find(key);
  if (it == object.end()) fail(path(where, key), "missing");
  return *it;
}

std::string text(const json& object, const std::string& where, const char* key) {
  const json& value = member(object, where, key);
  if (!value.is_string()) fail(where + "." + key, "not a string");
  return value.get<std::string>();
}

// XGBoost keeps its parameters as strings of decimal digits.
std::int64_t integer_text(const json& object, const std::string& where, const char* key) {
  const std::string s = text(object, where, key);
  if (s.empty() || s.size() > 12) fail(where + "." + key, "not a count: '" + s + "'");
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') fail(where + "." + key, "not a count: '" + s + "'");
    v = v * 10 + (c - '0');
  }
  return v;
}

void expect_text(const json& object, const std::string& where, const char* key, const std::string& wanted) {
  const std::string s = text(object, where, key);
  if (s != wanted) fail(where + "." + key, "expected '" + wanted + "', found '" + s + "'");
}

const json& array_of(const json& tree, const std::string& where, const char* key, std::int64_t size) {
  const json& a = member(tree, where, key);
  if (!a.is_array()) fail(where + "." + key, "not an array");
  if (static_cast<std::int64_t>(a.size()) != size)
    fail(where + "." + key,
         "has " + std::to_string(a.size()) + " entries for " + std::to_string(size) + " nodes");
  return a;
}

std::vector<std::int64_t> integers(const json& tree, const std::string& where, const char* key,
                                   std::int64_t size) {
  const json& a = array_of(tree, where, key, size);
  std::vector<std::int64_t> out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number_integer()) fail(where + "." + key + "[" + std::to_string(i) + "]", "not an integer");
    out.push_back(a[i].get<std::int64_t>());
  }
  return out;
}

void floats(const json& tree, const std::string& where, const char* key, std::int64_t size) {
  const json& a = array_of(tree, where, key, size);
  for (std::size_t i = 0; i < a.size(); ++i) {
    // XGBoost reads these as JSON reals: an integer literal would be refused by XGBoost, inf by us.
    if (!a[i].is_number_float() || !std::isfinite(a[i].get<double>()))
      fail(where + "." + key + "[" + std::to_string(i) + "]", "not a finite real number");
  }
}

void check_no_categories(const json& tree, const std::string& where) {
  for (const char* key : {"categories", "categories_nodes", "categories_segments", "categories_sizes"}) {
    const auto it = tree.find(key);
    if (it != tree.end() && !(it->is_array() && it->empty()))
      fail(where + "." + key, "categorical splits are not supported");
  }
  const auto it = tree.find("split_type");
  if (it == tree.end()) return;
  if (!it->is_array()) fail(where + ".split_type", "not an array");
  for (const json& t : *it)
    if (!(t.is_number_integer() && t.get<std::int64_t>() == 0))
      fail(where + ".split_type", "categorical splits are not supported");
}

void check_tree(const json& tree, const std::string& where, std::size_t index, std::size_t features) {
  if (!tree.is_object()) fail(where, "not an object");
  const json& id = member(tree, where, "id");
  if (!id.is_number_integer() || id.get<std::int64_t>() != static_cast<std::int64_t>(index))
    fail(where + ".id", "not " + std::to_string(index));  // XGBoost places a tree by its id
  const json& param = member(tree, where, "tree_param");
  const std::string param_where = where + ".tree_param";
  const std::int64_t n = integer_text(param, param_where, "num_nodes");
  if (n < 1 || n > kMaxNodes) fail(param_where + ".num_nodes", "out of range");
  if (integer_text(param, param_where, "num_feature") != static_cast<std::int64_t>(features))
    fail(param_where + ".num_feature", "does not match the model's features");
  expect_text(param, param_where, "size_leaf_vector", "0");
  integer_text(param, param_where, "num_deleted");

  const auto left = integers(tree, where, "left_children", n);
  const auto right = integers(tree, where, "right_children", n);
  const auto parents = integers(tree, where, "parents", n);
  const auto split = integers(tree, where, "split_indices", n);
  const auto default_left = integers(tree, where, "default_left", n);
  for (const char* key : {"split_conditions", "loss_changes", "sum_hessian", "base_weights"})
    floats(tree, where, key, n);
  check_no_categories(tree, where);

  // Walk from the root: every reachable node is a leaf (no children) or has two children in range that
  // were not reached before (so no cycles) and whose parent is this node.
  if (parents[0] != kRootParent) fail(where + ".parents[0]", "the root has a parent");
  std::vector<char> seen(static_cast<std::size_t>(n), 0);
  std::vector<std::int64_t> stack{0};
  seen[0] = 1;
  while (!stack.empty()) {
    const auto node = static_cast<std::size_t>(stack.back());
    stack.pop_back();
    const std::string at = "[" + std::to_string(node) + "]";
    if (default_left[node] != 0 && default_left[node] != 1) fail(where + ".default_left" + at, "not 0 or 1");
    if (left[node] == -1 && right[node] == -1) continue;
    if (split[node] < 0 || split[node] >= static_cast<std::int64_t>(features))
      fail(where + ".split_indices" + at, "feature out of range");
    for (const auto child : {left[node], right[node]}) {
      if (child < 1 || child >= n) fail(where + ".left_children/right_children" + at, "child out of range");
      const auto c = static_cast<std::size_t>(child);
      if (seen[c]) fail(where + ".left_children/right_children" + at, "a node reached twice");
      if (parents[c] != static_cast<std::int64_t>(node))
        fail(where + ".parents[" + std::to_string(c) + "]", "not the node's parent");
      seen[c] = 1;
      stack.push_back(child);
    }
  }
}

}  // namespace

void check_booster_json(const json& booster, std::size_t features) {
  const json& learner = member(booster, "", "learner");
  const std::string lw = "learner";
  expect_text(member(learner, lw, "objective"), lw + ".objective", "name", "binary:logistic");
  const json& model_param = member(learner, lw, "learner_model_param");
  const std::string pw = lw + ".learner_model_param";
  if (integer_text(model_param, pw, "num_feature") != static_cast<std::int64_t>(features))
    fail(pw + ".num_feature", "does not match the bundle's features (" + std::to_string(features) + ")");
  expect_text(model_param, pw, "num_class", "0");
  if (model_param.contains("num_target")) expect_text(model_param, pw, "num_target", "1");
  for (const char* key : {"feature_names", "feature_types"}) {
    const auto it = learner.find(key);
    if (it == learner.end()) continue;
    if (!it->is_array() || !(it->empty() || it->size() == features))
      fail(lw + "." + key, "not an array of one entry per feature");
    for (const json& name : *it)
      if (!name.is_string()) fail(lw + "." + key, "not an array of strings");
  }

  const json& gb = member(learner, lw, "gradient_booster");
  const std::string gw = lw + ".gradient_booster";
  expect_text(gb, gw, "name", "gbtree");
  const json& model = member(gb, gw, "model");
  const std::string mw = gw + ".model";
  const json& trees = member(model, mw, "trees");
  if (!trees.is_array() || trees.empty()) fail(mw + ".trees", "not a non-empty array");
  const json& gbparam = member(model, mw, "gbtree_model_param");
  if (integer_text(gbparam, mw + ".gbtree_model_param", "num_trees") !=
      static_cast<std::int64_t>(trees.size()))
    fail(mw + ".gbtree_model_param.num_trees", "does not match the trees");
  expect_text(gbparam, mw + ".gbtree_model_param", "num_parallel_tree", "1");
  if (gbparam.contains("size_leaf_vector"))
    expect_text(gbparam, mw + ".gbtree_model_param", "size_leaf_vector", "0");
  // tree_info[i] is the output group of tree i; a binary model has one, and XGBoost indexes with it.
  const json& info = member(model, mw, "tree_info");
  if (!info.is_array() || info.size() != trees.size()) fail(mw + ".tree_info", "not one entry per tree");
  for (const json& group : info)
    if (!(group.is_number_integer() && group.get<std::int64_t>() == 0))
      fail(mw + ".tree_info", "not 0 for every tree");
  for (std::size_t t = 0; t < trees.size(); ++t)
    check_tree(trees[t], mw + ".trees[" + std::to_string(t) + "]", t, features);
}

}  // namespace minewatch::learn::detail
