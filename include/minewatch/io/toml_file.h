// io layer: reading a TOML file (settings, simulator parameters, policy) with toml++, its syntax errors turned
// into InputError naming the file and line.
#pragma once

#include <string>
#include <toml++/toml.h>

namespace minewatch {

toml::table parse_toml_file(const std::string& path);

}  // namespace minewatch
