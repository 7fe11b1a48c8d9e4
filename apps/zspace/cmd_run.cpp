// zspace run: the whole pipeline, band to result files.

#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/run.hpp"

namespace zspace::cli {
namespace {

CommandBody setup_run(CLI::App& app) {
  auto args = std::make_shared<PipelineArgs>();
  auto* cmd = app.add_subcommand("run", "run a pipeline: similarity band, solver, result files");
  add_pipeline_options(cmd, *args);
  add_run_options(cmd, *args);
  return [cmd, args](Registry& registry) -> int {
    if (!*cmd) return -1;
    const Pipeline pipeline = load(*args, registry);
    install_interrupt_handlers();
    const auto summary = run_pipeline(pipeline, registry, {args->threads, args->quiet});
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
  };
}

}  // namespace
ZSPACE_COMMAND(10, setup_run)
}  // namespace zspace::cli
