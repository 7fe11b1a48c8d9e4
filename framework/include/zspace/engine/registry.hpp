#pragma once
/// @file registry.hpp
/// Finds, checks and loads metric and solver plugins (Boost.DLL). Libraries stay loaded for the
/// life of the registry's process: plugin objects, vtables and deleters live in them.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zspace/plugin.hpp"

namespace zspace {

/// One plugin that passed every check.
struct PluginInfo {
  PluginDescriptor descriptor;   ///< copied out of the library
  std::filesystem::path file;    ///< the library it came from
};

/// The set of loaded plugins. Not thread-safe while scanning; const members may be used from
/// several threads afterwards.
class Registry {
 public:
  /// `warn` receives one-line warnings (library skipped, and why). Default: stderr.
  explicit Registry(std::function<void(const std::string&)> warn = {});
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// Loads every plugin library (lib*.so) in the given folders, in order. A library that is not
  /// a zspace plugin, was built for another API major version, or duplicates a name already
  /// registered is skipped with a warning naming the file and the reason. Folders already
  /// scanned are skipped; missing folders are ignored.
  void scan(const std::vector<std::filesystem::path>& folders);

  /// Every accepted plugin, in load order.
  const std::vector<PluginInfo>& plugins() const { return plugins_; }
  /// The plugin of that kind and name, or nullptr.
  const PluginInfo* find(PluginKind kind, const std::string& name) const;
  /// Names of every plugin of a kind, sorted.
  std::vector<std::string> names(PluginKind kind) const;

  /// Creates a metric with params already validated against its schema (factory exceptions
  /// propagate). Throws ConfigError for an unknown name.
  std::unique_ptr<SimilarityMetric> create_metric(const std::string& name, const Params& params) const;
  /// Creates a solver; same contract as create_metric.
  std::unique_ptr<Solver> create_solver(const std::string& name, const Params& params) const;

  /// Folders searched by default: the plugin folder next to the executable
  /// (<exe>/../lib/zspace/plugins), then each folder of ZSPACE_PLUGIN_PATH (colon-separated).
  static std::vector<std::filesystem::path> default_search_path();

 private:
  struct Library;
  std::function<void(const std::string&)> warn_;
  std::vector<std::filesystem::path> scanned_;
  std::vector<PluginInfo> plugins_;
  std::vector<std::unique_ptr<Library>> libraries_;  // parallel to plugins_
};

}  // namespace zspace

namespace zspace {

/// `zspace plugins` output: every plugin with kind, name, version, summary and every parameter
/// (type, default, bounds or choices, doc). json: an array of objects with name, kind, version,
/// summary, file, parameters.
std::string describe_plugins(const Registry& registry, bool json);

/// Text of a parameter value as a pipeline would spell it (true, 10, 0.4, pin-ends).
std::string param_value_text(const ParamValue& value);

}  // namespace zspace
