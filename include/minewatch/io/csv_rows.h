// io layer: reading the data rows of a small CSV file held in memory (registries, events), with the checks
// every such file needs: blank lines skipped, UTF-8 and quoting validated, errors naming file and line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/io/line_splitter.h"

namespace minewatch {

// Advances to the next non-blank line, splits it into `fields` and sets `line_no` (1-based) to its line.
// Returns false at the end; throws InputError for invalid UTF-8 or an unterminated quote.
bool next_csv_row(LineSplitter& lines, const std::string& path, std::uint64_t& line_no,
                  std::vector<std::string_view>& fields, std::string& unquoted);

}  // namespace minewatch
