// Fuzzes ModelBundle::load: a corrupt model file is an InputError naming the file, never a crash, a hang or
// another exception; a bundle that loads predicts a probability for a row of missing values.
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/learn/model_bundle.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("model.json", minewatch::fuzz::as_text(data, size));
  try {
    const learn::ModelBundle bundle = learn::ModelBundle::load(path);
    check(!bundle.features().empty(), "a bundle without features loaded");
    learn::FeatureMatrix row(bundle.features());
    row.add_row(std::vector<float>(bundle.features().size(), NAN));
    const std::vector<float> p = bundle.predict(row);
    check(p.size() == 1, "not one prediction for one row");
    check(p[0] >= 0 && p[0] <= 1, "a calibrated probability outside [0, 1]");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
