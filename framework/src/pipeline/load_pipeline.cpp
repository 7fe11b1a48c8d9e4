#include <algorithm>
#include <cctype>
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
  anchor.reset(f->key);  // repoint the handle; operator= would overwrite the node
  return f->value;
}

void read_input_extras(const Reporter& reporter, const MapReader& input, const fs::path& base,
                       const PipelineOverrides& overrides, Pipeline& p) {
  if (const Field* f = input.find("matrix")) {
    if (overrides.input)
      reporter.fail(f->value_anchor(), f->path, "--input replaces input.path, but this pipeline solves a saved band");
    if (input.find("path"))
      reporter.fail(f->value_anchor(), f->path, "give input.path (a stack) or input.matrix (a saved band), not both");
    p.input_matrix = resolve_path(reporter, *f, base, "a band image (similarity.tif)");
  }
  if (const Field* f = input.find("sections")) {
    const auto items = read_list(reporter, *f, 2, "[first, last] (0-based, inclusive)");
    const auto first = read_integer(reporter, items[0], 0, std::nullopt);
    const auto last = read_integer(reporter, items[1], 0, std::nullopt);
    if (last <= first)
      reporter.fail(items[1].value_anchor(), f->path,
                    "last (" + std::to_string(last) + ") must be after first (" + std::to_string(first) + ")");
    p.preprocess.sections = {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
  }
  if (const Field* f = input.find("roi")) {
    const auto items = read_list(reporter, *f, 4, "[x, y, width, height] in pixels");
    std::array<int, 4> roi{};
    for (std::size_t k = 0; k < 4; ++k)
      roi[k] = static_cast<int>(read_integer(reporter, items[k], k < 2 ? 0 : 1, 1 << 30));
    p.preprocess.roi = roi;
  }
  if (const Field* f = input.find("voxel_size")) {
    const auto items = read_list(reporter, *f, 3, "[x, y, z] in nm");
    std::array<double, 3> v{};
    for (std::size_t k = 0; k < 3; ++k) {
      v[k] = read_number(reporter, items[k], 0, std::nullopt);
      if (!(v[k] > 0)) reporter.fail(items[k].value_anchor(), items[k].path, "must be positive");
    }
    p.voxel_size = v;
  }
  if (!p.input_matrix.empty() && (p.preprocess.sections || p.preprocess.roi))
    reporter.fail(input.find(p.preprocess.sections ? "sections" : "roi")->key, input.path(),
                  "sections and roi select pixels of a stack; a saved band (input.matrix) has none");
}

void read_preprocess(const Reporter& reporter, const MapReader& top, const YAML::Node& root, Pipeline& p) {
  const MapReader pre = section(reporter, top, root, "preprocess", schema::preprocess_keys());
  if (const Field* f = pre.find("downsample"))
    p.preprocess.downsample = static_cast<int>(read_integer(reporter, *f, 1, schema::kMaxDownsample));
  if (const Field* f = pre.find("mask")) {
    const MapReader mask = section(reporter, pre, f->key, "mask", schema::mask_keys());
    if (const Field* b = mask.find("below")) p.preprocess.mask_below = read_number(reporter, *b, std::nullopt, std::nullopt);
    if (const Field* a = mask.find("above")) p.preprocess.mask_above = read_number(reporter, *a, std::nullopt, std::nullopt);
    if (p.preprocess.mask_below && p.preprocess.mask_above && *p.preprocess.mask_above <= *p.preprocess.mask_below)
      reporter.fail(mask.find("above")->value_anchor(), mask.path(),
                    "above must be greater than below, or every pixel is masked");
  }
  if (!p.input_matrix.empty() && p.preprocess.active())
    reporter.fail(top.find("preprocess")->key, "preprocess", "a saved band (input.matrix) is solved as it is; preprocessing does not apply");
}

void read_output_extras(const Reporter& reporter, const MapReader& output, Pipeline& p) {
  if (const Field* f = output.find("report")) p.report = read_boolean(reporter, *f);
  if (const Field* f = output.find("corrected_stack")) p.corrected_stack = read_boolean(reporter, *f);
  if (const Field* f = output.find("upsample"))
    p.upsample = static_cast<int>(read_integer(reporter, *f, 1, schema::kMaxUpsample));
  if (const Field* f = output.find("corrected_format")) {
    const std::string v = read_text(reporter, *f, "tiff or hdf5");
    const auto& formats = schema::corrected_formats();
    if (std::find(formats.begin(), formats.end(), v) == formats.end())
      reporter.fail(f->value_anchor(), f->path, "'" + v + "' is not a format" + did_you_mean_suffix(v, formats),
                    join(formats));
    p.corrected_format = v;
  }
  if (p.corrected_stack && !p.input_matrix.empty())
    reporter.fail(output.find("corrected_stack")->value_anchor(), "output.corrected_stack",
                  "a saved band (input.matrix) has no sections to resample");
}

// Params for a plugin in a variant: the base pipeline's params when the variant keeps the
// base's plugin, overlaid with the variant's own; only the variant's own for another plugin.
YAML::Node variant_params(const YAML::Node& base, bool same_plugin, const YAML::Node& own) {
  // Keys are matched by name: yaml-cpp matches Node keys by identity, which would keep both.
  YAML::Node merged(YAML::NodeType::Map);
  const bool has_own = own.IsDefined() && own.IsMap();
  if (same_plugin && base.IsDefined() && base.IsMap())
    for (const auto& kv : base)
      if (!has_own || !own[kv.first.Scalar()]) merged[kv.first] = kv.second;
  if (has_own)
    for (const auto& kv : own) merged[kv.first] = kv.second;
  return merged;
}

void read_variants(const Reporter& reporter, const MapReader& top, const PluginCatalog& catalog,
                   const YAML::Node& base_metric_params, const YAML::Node& base_solver_params, Pipeline& p) {
  const Field* f = top.find("variants");
  if (f == nullptr || f->value.IsNull()) return;
  if (!f->value.IsSequence() || f->value.size() == 0)
    reporter.fail(f->value_anchor(), f->path, "expected a list of variants (each: name, similarity, solver), got " +
                                                  describe(f->value));
  if (!p.input_matrix.empty())
    reporter.fail(f->key, f->path, "a compare run computes its bands; it cannot start from input.matrix");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < f->value.size(); ++i) {
    const YAML::Node item = f->value[i];
    const std::string path = f->path + "[" + std::to_string(i) + "]";
    if (!item.IsMap())
      reporter.fail(item.IsNull() ? f->key : item, path, "expected a map (name, similarity, solver), got " + describe(item));
    MapReader v(reporter, item, item, path, schema::variant_keys());
    v.reject_unknown_keys();
    Variant out;
    const Field& name = v.require("name");
    out.name = read_text(reporter, name, "a name");
    // The name becomes a folder: keep it to characters that are safe everywhere.
    for (char c : out.name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') || out.name[0] == '.')
        reporter.fail(name.value_anchor(), name.path, "'" + out.name + "' is not a plain folder name (letters, digits, - _ .)");
    if (std::find(names.begin(), names.end(), out.name) != names.end())
      reporter.fail(name.value_anchor(), name.path, "'" + out.name + "' names two variants");
    names.push_back(out.name);

    const MapReader sim = section(reporter, v, item, "similarity", schema::similarity_keys());
    Spot metric_spot;
    out.metric = text_or_default(reporter, sim, item, "metric", "a metric plugin name", p.metric.c_str(), metric_spot);
    out.neighborhood_range = p.neighborhood_range;
    if (const Field* r = sim.find("neighborhood_range"))
      out.neighborhood_range = static_cast<std::size_t>(read_integer(reporter, *r, schema::kMinRange, schema::kMaxRange));
    const PluginDescriptor& metric = find_plugin(reporter, catalog, PluginKind::metric, out.metric, metric_spot);
    YAML::Node metric_anchor = item;
    const YAML::Node own_metric = params_node(sim, metric_anchor);
    out.metric_params = resolve_params(reporter, variant_params(base_metric_params, out.metric == p.metric, own_metric),
                                       metric_anchor, path + ".similarity.params", metric);

    const MapReader solver = section(reporter, v, item, "solver", schema::solver_keys());
    Spot solver_spot;
    out.solver = text_or_default(reporter, solver, item, "name", "a solver plugin name", p.solver.c_str(), solver_spot);
    const PluginDescriptor& solver_plugin = find_plugin(reporter, catalog, PluginKind::solver, out.solver, solver_spot);
    YAML::Node solver_anchor = item;
    const YAML::Node own_solver = params_node(solver, solver_anchor);
    out.solver_params = resolve_params(reporter, variant_params(base_solver_params, out.solver == p.solver, own_solver),
                                       solver_anchor, path + ".solver.params", solver_plugin);
    p.variants.push_back(std::move(out));
  }
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
    if (!input.find("matrix")) p.input_path = resolve_path(reporter, input.require("path"), base, "a path");
  }
  read_input_extras(reporter, input, base, overrides, p);
  read_preprocess(reporter, top, root, p);
  if (const Field* f = top.find("truth")) p.truth = resolve_path(reporter, *f, base, "a truth.csv");

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
  read_output_extras(reporter, output, p);

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
  read_variants(reporter, top, catalog, metric_params, solver_params, p);
  return p;
}

}  // namespace zspace
