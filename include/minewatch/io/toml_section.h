// io layer: reading one table of a TOML file into typed fields (settings, simulator parameters, policy).
// Every error names the file, the line and the dotted key ("policy.toml:12: field 'regions[3].ban': ..."),
// and finish() rejects keys nobody asked for, so a misspelt key is an error rather than a silent default.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace minewatch {

std::uint64_t toml_line(const toml::node& node);

class TomlSection {
 public:
  // `table` may be null (the section is absent: every read keeps its default). `absent`, when given,
  // collects the dotted keys the file lacks.
  TomlSection(const toml::table* table, const std::string& path, std::string name,
              std::vector<std::string>* absent = nullptr);

  bool present() const { return table_ != nullptr; }
  bool has(const char* key) const { return table_ != nullptr && table_->contains(key); }

  void number(const char* key, double& value);
  void integer(const char* key, std::int64_t& value);
  void boolean(const char* key, bool& value);
  // A string; an unquoted TOML date is accepted and written as YYYY-MM-DD.
  void text(const char* key, std::string& value);
  void texts(const char* key, std::vector<std::string>& value);
  // A key the reader needs: throws "missing key" naming the section's line when absent.
  void required_text(const char* key, std::string& value);
  const toml::array* array_of_tables(const char* key);
  const toml::table* table(const char* key);
  // Throws for the first key of the table that no read asked for.
  void finish() const;

  // The line of the section itself (0 when absent), for errors about the section as a whole.
  std::uint64_t line() const { return table_ == nullptr ? 0 : toml_line(*table_); }
  [[noreturn]] void fail(const toml::node& node, const std::string& key, const std::string& problem) const;
  [[noreturn]] void fail_section(const std::string& key, const std::string& problem) const;
  const std::string& path() const { return path_; }
  std::string qualified(const std::string& key) const { return name_.empty() ? key : name_ + "." + key; }

 protected:
  const toml::node* get(const char* key);
  double as_number(const toml::node& node, const char* key) const;

 private:
  const toml::table* table_;
  std::string path_;
  std::string name_;
  std::vector<std::string>* absent_;
  std::set<std::string> known_;
};

}  // namespace minewatch
