#pragma once
// Shared helpers of the pipeline tests: a working-folder guard, a fake plugin catalog with
// hand-made descriptors (so these tests depend on no real plugin), and loading or failing to
// load pipeline text against it.

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/pipeline.hpp"

namespace zspace::test {

/// Changes the working folder for one test (overrides resolve against it).
class ScopedCwd {
 public:
  explicit ScopedCwd(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(old_); }
  ScopedCwd(const ScopedCwd&) = delete;
  ScopedCwd& operator=(const ScopedCwd&) = delete;

 private:
  fs::path old_;
};

inline PluginDescriptor fake_plugin(PluginKind kind, std::string name,
                                    std::vector<ParamSpec> params) {
  PluginDescriptor d;
  d.kind = kind;
  d.name = std::move(name);
  d.version = "1.0.0";
  d.summary = "fake for tests";
  d.parameters = std::move(params);
  return d;
}

/// ncc (no parameters), mutual-information (int, choice), fft-correlation (real, bool),
/// fixed-point (the Fiji parameters) and ceres (a choice), as the real plugins declare them.
class FakeCatalog {
 public:
  FakeCatalog() {
    plugins_.push_back(fake_plugin(PluginKind::metric, "ncc", {}));
    plugins_.push_back(fake_plugin(
        PluginKind::metric, "mutual-information",
        {ParamSpec::integer("bins", 64, 2, 1024, "histogram bins"),
         ParamSpec::choice("normalization", "joint", {"joint", "arithmetic", "none"}, "norm")}));
    plugins_.push_back(fake_plugin(
        PluginKind::metric, "fft-correlation",
        {ParamSpec::real("window", 0.5, 0.0, 1.0, "window fraction"),
         ParamSpec::boolean("whiten", false, "whiten spectra"),
         ParamSpec::real("unbounded", 2.0, std::nullopt, std::nullopt, "no bounds")}));
    plugins_.push_back(fake_plugin(
        PluginKind::solver, "fixed-point",
        {ParamSpec::integer("outer_iterations", 100, 1, 100000, "outer loop"),
         ParamSpec::real("outer_regularization", 0.4, 0.0, 1.0, "outer damping"),
         ParamSpec::integer("inner_iterations", 10, 1, 10000, "inner loop"),
         ParamSpec::real("inner_regularization", 0.1, 0.0, 1.0, "inner damping"),
         ParamSpec::boolean("allow_reordering", true, "may sections swap")}));
    plugins_.push_back(fake_plugin(
        PluginKind::solver, "ceres",
        {ParamSpec::choice("loss", "huber", {"huber", "cauchy", "trivial"}, "robust loss")}));
  }

  PluginCatalog catalog() {
    PluginCatalog c;
    c.scan = [this](const std::vector<fs::path>& dirs) { scans.push_back(dirs); };
    c.find = [this](PluginKind kind, const std::string& name) -> const PluginDescriptor* {
      for (const auto& p : plugins_) {
        if (p.kind == kind && p.name == name) return &p;
      }
      return nullptr;
    };
    c.names = [this](PluginKind kind) {
      std::vector<std::string> out;
      for (const auto& p : plugins_) {
        if (p.kind == kind) out.push_back(p.name);
      }
      return out;
    };
    return c;
  }

  std::vector<std::vector<fs::path>> scans;  ///< every scan() call, in order

 private:
  std::vector<PluginDescriptor> plugins_;
};

/// The ConfigError message load_pipeline throws ("" and a test failure if it does not throw).
inline std::string load_error(const fs::path& file, const PipelineOverrides& overrides = {}) {
  FakeCatalog fake;
  try {
    load_pipeline(file, overrides, fake.catalog());
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL_CHECK("load_pipeline did not throw for " << file);
  return {};
}

/// The message for `text` as a pipeline file, with the file's own name stripped off the front
/// so expectations read as "line:column: ..."; the message must be one line.
inline std::string error_for(const std::string& text, const PipelineOverrides& overrides = {}) {
  TempDir dir;
  const auto file = dir.write("p.yaml", text);
  const std::string msg = load_error(file, overrides);
  const std::string prefix = file.string() + ":";
  REQUIRE_MESSAGE(msg.rfind(prefix, 0) == 0, msg);
  CHECK(msg.find('\n') == std::string::npos);
  return msg.substr(prefix.size());
}

/// `text` written to `dir`/p.yaml and loaded against the fake catalog.
inline Pipeline load_text(const TempDir& dir, const std::string& text, const PipelineOverrides& overrides = {}) {
  FakeCatalog fake;
  return load_pipeline(dir.write("p.yaml", text), overrides, fake.catalog());
}

/// `p` written by to_yaml to `dir`/resolved/again.yaml and loaded back; to_yaml promises the
/// same Pipeline except `file`.
inline Pipeline round_trip(const TempDir& dir, const Pipeline& p) {
  FakeCatalog fake;
  return load_pipeline(dir.write("resolved/again.yaml", to_yaml(p)), {}, fake.catalog());
}

/// The metric, range, solver and their params agree (of two Pipelines or two Variants).
template <typename PipelineOrVariant>
void check_same_plugins(const PipelineOrVariant& a, const PipelineOrVariant& b) {
  CHECK(a.metric == b.metric);
  CHECK(a.neighborhood_range == b.neighborhood_range);
  CHECK(a.metric_params.values() == b.metric_params.values());
  CHECK(a.solver == b.solver);
  CHECK(a.solver_params.values() == b.solver_params.values());
}

/// The fields every pipeline has agree: input path, plugins and their params, output folder.
inline void check_same_core(const Pipeline& a, const Pipeline& b) {
  CHECK(a.input_path == b.input_path);
  check_same_plugins(a, b);
  CHECK(a.output_dir == b.output_dir);
}

/// A minimal valid pipeline body, for tests that vary one part.
inline const char* const kMinimal = "version: 1\ninput:\n  path: data\n";

}  // namespace zspace::test
