#pragma once
/// @file plugin.hpp
/// Declaring a plugin. A plugin is a shared library that exports, by Boost.DLL alias:
///   zspace_api_version   -> ApiVersion()            (checked before anything else is used)
///   zspace_descriptor    -> const PluginDescriptor&() (plain data: kind, name, schema)
///   zspace_create_metric -> std::unique_ptr<SimilarityMetric>(const Params&)   (metrics)
///   zspace_create_solver -> std::unique_ptr<Solver>(const Params&)             (solvers)
/// Use ZSPACE_METRIC_PLUGIN or ZSPACE_SOLVER_PLUGIN once in one source file of the plugin.

#include <boost/dll/alias.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "zspace/metric.hpp"
#include "zspace/params.hpp"
#include "zspace/solver.hpp"
#include "zspace/version.hpp"

namespace zspace {

/// What a plugin provides; decides which factory alias the host looks for.
enum class PluginKind {
  metric,  ///< a SimilarityMetric, exported as zspace_create_metric
  solver   ///< a Solver, exported as zspace_create_solver
};

/// "metric" or "solver", as `zspace plugins` and error messages spell it.
inline const char* to_string(PluginKind k) { return k == PluginKind::metric ? "metric" : "solver"; }

/// Plain data describing a plugin; the host reads it before creating anything.
struct PluginDescriptor {
  ApiVersion api;             ///< filled in by the declaration macro's header version
  PluginKind kind = PluginKind::metric;  ///< must match the declaration macro used
  std::string name;           ///< the name pipelines use (`ncc`, `fixed-point`, ...)
  std::string version;        ///< the plugin's own version, e.g. "1.0.0"
  std::string summary;        ///< one line for `zspace plugins`
  /// Every parameter the plugin reads; pipelines are validated against it before the factory
  /// runs, and `zspace plugins` prints it. Empty = the plugin takes no parameters.
  std::vector<ParamSpec> parameters;
};

/// A descriptor in one expression; `api` is the version of the headers the caller compiles
/// against, as for any PluginDescriptor.
inline PluginDescriptor describe_plugin(PluginKind kind, std::string name, std::string version, std::string summary,
                                        std::vector<ParamSpec> parameters) {
  PluginDescriptor d;
  d.kind = kind;
  d.name = std::move(name);
  d.version = std::move(version);
  d.summary = std::move(summary);
  d.parameters = std::move(parameters);
  return d;
}

/// Signature of a metric factory: receives validated params with every default filled in.
/// Throw std::invalid_argument or std::runtime_error to refuse a combination of values.
using MetricFactory = std::unique_ptr<SimilarityMetric>(const Params&);
/// Signature of a solver factory; same contract as MetricFactory.
using SolverFactory = std::unique_ptr<Solver>(const Params&);

/// Implementation details of the declaration macros; not for plugin code.
namespace plugin_detail {
/// The API version of the headers the plugin is compiled against (what the host checks).
inline ApiVersion compiled_api_version() { return ApiVersion{}; }
}  // namespace plugin_detail

}  // namespace zspace

/// Shared body of ZSPACE_METRIC_PLUGIN / ZSPACE_SOLVER_PLUGIN: exports the API version, the
/// descriptor and the factory under the alias names the host looks up.
#define ZSPACE_DETAIL_PLUGIN(descriptor_fn, factory_fn, factory_alias)                   \
  namespace zspace_plugin_exports {                                                      \
  ::zspace::ApiVersion api_version() { return ::zspace::plugin_detail::compiled_api_version(); } \
  }                                                                                      \
  BOOST_DLL_ALIAS(zspace_plugin_exports::api_version, zspace_api_version)                \
  BOOST_DLL_ALIAS(descriptor_fn, zspace_descriptor)                                      \
  BOOST_DLL_ALIAS(factory_fn, factory_alias)

/// Exports a metric plugin. descriptor_fn: `const zspace::PluginDescriptor& f()`;
/// factory_fn: `std::unique_ptr<zspace::SimilarityMetric> f(const zspace::Params&)`.
#define ZSPACE_METRIC_PLUGIN(descriptor_fn, factory_fn) \
  ZSPACE_DETAIL_PLUGIN(descriptor_fn, factory_fn, zspace_create_metric)

/// Exports a solver plugin. descriptor_fn: `const zspace::PluginDescriptor& f()`;
/// factory_fn: `std::unique_ptr<zspace::Solver> f(const zspace::Params&)`.
#define ZSPACE_SOLVER_PLUGIN(descriptor_fn, factory_fn) \
  ZSPACE_DETAIL_PLUGIN(descriptor_fn, factory_fn, zspace_create_solver)
