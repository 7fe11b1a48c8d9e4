#include <algorithm>
#include <filesystem>

#include "pipeline/did_you_mean.hpp"
#include "pipeline/document.hpp"
#include "pipeline/map_reader.hpp"
#include "pipeline/overrides.hpp"
#include "pipeline/plugin_params.hpp"
#include "pipeline/scalars.hpp"
#include "pipeline/schema.hpp"
#include "pipeline/values.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/pipeline.hpp"

namespace fs = std::filesystem;

namespace zspace {

namespace {

using namespace pipeline_detail;

// A place a problem can be shown even when the key was not written (a default that fails).
struct Spot {
  YAML::Node at;
  std::string path;
};

// Paths written in the file are relative to the file's folder; paths typed on the command
// line (--set, --input, --output) are relative to the current folder, as in any shell tool.
fs::path resolve_path(const Reporter& reporter, const Field& field, const fs::path& base,
                      const std::string& what) {
  fs::path p(read_text(reporter, field, what));
  if (p.is_relative()) p = (reporter.set_item(field.path) ? fs::current_path() : base) / p;
  return p.lexically_normal();
}

fs::path command_line_path(const std::string& option, const std::string& value,
                           const std::string& key_path) {
  if (value.empty()) throw ConfigError(option + ": " + key_path + ": expected a path, got nothing");
  return fs::absolute(fs::path(value)).lexically_normal();
}

// A map under `key` of `parent` (absent or empty: no keys), checked for unknown keys.
MapReader section(const Reporter& reporter, const MapReader& parent, const YAML::Node& parent_node,
                  const std::string& key, const std::vector<std::string>& keys) {
  const Field* f = parent.find(key);
  MapReader m(reporter, f ? f->value : YAML::Node(), f ? f->key : parent_node,
              child_path(parent.path(), key), keys);
  m.reject_unknown_keys();
  return m;
}

std::vector<fs::path> read_plugin_path(const Reporter& reporter, const MapReader& top,
                                       const fs::path& base) {
  const Field* f = top.find("plugin_path");
  if (f == nullptr || f->value.IsNull()) return {};
  if (f->value.IsScalar()) return {resolve_path(reporter, *f, base, "a folder")};
  if (!f->value.IsSequence()) {
    reporter.fail(f->value, f->path, "expected a folder or a list of folders, got " +
                                         describe(f->value));
  }
  std::vector<fs::path> dirs;
  for (std::size_t i = 0; i < f->value.size(); ++i) {
    const YAML::Node item = f->value[i];
    const Field entry{item.IsNull() ? f->key : item, item, f->path + "[" + std::to_string(i) + "]"};
    dirs.push_back(resolve_path(reporter, entry, base, "a folder"));
  }
  return dirs;
}

std::int64_t read_version(const Reporter& reporter, const MapReader& top) {
  const std::string allowed = std::to_string(schema::kVersion);
  const Field& f = top.require("version", allowed);
  std::int64_t v = 0;
  if (read_int(f.value, v) != ScalarStatus::ok) {
    reporter.fail(f.value_anchor(), f.path, "expected an integer, got " + describe(f.value),
                  allowed);
  }
  if (v != schema::kVersion) {
    reporter.fail(f.value_anchor(), f.path,
                  "unsupported pipeline version " + std::to_string(v) +
                      "; this zspace reads version " + allowed,
                  allowed);
  }
  return v;
}

const PluginDescriptor& find_plugin(const Reporter& reporter, const PluginCatalog& catalog,
                                    PluginKind kind, const std::string& name, const Spot& spot) {
  if (catalog.find) {
    if (const PluginDescriptor* d = catalog.find(kind, name)) return *d;
  }
  std::vector<std::string> names = catalog.names ? catalog.names(kind) : std::vector<std::string>{};
  std::sort(names.begin(), names.end());
  const std::string allowed =
      names.empty() ? "none found; check plugin_path and ZSPACE_PLUGIN_PATH" : join(names);
  reporter.fail(spot.at, spot.path,
                std::string("unknown ") + to_string(kind) + " plugin '" + name + "'" +
                    did_you_mean_suffix(name, names),
                allowed);
}

// A text field with a default: the spot is the value when written, else the enclosing map.
std::string text_or_default(const Reporter& reporter, const MapReader& m, const YAML::Node& anchor,
                            const std::string& key, const std::string& what, const char* def,
                            Spot& spot) {
  if (const Field* f = m.find(key)) {
    spot = {f->value_anchor(), f->path};
    return read_text(reporter, *f, what);
  }
  spot = {anchor, child_path(m.path(), key)};
  return def;
}

// The node a section's problems are shown at when the section itself was not written.
YAML::Node section_anchor(const MapReader& top, const YAML::Node& root, const std::string& key) {
  const Field* f = top.find(key);
  if (f == nullptr) return root;
  return f->value.IsMap() ? f->value : f->key;
}

YAML::Node params_node(const MapReader& m, YAML::Node& anchor) {
  const Field* f = m.find("params");
  if (f == nullptr) return YAML::Node();
  anchor = f->key;
  return f->value;
}

}  // namespace

Pipeline load_pipeline(const fs::path& file, const PipelineOverrides& overrides,
                       const PluginCatalog& catalog) {
  Reporter reporter(file.string());
  YAML::Node root = read_document(file, reporter);
  apply_sets(root, overrides.sets, reporter);

  Pipeline p;
  p.file = fs::absolute(file).lexically_normal();
  const fs::path base = p.file.parent_path();

  MapReader top(reporter, root, root, "", schema::top_keys());
  // The version decides which keys exist, so it is judged before any other key.
  p.version = static_cast<int>(read_version(reporter, top));
  top.reject_unknown_keys();

  p.plugin_path = read_plugin_path(reporter, top, base);

  // With --input the file need not name an input (a shared config such as default.yaml),
  // but one it does name must still be valid.
  if (!overrides.input) top.require("input");
  const MapReader input = section(reporter, top, root, "input", schema::input_keys());
  if (overrides.input) {
    if (const Field* f = input.find("path")) resolve_path(reporter, *f, base, "a path");
    p.input_path = command_line_path("--input", *overrides.input, "input.path");
  } else {
    p.input_path = resolve_path(reporter, input.require("path"), base, "a path");
  }

  const MapReader sim = section(reporter, top, root, "similarity", schema::similarity_keys());
  const YAML::Node sim_anchor = section_anchor(top, root, "similarity");
  Spot metric_spot;
  p.metric = text_or_default(reporter, sim, sim_anchor, "metric", "a metric plugin name",
                             schema::kDefaultMetric, metric_spot);
  p.neighborhood_range = static_cast<std::size_t>(schema::kDefaultRange);
  if (const Field* f = sim.find("neighborhood_range")) {
    p.neighborhood_range =
        static_cast<std::size_t>(read_integer(reporter, *f, schema::kMinRange, schema::kMaxRange));
  }

  const MapReader solver = section(reporter, top, root, "solver", schema::solver_keys());
  const YAML::Node solver_anchor = section_anchor(top, root, "solver");
  Spot solver_spot;
  p.solver = text_or_default(reporter, solver, solver_anchor, "name", "a solver plugin name",
                             schema::kDefaultSolver, solver_spot);

  const MapReader output = section(reporter, top, root, "output", schema::output_keys());
  if (overrides.output) {
    if (const Field* f = output.find("dir")) resolve_path(reporter, *f, base, "a folder");
    p.output_dir = command_line_path("--output", *overrides.output, "output.dir");
  } else if (const Field* f = output.find("dir")) {
    p.output_dir = resolve_path(reporter, *f, base, "a folder");
  } else {
    p.output_dir = (base / schema::kDefaultOutputDir).lexically_normal();
  }

  // Plugins are looked up only now, after the framework keys are known to be sound, and
  // after the pipeline's own plugin folders joined the search.
  if (catalog.scan) catalog.scan(p.plugin_path);

  const PluginDescriptor& metric =
      find_plugin(reporter, catalog, PluginKind::metric, p.metric, metric_spot);
  YAML::Node metric_params_anchor = sim_anchor;
  const YAML::Node metric_params = params_node(sim, metric_params_anchor);
  p.metric_params = resolve_params(reporter, metric_params, metric_params_anchor,
                                   "similarity.params", metric);

  const PluginDescriptor& solver_plugin =
      find_plugin(reporter, catalog, PluginKind::solver, p.solver, solver_spot);
  YAML::Node solver_params_anchor = solver_anchor;
  const YAML::Node solver_params = params_node(solver, solver_params_anchor);
  p.solver_params = resolve_params(reporter, solver_params, solver_params_anchor, "solver.params",
                                   solver_plugin);
  return p;
}

}  // namespace zspace
