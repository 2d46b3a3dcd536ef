// io layer: reading a TOML file (settings, simulator parameters, policy) with toml++, its syntax errors
// turned into InputError naming the file and line.
#pragma once

#include <toml++/toml.h>
#include <string>

namespace minewatch {

// Reads (and decompresses) the file, refuses what toml++ 3.3.0 mishandles (see toml_file.cpp), parses it.
toml::table parse_toml_file(const std::string& path);

}  // namespace minewatch
