// core layer: the error type for bad input, carrying its place (file, line, field).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace minewatch {

// Where a piece of input came from. line is 1-based; 0 means "the file as a whole".
struct InputPlace {
  std::string file;
  std::uint64_t line = 0;
  std::string field;
};

// Raised for input a user can fix: a bad row, a missing column, a corrupt file.
// what() reads like "readings.csv:12: field 'kwh': not a number: 'abc'".
class InputError : public std::runtime_error {
 public:
  InputError(InputPlace place, std::string_view problem, std::string_view offending = {});

  const InputPlace& place() const noexcept { return place_; }

 private:
  InputPlace place_;
};

// Shortens an offending text for a message, keeping it printable.
std::string quote_for_message(std::string_view text, std::size_t max_chars = 60);

}  // namespace minewatch
