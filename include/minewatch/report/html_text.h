// report layer: text for HTML and SVG: escaping and the number formats an analyst reads (1,234,567).
#pragma once

#include <string>
#include <string_view>

namespace minewatch::report {

// Escapes & < > " ' so that any text is safe inside an element or a quoted attribute (HTML and XML).
std::string escape_html(std::string_view text);

// A number rounded to `decimals` places with thousands separated by commas: 196900 -> "196,900".
std::string group_thousands(double value, int decimals = 0);

}  // namespace minewatch::report
