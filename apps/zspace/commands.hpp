#pragma once
// The subcommands of the zspace executable. Each lives in its own cmd_*.cpp file and registers
// itself with ZSPACE_COMMAND, so adding a command means adding one file.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/registry.hpp"

namespace zspace::cli {

// Exit codes: 0 success, 1 bad data, 2 bad usage or configuration, 130 interrupted.
inline constexpr int kExitData = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

/// A subcommand's body: runs after parsing when the subcommand was chosen. The registry has
/// already scanned the default plugin folders. Throws zspace errors (mapped to exit codes).
using CommandBody = std::function<int(Registry&)>;

/// Adds a subcommand (options included) to `app` and returns what runs it.
using CommandSetup = std::function<CommandBody(CLI::App& app)>;

/// Every registered command, in the order of `order` (the order of `zspace --help`).
struct CommandEntry {
  int order;
  CommandSetup setup;
};
std::vector<CommandEntry>& command_table();

struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup) { command_table().push_back({order, std::move(setup)}); }
};

/// Options shared by the commands that take a pipeline file.
struct PipelineArgs {
  std::string file;
  PipelineOverrides overrides;
  std::string input, output;
  std::vector<std::string> plugin_path;
  int threads = 0;
  bool quiet = false;
  bool verbose = false;
};

/// Adds PIPELINE, --input, --output, --set, --plugin-path.
void add_pipeline_options(CLI::App* cmd, PipelineArgs& args);
/// Adds --threads, --quiet and --verbose.
void add_run_options(CLI::App* cmd, PipelineArgs& args);
/// Loads and validates the pipeline with its overrides.
Pipeline load(PipelineArgs& args, Registry& registry);

}  // namespace zspace::cli

#define ZSPACE_DETAIL_CONCAT2(a, b) a##b
#define ZSPACE_DETAIL_CONCAT(a, b) ZSPACE_DETAIL_CONCAT2(a, b)
/// Registers a command: ZSPACE_COMMAND(order, setup_function).
#define ZSPACE_COMMAND(order, setup) \
  static const ::zspace::cli::CommandRegistration ZSPACE_DETAIL_CONCAT(zspace_command_, __LINE__){order, setup};
