// learn layer, private: checks an XGBoost JSON model before XGBoost loads it. XGBoost checks the shape of
// its JSON but trusts the trees: a child index out of range, a cycle, a split on a feature the model does
// not have or a tree id out of order would make prediction read out of bounds or loop forever.
#pragma once

#include <cstddef>

#include <nlohmann/json_fwd.hpp>

namespace minewatch::learn::detail {

// Throws std::invalid_argument naming the place ("learner.gradient_booster.model.trees[2].left_children[4]:
// child out of range") unless `booster` is a gbtree binary:logistic model of `features` features whose trees
// are well-formed trees (no categorical splits, one tree per round).
void check_booster_json(const nlohmann::json& booster, std::size_t features);

}  // namespace minewatch::learn::detail
