#include "minewatch/io/toml_section.h"

#include <cstdio>

#include "minewatch/core/error.h"

namespace minewatch {

std::uint64_t toml_line(const toml::node& node) {
  return static_cast<std::uint64_t>(node.source().begin.line);
}

TomlSection::TomlSection(const toml::table* table, const std::string& path, std::string name,
                         std::vector<std::string>* absent)
    : table_(table), path_(path), name_(std::move(name)), absent_(absent) {}

const toml::node* TomlSection::get(const char* key) {
  known_.insert(key);
  const toml::node* node = table_ == nullptr ? nullptr : table_->get(key);
  if (node == nullptr && absent_ != nullptr) absent_->push_back(qualified(key));
  return node;
}

double TomlSection::as_number(const toml::node& node, const char* key) const {
  const auto v = node.value<double>();
  if (!v) fail(node, key, "expected a number");
  return *v;
}

void TomlSection::number(const char* key, double& value) {
  if (const toml::node* node = get(key)) value = as_number(*node, key);
}

void TomlSection::integer(const char* key, std::int64_t& value) {
  const toml::node* node = get(key);
  if (node == nullptr) return;
  const auto v = node->value_exact<std::int64_t>();
  if (!v) fail(*node, key, "expected an integer");
  value = *v;
}

void TomlSection::boolean(const char* key, bool& value) {
  const toml::node* node = get(key);
  if (node == nullptr) return;
  const auto v = node->value_exact<bool>();
  if (!v) fail(*node, key, "expected true or false");
  value = *v;
}

void TomlSection::text(const char* key, std::string& value) {
  const toml::node* node = get(key);
  if (node == nullptr) return;
  if (const auto s = node->value_exact<std::string>()) {
    value = *s;
  } else if (const auto d = node->value<toml::date>()) {  // an unquoted TOML date
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d->year),
                  static_cast<unsigned>(d->month), static_cast<unsigned>(d->day));
    value = buffer;
  } else {
    fail(*node, key, "expected a string");
  }
}

void TomlSection::texts(const char* key, std::vector<std::string>& value) {
  const toml::node* node = get(key);
  if (node == nullptr) return;
  const toml::array* array = node->as_array();
  if (array == nullptr) fail(*node, key, "expected an array of strings");
  value.clear();
  for (const auto& item : *array) {
    const auto s = item.value_exact<std::string>();
    if (!s) fail(item, key, "expected a string");
    value.push_back(*s);
  }
}

void TomlSection::required_text(const char* key, std::string& value) {
  if (table_ == nullptr || !table_->contains(key)) fail_section(key, "missing key");
  text(key, value);
}

const toml::array* TomlSection::array_of_tables(const char* key) {
  const toml::node* node = get(key);
  if (node == nullptr) return nullptr;
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables())
    fail(*node, key, "expected an array of tables [[...]]");
  return array;
}

const toml::table* TomlSection::table(const char* key) {
  const toml::node* node = get(key);
  if (node == nullptr) return nullptr;
  const toml::table* t = node->as_table();
  if (t == nullptr) fail(*node, key, "expected a table");
  return t;
}

void TomlSection::finish() const {
  if (table_ == nullptr) return;
  for (const auto& [key, node] : *table_) {
    if (known_.count(std::string(key.str())) == 0)
      throw InputError({path_, toml_line(node), qualified(std::string(key.str()))}, "unknown key");
  }
}

void TomlSection::fail(const toml::node& node, const std::string& key, const std::string& problem) const {
  throw InputError({path_, toml_line(node), qualified(key)}, problem);
}

void TomlSection::fail_section(const std::string& key, const std::string& problem) const {
  throw InputError({path_, line(), qualified(key)}, problem);
}

}  // namespace minewatch
