#include "minewatch/core/error.h"

#include <fmt/format.h>

namespace minewatch {
namespace {

std::string format_input_error(const InputPlace& place, std::string_view problem,
                               std::string_view offending) {
  std::string message = place.file;
  if (place.line > 0) message += fmt::format(":{}", place.line);
  message += ": ";
  if (!place.field.empty()) message += fmt::format("field '{}': ", place.field);
  message += problem;
  if (!offending.empty()) message += fmt::format(": '{}'", quote_for_message(offending));
  return message;
}

}  // namespace

InputError::InputError(InputPlace place, std::string_view problem, std::string_view offending)
    : std::runtime_error(format_input_error(place, problem, offending)), place_(std::move(place)) {}

std::string quote_for_message(std::string_view text, std::size_t max_chars) {
  std::string out;
  for (char c : text) {
    if (out.size() >= max_chars) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace minewatch
