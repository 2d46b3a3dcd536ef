// io layer: iterating over the lines of a text in memory ('\n' or "\r\n" endings).
#pragma once

#include <string_view>

namespace minewatch {

class LineSplitter {
 public:
  explicit LineSplitter(std::string_view text) : rest_(text) {}

  // The next line without its ending; false when the text is used up.
  bool next(std::string_view& line) {
    if (rest_.empty()) return false;
    const auto newline = rest_.find('\n');
    if (newline == std::string_view::npos) {
      line = rest_;
      rest_ = {};
    } else {
      line = rest_.substr(0, newline);
      rest_.remove_prefix(newline + 1);
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return true;
  }

 private:
  std::string_view rest_;
};

}  // namespace minewatch
