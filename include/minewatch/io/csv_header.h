// io layer: the header line of a small CSV file held in memory (registries, weather, truth, model features):
// a UTF-8 byte-order mark dropped, UTF-8 and quoting checked, names trimmed (and lower-cased where column
// names are case-insensitive), and columns found by name with errors that name the file and the column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "minewatch/io/line_splitter.h"

namespace minewatch {

struct CsvHeader {
  std::string path;
  std::vector<std::string> names;

  // The column's index, or SIZE_MAX when there is none.
  std::size_t find(std::string_view name) const;
  // The column's index; InputError (line 1, the column) "missing column" when there is none.
  std::size_t require(std::string_view name) const;
};

// Reads the first line of `lines`. Throws InputError (line 1) for an empty file (`expected` says what the
// header should look like) or a malformed header.
CsvHeader read_csv_header(LineSplitter& lines, const std::string& path, bool lower_case = true,
                          std::string_view expected = "a header line");

// A text field as CSV writes it: quoted (with doubled quotes) only when it holds a comma, quote or newline.
std::string csv_quoted(std::string_view text);

}  // namespace minewatch
