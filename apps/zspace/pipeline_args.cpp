#include "commands.hpp"

namespace zspace::cli {

std::vector<CommandEntry>& command_table() {
  static std::vector<CommandEntry> table;
  return table;
}

namespace {

PluginCatalog catalog_of(Registry& registry) {
  PluginCatalog c;
  c.scan = [&registry](const std::vector<std::filesystem::path>& dirs) { registry.scan(dirs); };
  c.find = [&registry](PluginKind k, const std::string& n) -> const PluginDescriptor* {
    const auto* info = registry.find(k, n);
    return info ? &info->descriptor : nullptr;
  };
  c.names = [&registry](PluginKind k) { return registry.names(k); };
  return c;
}

}  // namespace

void add_pipeline_options(CLI::App* cmd, PipelineArgs& args) {
  cmd->add_option("pipeline", args.file, "pipeline file (YAML)")->required();
  cmd->add_option("--input", args.input, "stack to read instead of input.path");
  cmd->add_option("--output", args.output, "output folder instead of output.dir");
  cmd->add_option("--set", args.overrides.sets, "override any key: KEY.PATH=VALUE (repeatable)");
  cmd->add_option("--plugin-path", args.plugin_path, "extra plugin folder (repeatable)");
}

void add_run_options(CLI::App* cmd, PipelineArgs& args) {
  cmd->add_option("--threads", args.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  auto* quiet = cmd->add_flag("--quiet", args.quiet, "no progress output");
  cmd->add_flag("--verbose", args.verbose, "report every stage's timing")->excludes(quiet);
}

Pipeline load(PipelineArgs& args, Registry& registry) {
  std::vector<std::filesystem::path> extra(args.plugin_path.begin(), args.plugin_path.end());
  registry.scan(extra);
  if (!args.input.empty()) args.overrides.input = args.input;
  if (!args.output.empty()) args.overrides.output = args.output;
  return load_pipeline(args.file, args.overrides, catalog_of(registry));
}

}  // namespace zspace::cli
