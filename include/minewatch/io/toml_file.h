// io layer: reading a TOML file (settings, simulator parameters, policy) with toml++, its syntax errors
// turned into InputError naming the file and line.
#pragma once

#include <toml++/toml.h>
#include <string>

namespace minewatch {

toml::table parse_toml_file(const std::string& path);

}  // namespace minewatch
