#include "minewatch/learn/model_bundle.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "learn_test_support.h"
#include "minewatch/core/error.h"
#include "minewatch/learn/calibrated_training.h"

namespace {

using namespace minewatch::learn;
using minewatch::InputError;
using nlohmann::json;

class ModelBundleFiles : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto p = synthetic::separable_problem(300, 11);
    TrainParams params;
    params.rounds = 5;
    params.max_depth = 3;
    params.nthread = 1;
    model_text_ =
        new std::string(train_calibrated_model(p.features, p.labels, params, 3, p.groups).bundle.to_text());
  }
  static void TearDownTestSuite() { delete model_text_; }

  std::string write(const std::string& text) {
    const auto path =
        (std::filesystem::temp_directory_path() /
         ("minewatch-bundle-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
          std::to_string(counter_++) + ".json"))
            .string();
    std::ofstream(path, std::ios::binary) << text;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& p : paths_) std::remove(p.c_str());
  }

  // Loads `text` and returns the field the InputError names ("" when it names none); fails if it loads.
  std::string field_of_error(const std::string& text) {
    try {
      ModelBundle::load(write(text));
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("minewatch-bundle-test-"), std::string::npos) << e.what();
      return e.place().field;
    }
    ADD_FAILURE() << "loaded: " << text.substr(0, 200);
    return "(loaded)";
  }

  static json model() { return json::parse(*model_text_); }

  static std::string* model_text_;
  std::vector<std::string> paths_;
  int counter_ = 0;
};
std::string* ModelBundleFiles::model_text_ = nullptr;

TEST_F(ModelBundleFiles, SaveLoadPredictsTheSame) {
  const auto p = synthetic::separable_problem(300, 11);
  TrainParams params;
  params.rounds = 20;
  params.nthread = 1;
  const CalibratedModel trained = train_calibrated_model(p.features, p.labels, params, 4, p.groups);
  const ModelBundle loaded = ModelBundle::load(write(trained.bundle.to_text()));
  const auto test = synthetic::separable_problem(200, 12);
  EXPECT_EQ(loaded.predict(test.features), trained.bundle.predict(test.features));
  EXPECT_EQ(loaded.predict_raw(test.features), trained.bundle.predict_raw(test.features));
  EXPECT_EQ(loaded.features(), trained.bundle.features());
  EXPECT_EQ(loaded.target(), "mining");
  EXPECT_EQ(loaded.training(), trained.bundle.training());
  EXPECT_EQ(loaded.to_text(), trained.bundle.to_text());
}

TEST_F(ModelBundleFiles, PredictMapsColumnsByName) {
  const ModelBundle bundle = ModelBundle::parse(*model_text_, "m.json");
  const auto test = synthetic::separable_problem(50, 13);
  // The same data with the columns in another order and an extra one.
  const std::vector<std::string> order{"extra", "c", "b", "a"};
  FeatureMatrix shuffled(order);
  for (std::size_t r = 0; r < test.features.rows(); ++r)
    shuffled.add_row(
        std::vector<float>{42.0f, test.features.at(r, 2), test.features.at(r, 1), test.features.at(r, 0)});
  EXPECT_EQ(bundle.predict(shuffled), bundle.predict(test.features));
  try {
    (void)bundle.predict(FeatureMatrix({"a", "c"}, {0.5f, 0.5f}));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.place().field, "b");
  }
}

TEST_F(ModelBundleFiles, BadFilesNameTheField) {
  EXPECT_EQ(field_of_error(""), "");
  EXPECT_EQ(field_of_error("{\"format\": "), "");
  EXPECT_EQ(field_of_error("[1, 2]"), "");
  EXPECT_EQ(field_of_error(std::string(200000, '[')), "");
  EXPECT_EQ(field_of_error("{\"format\": 1e999999}"),
            "");  // a number overflow, not a parse error  // refused before anything recurses into it
  EXPECT_THROW(ModelBundle::load("/nonexistent/minewatch/model.json"), InputError);

  const auto edited = [&](auto&& edit) {
    json j = model();
    edit(j);
    return field_of_error(j.dump());
  };
  EXPECT_EQ(edited([](json& j) { j.erase("format"); }), "format");
  EXPECT_EQ(edited([](json& j) { j["format"] = "minewatch-model/2"; }), "format");
  EXPECT_EQ(edited([](json& j) { j.erase("target"); }), "target");
  EXPECT_EQ(edited([](json& j) { j["features"] = json::array(); }), "features");
  EXPECT_EQ(edited([](json& j) { j["features"] = {"a", "a", "c"}; }), "features");
  EXPECT_EQ(edited([](json& j) { j["features"] = {"a", "b"}; }), "booster");  // the booster has 3
  EXPECT_EQ(edited([](json& j) { j.erase("booster"); }), "booster");
  EXPECT_EQ(edited([](json& j) { j["booster"] = "xgboost"; }), "booster");
  EXPECT_EQ(edited([](json& j) { j.erase("calibration"); }), "calibration");
  EXPECT_EQ(edited([](json& j) { j["calibration"]["y"] = {1.0, 0.0}; }), "calibration");
  EXPECT_EQ(edited([](json& j) { j.erase("training"); }), "training");
  EXPECT_EQ(edited([](json& j) { j["training"] = 5; }), "training");

  // Trees XGBoost would accept and then crash or loop on.
  const std::string tree = "/booster/learner/gradient_booster/model/trees/0";
  const auto tree_edit = [&](const std::string& pointer, json value) {
    return edited([&](json& j) { j[json::json_pointer(tree + pointer)] = value; });
  };
  EXPECT_EQ(tree_edit("/left_children/0", 0), "booster");      // a cycle back to the root
  EXPECT_EQ(tree_edit("/right_children/0", 1000), "booster");  // out of range
  EXPECT_EQ(tree_edit("/split_indices/0", 7), "booster");      // a feature the model lacks
  EXPECT_EQ(tree_edit("/id", 3), "booster");
  EXPECT_EQ(tree_edit("/split_conditions", json::array()), "booster");
  EXPECT_EQ(tree_edit("/tree_param/num_nodes", "x"), "booster");
  EXPECT_EQ(edited([](json& j) { j["booster"]["learner"]["gradient_booster"]["model"]["tree_info"][0] = 4; }),
            "booster");
  EXPECT_EQ(edited([](json& j) { j["booster"]["learner"]["objective"]["name"] = "reg:squarederror"; }),
            "booster");
}

TEST_F(ModelBundleFiles, MessageSaysWhatIsWrong) {
  json j = model();
  j["booster"]["learner"]["gradient_booster"]["model"]["trees"][0]["left_children"][0] = 0;
  try {
    ModelBundle::parse(j.dump(), "m.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).substr(0, 32), "m.json: field 'booster': learner") << e.what();
  }
}

}  // namespace
