#include "pipeline/map_reader.hpp"

#include <algorithm>

#include "pipeline/did_you_mean.hpp"

namespace zspace::pipeline_detail {

MapReader::MapReader(const Reporter& reporter, const YAML::Node& node, const YAML::Node& anchor,
                     std::string path, std::vector<std::string> allowed)
    : reporter_(reporter), anchor_(anchor), path_(std::move(path)), allowed_(std::move(allowed)) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    reporter_.fail(node, path_, "expected a map, got " + describe(node), join(allowed_));
  }
  anchor_.reset(node);  // operator= would write through to the node anchor_ refers to
  for (const auto& kv : node) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar()) {
      reporter_.fail(key, path_, "keys must be names, got " + describe(key) + " as a key",
                     join(allowed_));
    }
    Field f{key, kv.second, child_path(path_, key.Scalar())};
    // yaml-cpp keeps both entries of a repeated key and silently reads the first; a strict
    // schema must not let the second one be ignored.
    for (const auto& seen : fields_) {
      if (seen.key.Scalar() == key.Scalar()) {
        reporter_.fail(key, f.path,
                       "duplicate key (first given at line " +
                           std::to_string(seen.key.Mark().line + 1) + ")");
      }
    }
    fields_.push_back(std::move(f));
  }
}

void MapReader::reject_unknown_keys(const std::string& allowed_note) const {
  for (const auto& f : fields_) {
    const std::string& name = f.key.Scalar();
    if (std::find(allowed_.begin(), allowed_.end(), name) != allowed_.end()) continue;
    const std::string allowed = allowed_.empty() ? allowed_note : join(allowed_);
    reporter_.fail(f.key, f.path, "unknown key" + did_you_mean_suffix(name, allowed_), allowed);
  }
}

const Field* MapReader::find(const std::string& key) const {
  for (const auto& f : fields_) {
    if (f.key.Scalar() == key) return &f;
  }
  return nullptr;
}

const Field& MapReader::require(const std::string& key, const std::string& allowed) const {
  if (const Field* f = find(key)) return *f;
  reporter_.fail(anchor_, child_path(path_, key), "missing required key", allowed);
}

}  // namespace zspace::pipeline_detail
