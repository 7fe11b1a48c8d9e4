#pragma once
/// @file map_reader.hpp
/// Strict access to one YAML map of the pipeline: every key must be known and appear once,
/// and a missing required key is reported at the map that should hold it.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "pipeline/diagnostics.hpp"

namespace zspace::pipeline_detail {

/// One `key: value` entry and its dotted key path.
struct Field {
  YAML::Node key;
  YAML::Node value;
  std::string path;

  /// Where a problem with the value is shown. An empty value (`key:`) has no text of its own
  /// (yaml-cpp marks it at the next token), so the key is shown instead.
  YAML::Node value_anchor() const { return value.IsNull() ? key : value; }
};

class MapReader {
 public:
  /// `node` must be a map; a missing or empty value (`similarity:`) counts as an empty map.
  /// `anchor` is where problems with an empty map are shown (usually the parent's key).
  MapReader(const Reporter& reporter, const YAML::Node& node, const YAML::Node& anchor,
            std::string path, std::vector<std::string> allowed);

  /// Rejects keys outside the allowed list, with a "did you mean" for near misses.
  /// Separate from the constructor so `version` can be judged before the keys it governs.
  void reject_unknown_keys(const std::string& allowed_note = {}) const;

  /// The entry for `key`, or nullptr.
  const Field* find(const std::string& key) const;

  /// The entry for `key`; its absence is reported at this map (with `allowed`, if given).
  const Field& require(const std::string& key, const std::string& allowed = {}) const;

  const std::vector<Field>& fields() const { return fields_; }
  const std::string& path() const { return path_; }

 private:
  const Reporter& reporter_;
  YAML::Node anchor_;
  std::string path_;
  std::vector<std::string> allowed_;
  std::vector<Field> fields_;
};

}  // namespace zspace::pipeline_detail
