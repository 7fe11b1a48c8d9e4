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
#include <vector>

#include "zspace/metric.hpp"
#include "zspace/params.hpp"
#include "zspace/solver.hpp"
#include "zspace/version.hpp"

namespace zspace {

enum class PluginKind { metric, solver };

inline const char* to_string(PluginKind k) { return k == PluginKind::metric ? "metric" : "solver"; }

/// Plain data describing a plugin; the host reads it before creating anything.
struct PluginDescriptor {
  ApiVersion api;             ///< filled in by the declaration macro's header version
  PluginKind kind = PluginKind::metric;
  std::string name;           ///< the name pipelines use (`ncc`, `fixed-point`, ...)
  std::string version;        ///< the plugin's own version, e.g. "1.0.0"
  std::string summary;        ///< one line for `zspace plugins`
  std::vector<ParamSpec> parameters;
};

using MetricFactory = std::unique_ptr<SimilarityMetric>(const Params&);
using SolverFactory = std::unique_ptr<Solver>(const Params&);

namespace plugin_detail {
inline ApiVersion compiled_api_version() { return ApiVersion{}; }
}  // namespace plugin_detail

}  // namespace zspace

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
