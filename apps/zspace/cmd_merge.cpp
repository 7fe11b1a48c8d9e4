// zspace merge: join band shards computed on several machines into one band.

#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/merge.hpp"

namespace zspace::cli {
namespace {

CommandBody setup_merge(CLI::App& app) {
  struct Args {
    std::vector<std::string> shards;
    std::string output;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("merge", "join band shards (zspace similarity --sections) into one band");
  cmd->add_option("shards", args->shards, "shard folders (or their similarity.json)")->required();
  cmd->add_option("--output", args->output, "folder for the merged similarity.tif and similarity.json")->required();
  return [cmd, args](Registry&) -> int {
    if (!*cmd) return -1;
    std::vector<std::filesystem::path> paths(args->shards.begin(), args->shards.end());
    const auto summary = merge_shards(paths, std::filesystem::absolute(args->output));
    fmt::print("zspace: merged {} shards into a band of {} sections (R = {})\n", summary.shards, summary.sections,
               summary.range);
    fmt::print("zspace: results in {} (similarity.tif, similarity.json); solve it with input: {{matrix: {}}}\n",
               std::filesystem::absolute(args->output).string(),
               (std::filesystem::absolute(args->output) / "similarity.tif").string());
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(25, setup_merge)
}  // namespace zspace::cli
