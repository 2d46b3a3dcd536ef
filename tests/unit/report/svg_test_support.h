// tests: checks of SVG and HTML text without an XML parser: tags balanced, elements counted, numbers read
// from attributes, text removed.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace minewatch::report::testing {

// True when every opening tag has its closing tag in order (self-closing tags and void HTML elements
// aside); `error` says where it went wrong.
inline bool tags_balanced(const std::string& text, std::string& error) {
  static const std::vector<std::string> kVoid = {"meta", "br", "hr", "img", "link", "input", "!DOCTYPE"};
  std::vector<std::string> open;
  std::size_t at = 0;
  while ((at = text.find('<', at)) != std::string::npos) {
    const std::size_t end = text.find('>', at);
    if (end == std::string::npos) return error = "unclosed '<'", false;
    std::string tag = text.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty()) return error = "empty tag", false;
    if (tag.back() == '/') continue;
    const bool closing = tag[0] == '/';
    const std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" \n", closing ? 1 : 0) - (closing ? 1 : 0));
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    if (!closing) {
      open.push_back(name);
    } else if (open.empty() || open.back() != name) {
      return error = "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">", false;
    } else {
      open.pop_back();
    }
  }
  if (!open.empty()) return error = "<" + open.back() + "> never closed", false;
  return true;
}

inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every number in the attributes named `attribute` (x, y, width, cx, ...).
inline std::vector<double> attribute_values(const std::string& text, const std::string& attribute) {
  std::vector<double> out;
  // No std::regex: GCC 12's <regex> trips -Wmaybe-uninitialized in the sanitizer build.
  const std::string key = " " + attribute + "=\"";
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
    std::size_t used = 0;
    const std::string value = text.substr(at + key.size(), text.find('"', at + key.size()) - at - key.size());
    const double v = std::stod(value, &used);
    if (used == value.size()) out.push_back(v);
  }
  return out;
}

// `text` without any occurrence of `what`.
inline std::string without(std::string text, const std::string& what) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at))
    text.erase(at, what.size());
  return text;
}

}  // namespace minewatch::report::testing
