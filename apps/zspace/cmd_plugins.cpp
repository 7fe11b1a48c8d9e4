// zspace plugins: list the metric and solver plugins with their parameters.

#include <fmt/core.h>

#include "commands.hpp"

namespace zspace::cli {
namespace {

CommandBody setup_plugins(CLI::App& app) {
  struct Args {
    bool json = false;
    std::vector<std::string> path;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("plugins", "list metric and solver plugins with their parameters");
  cmd->add_flag("--json", args->json, "machine-readable output");
  cmd->add_option("--plugin-path", args->path, "extra plugin folder (repeatable)");
  return [cmd, args](Registry& registry) -> int {
    if (!*cmd) return -1;
    registry.scan(std::vector<std::filesystem::path>(args->path.begin(), args->path.end()));
    fmt::print("{}", describe_plugins(registry, args->json));
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(90, setup_plugins)
}  // namespace zspace::cli
