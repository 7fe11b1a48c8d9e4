#pragma once
/// @file version.hpp
/// Plugin API version. A plugin records the version it was compiled against; the host refuses a
/// plugin whose major version differs from its own. Minor bumps add to the API without breaking
/// plugins built against an older minor (new free functions, helpers or classes); anything that
/// changes a public type's layout or an interface's virtual table is a major bump
/// (docs/plugins.md, "API version policy").

#ifndef ZSPACE_API_MAJOR
/// Bumped when a change breaks plugins built against the previous major (layout or virtual
/// table of a public type, semantics of an existing call).
#define ZSPACE_API_MAJOR 3
#endif
#ifndef ZSPACE_API_MINOR
/// Bumped for backward-compatible additions.
#define ZSPACE_API_MINOR 0
#endif

/// Marks a public type whose type information must be shared between host and plugins.
#define ZSPACE_VISIBLE __attribute__((visibility("default")))

namespace zspace {

/// The API version a translation unit was compiled against.
struct ApiVersion {
  int major = ZSPACE_API_MAJOR;  ///< must equal the host's major, or the plugin is refused
  int minor = ZSPACE_API_MINOR;  ///< informational: any minor of the same major loads
};

/// The zspace release (e.g. "0.1.0") of the framework library in use.
ZSPACE_VISIBLE const char* framework_version();

}  // namespace zspace
