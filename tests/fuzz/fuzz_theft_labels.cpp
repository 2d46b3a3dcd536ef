// Fuzzes TheftLabels::load (labels files, SGCC files' FLAG, a simulator's truth.csv): bad files are
// InputErrors naming the file, never anything else (no crash, no other exception, no sanitizer report).
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/io/theft_labels.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("labels.csv", minewatch::fuzz::as_text(data, size));
  try {
    const TheftLabels labels = TheftLabels::load(path);
    if (const auto label = labels.find("M1"))
      check(label->type.size() < size + 1, "a type longer than the file");
  } catch (const InputError& e) {
    check(std::string_view(e.what()).substr(0, path.size()) == path, "the InputError does not name the file");
  }
  return 0;
}
