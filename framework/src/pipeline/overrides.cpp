#include "pipeline/overrides.hpp"

#include "zspace/engine/errors.hpp"

namespace zspace::pipeline_detail {

namespace {

[[noreturn]] void bad_item(const std::string& item, const std::string& problem) {
  throw ConfigError("--set " + item + ": " + problem);
}

std::vector<std::string> split_key(const std::string& item, const std::string& key) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    const std::string seg = key.substr(start, dot == std::string::npos ? dot : dot - start);
    if (seg.empty()) {
      bad_item(item, "'" + key + "' is not a key path (expected key.path=value, e.g. "
                     "solver.params.outer_iterations=50)");
    }
    segments.push_back(seg);
    if (dot == std::string::npos) return segments;
    start = dot + 1;
  }
}

}  // namespace

void apply_sets(YAML::Node& root, const std::vector<std::string>& items, Reporter& reporter) {
  // An empty file's root may be a bare handle; give it a map the items can be added to.
  if (!items.empty() && (!root.IsDefined() || root.IsNull())) {
    root = YAML::Node(YAML::NodeType::Map);
  }
  for (const auto& item : items) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) {
      bad_item(item, "expected key.path=value (e.g. solver.params.outer_iterations=50)");
    }
    const std::string key = item.substr(0, eq);
    const std::vector<std::string> segments = split_key(item, key);
    YAML::Node value;
    try {
      value = YAML::Load(item.substr(eq + 1));
    } catch (const YAML::Exception& e) {
      bad_item(item, key + ": YAML syntax error in the value: " + e.msg);
    }

    // Node handles alias what they were made from: reset() moves the handle, whereas `=`
    // would overwrite the parent's content.
    YAML::Node cur;
    cur.reset(root);
    std::string path;
    // The outermost map this item had to create: problems anywhere inside it are this
    // item's doing, not the file's (which has no text there to point at).
    std::string created;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (!cur.IsDefined() || cur.IsNull()) {
        cur = YAML::Node(YAML::NodeType::Map);
        if (created.empty()) created = path;
      } else if (!cur.IsMap()) {
        bad_item(item, (path.empty() ? "pipeline" : path) + ": cannot set '" + segments[i] +
                           "' inside " + describe(cur) + ", which is not a map");
      }
      if (i + 1 == segments.size()) {
        cur[segments[i]] = value;
      } else {
        YAML::Node next = cur[segments[i]];
        cur.reset(next);
      }
      path = child_path(path, segments[i]);
    }
    reporter.record_set(created.empty() ? key : created, item);
  }
}

}  // namespace zspace::pipeline_detail
