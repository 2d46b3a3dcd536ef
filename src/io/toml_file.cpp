#include "minewatch/io/toml_file.h"

#include "minewatch/core/error.h"

namespace minewatch {

toml::table parse_toml_file(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError({path, static_cast<std::uint64_t>(e.source().begin.line), ""},
                     std::string(e.description()));
  }
}

}  // namespace minewatch
