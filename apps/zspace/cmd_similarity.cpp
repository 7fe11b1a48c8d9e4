// zspace similarity: compute and save only the similarity band, to solve it later (possibly
// several ways) with `input: {matrix: similarity.tif}`.

#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/run.hpp"

namespace zspace::cli {
namespace {

CommandBody setup_similarity(CLI::App& app) {
  auto args = std::make_shared<PipelineArgs>();
  auto* cmd = app.add_subcommand("similarity", "compute only the similarity band (similarity.tif + .json)");
  add_pipeline_options(cmd, *args);
  add_run_options(cmd, *args);
  return [cmd, args](Registry& registry) -> int {
    if (!*cmd) return -1;
    const Pipeline pipeline = load(*args, registry);
    install_interrupt_handlers();
    const auto summary = compute_similarity(pipeline, registry, {args->threads, args->quiet, args->verbose});
    fmt::print("zspace: band of {} sections (metric {}, R = {}), {:.2f} s\n", summary.sections, pipeline.metric,
               pipeline.neighborhood_range, summary.seconds);
    if (!summary.flagged.empty()) fmt::print("zspace: {} sections without usable signal\n", summary.flagged.size());
    fmt::print("zspace: results in {} (similarity.tif, similarity.json)\n", summary.output_dir.string());
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(20, setup_similarity)
}  // namespace zspace::cli
