#pragma once
/// @file pipeline.hpp
/// The YAML pipeline (version 1): parse, validate strictly against the framework schema and
/// the chosen plugins' schemas, fill in defaults, and write back the resolved form.

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "zspace/params.hpp"
#include "zspace/plugin.hpp"

namespace zspace {

/// What is done to every section before the metric sees it, in this order: section range,
/// region of interest, intensity mask, downsampling.
struct Preprocess {
  /// input.sections: [first, last], 0-based, inclusive; only these sections are used.
  std::optional<std::array<std::size_t, 2>> sections;
  /// input.roi: [x, y, width, height] in pixels of the input; only this region is used.
  std::optional<std::array<int, 4>> roi;
  /// preprocess.mask.below: pixels with values below this become invalid.
  std::optional<double> mask_below;
  /// preprocess.mask.above: pixels with values above this become invalid.
  std::optional<double> mask_above;
  /// preprocess.downsample: integer xy factor; each output pixel is the mean of the valid
  /// pixels of a factor x factor block (the box filter is the anti-aliasing), 1 = off.
  int downsample = 1;
  /// True when anything but the whole stack at full resolution is used.
  bool active() const { return sections || roi || mask_below || mask_above || downsample != 1; }
  bool operator==(const Preprocess&) const = default;
};

/// One entry of `variants:` in a compare pipeline: the base pipeline with the metric, the
/// neighbourhood range, the solver or their params replaced.
struct Variant {
  std::string name;                    ///< variants[i].name: unique; names the output subfolder
  std::string metric;                  ///< similarity.metric of this variant
  std::size_t neighborhood_range = 0;  ///< similarity.neighborhood_range of this variant
  Params metric_params;                ///< validated against the variant's metric
  std::string solver;                  ///< solver.name of this variant
  Params solver_params;                ///< validated against the variant's solver
};

/// A fully validated pipeline with every default filled in.
struct Pipeline {
  std::filesystem::path file;              ///< the pipeline file ("" for built-in)
  int version = 1;                         ///< pipeline format version (only 1 exists)
  std::filesystem::path input_path;        ///< absolute (relative paths resolve against file's folder)
  /// input.matrix: a saved band (similarity.tif, or Fiji's square or strip matrix image) to
  /// solve instead of computing one; empty = compute the band from input.path.
  std::filesystem::path input_matrix;
  Preprocess preprocess;                   ///< input.sections, input.roi, preprocess.*
  /// input.voxel_size: [x, y, z] in nm (optional); gives the corrected stack its voxel size
  /// and the z table its nm columns.
  std::optional<std::array<double, 3>> voxel_size;
  /// truth: a truth.csv (section,z) to score the result against (zspace evaluate's scores in
  /// result.json and compare.csv); empty = none.
  std::filesystem::path truth;
  /// variants: when not empty, a compare run: every variant runs on the same input, each
  /// distinct band is computed once, outputs go to output.dir/<name>/ and compare.csv.
  std::vector<Variant> variants;
  std::vector<std::filesystem::path> plugin_path;  ///< extra plugin folders, absolute
  std::string metric = "ncc";             ///< similarity.metric: a registered metric's name
  std::size_t neighborhood_range = 10;     ///< similarity.neighborhood_range: the band width R
  Params metric_params;                    ///< similarity.params, validated, defaults filled in
  std::string solver = "fixed-point";      ///< solver.name: a registered solver's name
  Params solver_params;                    ///< solver.params, validated, defaults filled in
  std::filesystem::path output_dir;        ///< absolute
  bool report = true;                      ///< output.report: write report.html
  bool corrected_stack = false;            ///< output.corrected_stack: write the resampled stack
  int upsample = 1;                        ///< output.upsample: corrected slices per spacing
  std::string corrected_format = "tiff";   ///< output.corrected_format: tiff | hdf5
};

/// Command-line overrides applied on top of the file, validated like the file.
/// Precedence: file < `sets` (in order, the last wins) < `input` / `output`.
/// Paths given here (including paths set with `sets`) are relative to the current folder.
struct PipelineOverrides {
  std::optional<std::string> input;   ///< replaces input.path; the file may then omit input
  std::optional<std::string> output;  ///< replaces output.dir
  /// "key.path=value" items; value is parsed as YAML (so 50, 0.3, true, [1, 2] work). A path
  /// that does not exist yet is created, then validated as usual (so a typo is an error).
  /// Errors inside an item are located as "--set <item>" instead of file:line:column.
  std::vector<std::string> sets;
};

/// Finds a plugin's descriptor by kind and name (nullptr if none). `scan` is called with the
/// pipeline's plugin_path folders before any lookup, so they can be added to the search.
struct PluginCatalog {
  /// Adds the pipeline's plugin_path folders to the search.
  std::function<void(const std::vector<std::filesystem::path>&)> scan;
  /// The descriptor of a loaded plugin, or nullptr.
  std::function<const PluginDescriptor*(PluginKind, const std::string&)> find;
  /// Every loaded name of a kind, for "did you mean" and "allowed" lists.
  std::function<std::vector<std::string>(PluginKind)> names;
};

/// Loads and validates a pipeline. Throws ConfigError with one line
/// "file:line:column: key.path: problem (allowed: ...)" (with "did you mean" for near misses;
/// line and column 1-based; a missing key is shown at the map that should hold it), or
/// "file:line:column: YAML syntax error: ...", or "file: cannot read pipeline file".
/// Framework keys are checked first, then catalog.scan(plugin_path) runs (always, even with
/// no folders), then the plugins are looked up and their params checked against their schemas.
/// Does not look at the input data.
Pipeline load_pipeline(const std::filesystem::path& file, const PipelineOverrides& overrides,
                       const PluginCatalog& catalog);

/// The resolved pipeline as YAML text (every default filled in, every path absolute, reals in
/// the shortest form that reads back exactly), re-runnable as is: load_pipeline of this text
/// gives back the same Pipeline (except `file`).
std::string to_yaml(const Pipeline& pipeline);

}  // namespace zspace
