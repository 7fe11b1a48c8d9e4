// zspace: command-line front end. Only argument parsing and calls into the framework.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/core.h>
#include <iostream>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/registry.hpp"
#include "zspace/engine/run.hpp"
#include "zspace/version.hpp"

namespace {

// Exit codes: 0 success, 1 bad data, 2 bad usage or configuration, 130 interrupted.
constexpr int kExitData = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130;

struct PipelineArgs {
  std::string file;
  zspace::PipelineOverrides overrides;
  std::string input, output;
  std::vector<std::string> plugin_path;
  int threads = 0;
  bool quiet = false;
};

void add_pipeline_options(CLI::App* cmd, PipelineArgs& args) {
  cmd->add_option("pipeline", args.file, "pipeline file (YAML)")->required();
  cmd->add_option("--input", args.input, "stack to read instead of input.path");
  cmd->add_option("--output", args.output, "output folder instead of output.dir");
  cmd->add_option("--set", args.overrides.sets, "override any key: KEY.PATH=VALUE (repeatable)");
  cmd->add_option("--plugin-path", args.plugin_path, "extra plugin folder (repeatable)");
}

zspace::PluginCatalog catalog_of(zspace::Registry& registry) {
  zspace::PluginCatalog c;
  c.scan = [&registry](const std::vector<std::filesystem::path>& dirs) { registry.scan(dirs); };
  c.find = [&registry](zspace::PluginKind k, const std::string& n) -> const zspace::PluginDescriptor* {
    const auto* info = registry.find(k, n);
    return info ? &info->descriptor : nullptr;
  };
  c.names = [&registry](zspace::PluginKind k) { return registry.names(k); };
  return c;
}

zspace::Pipeline load(PipelineArgs& args, zspace::Registry& registry) {
  std::vector<std::filesystem::path> extra(args.plugin_path.begin(), args.plugin_path.end());
  registry.scan(extra);
  if (!args.input.empty()) args.overrides.input = args.input;
  if (!args.output.empty()) args.overrides.output = args.output;
  return zspace::load_pipeline(args.file, args.overrides, catalog_of(registry));
}

int cmd_run(PipelineArgs& args, zspace::Registry& registry) {
  const zspace::Pipeline pipeline = load(args, registry);
  zspace::install_interrupt_handlers();
  const auto summary = zspace::run_pipeline(pipeline, registry, {args.threads, args.quiet});
  fmt::print("zspace: {} sections, thickness mean {:.3f} min {:.3f} max {:.3f} (nominal spacings), {:.2f} s\n",
             summary.sections, summary.mean_thickness, summary.min_thickness, summary.max_thickness,
             summary.seconds);
  if (!summary.flagged.empty()) {
    std::string list;
    for (auto i : summary.flagged) list += (list.empty() ? "" : ", ") + std::to_string(i);
    fmt::print("zspace: flagged sections (no usable signal): {}\n", list);
  }
  fmt::print("zspace: results in {} (z.csv, result.json, similarity.tif, pipeline.resolved.yaml)\n",
             summary.output_dir.string());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"zspace: recover the z position of every section of a serial-section stack"};
  app.set_version_flag("--version", std::string("zspace ") + zspace::framework_version());
  app.require_subcommand(1);

  PipelineArgs run_args;
  auto* run = app.add_subcommand("run", "run a pipeline: similarity band, solver, result files");
  add_pipeline_options(run, run_args);
  run->add_option("--threads", run_args.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  run->add_flag("--quiet", run_args.quiet, "no progress output");

  PipelineArgs validate_args;
  auto* validate = app.add_subcommand("validate", "check a pipeline file without running it");
  add_pipeline_options(validate, validate_args);

  bool json = false;
  std::vector<std::string> list_path;
  auto* plugins = app.add_subcommand("plugins", "list metric and solver plugins with their parameters");
  plugins->add_flag("--json", json, "machine-readable output");
  plugins->add_option("--plugin-path", list_path, "extra plugin folder (repeatable)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "zspace: " << e.what() << " (see zspace --help)\n";
    return kExitUsage;
  }

  try {
    zspace::Registry registry;
    registry.scan(zspace::Registry::default_search_path());
    if (*run) return cmd_run(run_args, registry);
    if (*validate) {
      const auto pipeline = load(validate_args, registry);
      fmt::print("{}: valid (metric {}, solver {}, input {})\n", validate_args.file, pipeline.metric,
                 pipeline.solver, pipeline.input_path.string());
      return 0;
    }
    if (*plugins) {
      registry.scan(std::vector<std::filesystem::path>(list_path.begin(), list_path.end()));
      fmt::print("{}", zspace::describe_plugins(registry, json));
      return 0;
    }
  } catch (const zspace::ConfigError& e) {
    std::cerr << "zspace: error: " << e.what() << '\n';
    return kExitUsage;
  } catch (const zspace::DataError& e) {
    std::cerr << "zspace: error: " << e.what() << '\n';
    return kExitData;
  } catch (const zspace::Interrupted& e) {
    std::cerr << "zspace: " << e.what() << "; previous results left untouched\n";
    return kExitInterrupted;
  } catch (const std::exception& e) {
    std::cerr << "zspace: error: " << e.what() << '\n';
    return kExitData;
  }
  return 0;
}
