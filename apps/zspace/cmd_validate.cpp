// zspace validate: check a pipeline without running it.

#include <fmt/core.h>

#include "commands.hpp"

namespace zspace::cli {
namespace {

CommandBody setup_validate(CLI::App& app) {
  auto args = std::make_shared<PipelineArgs>();
  auto* cmd = app.add_subcommand("validate", "check a pipeline file without running it");
  add_pipeline_options(cmd, *args);
  return [cmd, args](Registry& registry) -> int {
    if (!*cmd) return -1;
    const auto pipeline = load(*args, registry);
    fmt::print("{}: valid (metric {}, solver {}, input {})\n", args->file, pipeline.metric, pipeline.solver,
               pipeline.input_path.string());
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(30, setup_validate)
}  // namespace zspace::cli
