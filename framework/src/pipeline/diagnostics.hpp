#pragma once
/// @file diagnostics.hpp
/// One-line pipeline errors: "<where>: <key.path>: <problem> (allowed: ...)", where <where> is
/// "file:line:column" (1-based) for values from the file and "--set item" for values from the
/// command line, so the user is sent to the text they actually typed.

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

namespace zspace::pipeline_detail {

/// Joins with ", " (for "allowed:" lists).
std::string join(const std::vector<std::string>& items);

/// Builds and throws ConfigError messages for one pipeline load.
class Reporter {
 public:
  explicit Reporter(std::string file_label) : file_(std::move(file_label)) {}

  /// Values under `key_path` (dotted) came from the --set item `item`; a later call for the
  /// same path or a parent replaces earlier ones, as the later --set replaced the value.
  void record_set(const std::string& key_path, const std::string& item);

  /// The --set item that supplied `key_path` (or a parent of it), or nullptr if the file did.
  const std::string* set_item(const std::string& key_path) const;

  /// "file:line:column" of `at`, or "--set item" when `key_path` lies under a --set value.
  std::string where(const YAML::Node& at, const std::string& key_path) const;

  /// Throws ConfigError "<where>: <key_path>: <problem>[ (allowed: <allowed>)]".
  [[noreturn]] void fail(const YAML::Node& at, const std::string& key_path,
                         const std::string& problem, const std::string& allowed = {}) const;

  const std::string& file_label() const { return file_; }

 private:
  std::string file_;
  std::map<std::string, std::string> set_items_;  // key path -> --set item
};

/// "a.b" + "c" -> "a.b.c" (the root has the empty path).
std::string child_path(const std::string& parent, const std::string& key);

/// A value as the user wrote it, for messages: "'abc'", "a list", "a map", "nothing".
std::string describe(const YAML::Node& node);

}  // namespace zspace::pipeline_detail
