// zspace similarity: compute and save only the similarity band, to solve it later (possibly
// several ways) with `input: {matrix: similarity.tif}`; with --sections, one shard of it.

#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/run.hpp"

namespace zspace::cli {
namespace {

// "A:B" -> {A, B}, inclusive, A <= B.
std::array<std::size_t, 2> parse_rows(const std::string& text) {
  const auto colon = text.find(':');
  std::size_t a = 0, b = 0, used_a = 0, used_b = 0;
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no colon");
    a = std::stoul(text.substr(0, colon), &used_a);
    b = std::stoul(text.substr(colon + 1), &used_b);
  } catch (const std::exception&) {
    throw ConfigError("--sections " + text + ": expected FIRST:LAST (0-based, inclusive), e.g. 0:999");
  }
  if (used_a != colon || used_b != text.size() - colon - 1 || text[0] == '-' || text[colon + 1] == '-')
    throw ConfigError("--sections " + text + ": expected FIRST:LAST (0-based, inclusive), e.g. 0:999");
  if (b < a) throw ConfigError("--sections " + text + ": LAST is before FIRST");
  return {a, b};
}

CommandBody setup_similarity(CLI::App& app) {
  auto args = std::make_shared<PipelineArgs>();
  auto sections = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("similarity", "compute only the similarity band (similarity.tif + .json)");
  add_pipeline_options(cmd, *args);
  add_run_options(cmd, *args);
  cmd->add_option("--sections", *sections,
                  "a shard: band rows FIRST:LAST only (pairs whose later section is in the range); join shards with zspace merge");
  return [cmd, args, sections](Registry& registry) -> int {
    if (!*cmd) return -1;
    std::optional<std::array<std::size_t, 2>> rows;
    if (!sections->empty()) rows = parse_rows(*sections);
    const Pipeline pipeline = load(*args, registry);
    install_interrupt_handlers();
    const auto summary =
        compute_similarity(pipeline, registry, {args->threads, args->quiet, args->verbose}, rows);
    if (rows)
      fmt::print("zspace: shard rows {}..{} of a {}-section band (metric {}, R = {}), {:.2f} s\n", (*rows)[0],
                 (*rows)[1], summary.sections, pipeline.metric, pipeline.neighborhood_range, summary.seconds);
    else
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
