#include "pipeline/diagnostics.hpp"

#include "zspace/engine/errors.hpp"

namespace zspace::pipeline_detail {

namespace {

// True when `path` is `prefix` itself or lies below it ("a.b" and "a[0]" are under "a",
// "ab" is not).
bool is_under(const std::string& path, const std::string& prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

// Messages are one line; a quoted multi-line key or value must not break that.
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

}  // namespace

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

void Reporter::record_set(const std::string& key_path, const std::string& item) {
  for (auto it = set_items_.begin(); it != set_items_.end();) {
    it = is_under(it->first, key_path) ? set_items_.erase(it) : std::next(it);
  }
  set_items_[key_path] = item;
}

const std::string* Reporter::set_item(const std::string& key_path) const {
  // The longest recorded prefix wins: "--set a={b: 1}" then "--set a.b=2" blames the second
  // for a.b (record_set already dropped anything the later item replaced).
  const std::string* item = nullptr;
  std::size_t best = 0;
  for (const auto& [path, set_item] : set_items_) {
    if (is_under(key_path, path) && (item == nullptr || path.size() > best)) {
      item = &set_item;
      best = path.size();
    }
  }
  return item;
}

std::string Reporter::where(const YAML::Node& at, const std::string& key_path) const {
  if (const std::string* item = set_item(key_path)) return "--set " + *item;
  const YAML::Mark m = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  // Nodes built in memory have no mark; the top of the file is the honest fallback.
  const int line = m.is_null() ? 1 : m.line + 1;
  const int column = m.is_null() ? 1 : m.column + 1;
  return file_ + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void Reporter::fail(const YAML::Node& at, const std::string& key_path, const std::string& problem,
                    const std::string& allowed) const {
  std::string msg = where(at, key_path) + ": " + (key_path.empty() ? "pipeline" : key_path) +
                    ": " + problem;
  if (!allowed.empty()) msg += " (allowed: " + allowed + ")";
  throw ConfigError(one_line(msg));
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a map";
  // Long values are cut: the message must stay a readable single line.
  const std::string& text = node.Scalar();
  return "'" + (text.size() > 60 ? text.substr(0, 57) + "..." : text) + "'";
}

}  // namespace zspace::pipeline_detail
