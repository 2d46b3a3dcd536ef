// Fuzzes load_policy (the TOML policy file, docs/policy.md): a bad file is an InputError naming a file (the
// policy, or the register CSV it points at), never anything else (no crash, no other exception, no sanitizer
// report); a policy that loads keeps its own invariants.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "minewatch/core/error.h"
#include "minewatch/policy/policy.h"

using namespace minewatch;
using minewatch::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path =
      minewatch::fuzz::write_scratch("policy.toml", minewatch::fuzz::as_text(data, size));
  try {
    const policy::Policy p = policy::load_policy(path);
    for (const auto& rule : p.regions) check(rule.valid_from <= rule.valid_to, "a rule valid backwards");
    for (const auto& r : p.registrations) check(r.capacity_kw > 0 && r.from <= r.to, "a bad registration");
  } catch (const InputError& e) {
    check(!e.place().file.empty(), "the InputError names no file");
  }
  return 0;
}
