// zspace: command-line front end. Argument parsing and the mapping of errors to exit codes;
// each subcommand is in its own cmd_*.cpp file.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "zspace/engine/allocator.hpp"
#include "zspace/engine/distributed.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/version.hpp"

int main(int argc, char** argv) {
  using namespace zspace::cli;
  zspace::keep_freed_buffers_for_reuse();
  const zspace::DistributedSession mpi(argc, argv);
  CLI::App app{"zspace: recover the z position of every section of a serial-section stack"};
  app.set_version_flag("--version", std::string("zspace ") + zspace::framework_version());
  app.require_subcommand(1);

  auto table = command_table();
  std::stable_sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<CommandBody> bodies;
  for (const auto& entry : table) bodies.push_back(entry.setup(app));

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
    // Each body returns -1 unless its subcommand was the one given.
    for (auto& body : bodies)
      if (const int code = body(registry); code >= 0) return code;
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
