// The installed SDK as a plugin author meets it: `cmake --install` to a temporary prefix, move
// the tree (relocatable, RPATH $ORIGIN), build examples/plugins out of tree with
// find_package(zspace), load them through ZSPACE_PLUGIN_PATH and run a pipeline on the sample
// stack; then a plugin compiled against a deliberately bumped API major must be refused.

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "zspace/engine/image_io.hpp"
#include "zspace/engine/registry.hpp"
#include "zspace/engine/stack_reader.hpp"
#include "zspace/version.hpp"

using namespace zspace::test;

namespace {

const fs::path kSource = ZSPACE_SOURCE_DIR;
const fs::path kStack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

struct Shell {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command with stdout+stderr captured; the output is printed when a check fails.
Shell sh(const std::string& command) {
  TempDir capture;
  const std::string cmd = "( " + command + " ) >" + quote(capture / "log") + " 2>&1 </dev/null";
  const int status = std::system(cmd.c_str());
  Shell r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.output = read_text(capture / "log");
  return r;
}

// Configures and builds examples/plugins against the zspace installed at `prefix`, with this
// build's compiler and flags (sanitizer flags included, so ASan builds load ASan plugins).
Shell build_examples(const fs::path& prefix, const fs::path& build_dir, const std::string& extra_flags,
                     const std::string& target = "") {
  const std::string flags = std::string(ZSPACE_SDK_CXX_FLAGS) + " " + extra_flags;
  Shell configure = sh(std::string(ZSPACE_CMAKE_COMMAND) + " -S " + quote(kSource / "examples" / "plugins") +
                       " -B " + quote(build_dir) + " -G \"" + ZSPACE_CMAKE_GENERATOR + "\"" +
                       " -DCMAKE_BUILD_TYPE=" + ZSPACE_SDK_BUILD_TYPE +
                       " -DCMAKE_CXX_COMPILER=" + ZSPACE_CXX_COMPILER +
                       " \"-DCMAKE_CXX_FLAGS=" + flags + "\"" +
                       " -DCMAKE_PREFIX_PATH=" + quote(prefix));
  if (configure.exit_code != 0) return configure;
  return sh(std::string(ZSPACE_CMAKE_COMMAND) + " --build " + quote(build_dir) +
            (target.empty() ? "" : " --target " + target));
}

std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_text(file));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cells_in(line);
    while (std::getline(cells_in, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("installed SDK: relocatable install, out-of-tree example plugins, API major guard") {
  TempDir root;
  const fs::path staged = root / "staged";
  const fs::path prefix = root / "moved here";  // a space in the path on purpose

  // 1. Install, check the layout, move the tree.
  const Shell install = sh(std::string(ZSPACE_CMAKE_COMMAND) + " --install " + quote(ZSPACE_BUILD_DIR) +
                           " --prefix " + quote(staged));
  REQUIRE_MESSAGE(install.exit_code == 0, install.output);
  for (const char* file : {"bin/zspace", "lib/libzspace-framework.so", "lib/zspace/plugins/libzspace-ncc.so",
                           "lib/zspace/plugins/libzspace-fixed-point.so", "include/zspace/plugin.hpp",
                           "include/zspace/version.hpp", "lib/cmake/zspace/zspaceConfig.cmake",
                           "lib/cmake/zspace/zspaceConfigVersion.cmake", "lib/cmake/zspace/ZspacePlugin.cmake",
                           "share/zspace/configs/default.yaml"}) {
    CHECK_MESSAGE(fs::exists(staged / file), file);
  }
  fs::rename(staged, prefix);
  const std::string zspace = quote(prefix / "bin" / "zspace");

  // RUNPATHs are $ORIGIN-relative: nothing points back into the build tree.
  const Shell runpath = sh("readelf -d " + zspace + " " + quote(prefix / "lib/libzspace-framework.so") + " " +
                           quote(prefix / "lib/zspace/plugins/libzspace-ncc.so") + " | grep -E 'RUNPATH|RPATH'");
  CHECK_MESSAGE(runpath.output.find("[$ORIGIN/../lib]") != std::string::npos, runpath.output);
  CHECK_MESSAGE(runpath.output.find("[$ORIGIN/../..]") != std::string::npos, runpath.output);
  CHECK_MESSAGE(runpath.output.find(ZSPACE_BUILD_DIR) == std::string::npos, runpath.output);

  const Shell builtins = sh("env -u ZSPACE_PLUGIN_PATH " + zspace + " plugins");
  REQUIRE_MESSAGE(builtins.exit_code == 0, builtins.output);
  CHECK_MESSAGE(builtins.output.find("metric ncc") != std::string::npos, builtins.output);
  CHECK_MESSAGE(builtins.output.find("solver fixed-point") != std::string::npos, builtins.output);
  CHECK_MESSAGE(builtins.output.find((prefix / "lib/zspace/plugins/libzspace-ncc.so").string()) != std::string::npos, builtins.output);
  CHECK_MESSAGE(builtins.output.find("warning:") == std::string::npos, builtins.output);

  // 2. The examples, built out of tree against the moved installation.
  const fs::path examples = root / "examples-build";
  const Shell built = build_examples(prefix, examples, "");
  REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  CHECK_MESSAGE(built.output.find("warning:") == std::string::npos, built.output);
  const fs::path example_plugins = examples / "lib" / "zspace" / "plugins";
  REQUIRE_MESSAGE(fs::exists(example_plugins / "libzspace-gradient-ncc.so"), built.output);
  REQUIRE_MESSAGE(fs::exists(example_plugins / "libzspace-robust-lsq.so"), built.output);
  const std::string env = "env ZSPACE_PLUGIN_PATH=" + quote(example_plugins) + " ";

  const Shell listed = sh(env + zspace + " plugins");
  REQUIRE_MESSAGE(listed.exit_code == 0, listed.output);
  CHECK_MESSAGE(listed.output.find("metric gradient-ncc 1.0.0") != std::string::npos, listed.output);
  CHECK_MESSAGE(listed.output.find("solver robust-lsq 1.0.0") != std::string::npos, listed.output);
  CHECK_MESSAGE(listed.output.find("smoothness") != std::string::npos, listed.output);
  CHECK_MESSAGE(listed.output.find("warning:") == std::string::npos, listed.output);

  // 3. The examples' pipeline (gradient-ncc + robust-lsq) on the sample stack.
  const fs::path out = root / "out";
  const Shell run = sh(env + zspace + " run " + quote(kSource / "examples/plugins/pipeline.yaml") + " --quiet" +
                       " --input " + quote(kStack) + " --output " + quote(out));
  REQUIRE_MESSAGE(run.exit_code == 0, run.output);

  // The solver: one finite z per section, in order, first and last at 0 and N-1.
  const auto rows = read_csv(out / "z.csv");
  REQUIRE(rows.size() == 251);
  CHECK(rows[0][0] == "section");
  CHECK(rows[0][2] == "z");
  std::vector<double> z;
  for (std::size_t i = 1; i < rows.size(); ++i) z.push_back(std::stod(rows[i].at(2)));
  for (std::size_t i = 0; i < z.size(); ++i) REQUIRE(std::isfinite(z[i]));
  std::size_t out_of_order = 0;
  for (std::size_t i = 1; i < z.size(); ++i) out_of_order += z[i] <= z[i - 1];
  CHECK(out_of_order == 0);
  CHECK(z.front() == doctest::Approx(0.0));
  CHECK(z.back() == doctest::Approx(249.0));

  // The metric on real data: similarity decreases with offset, on average over the stack.
  const zspace::FloatImage strip = zspace::read_float_tiff(out / "similarity.tif");
  REQUIRE(strip.height == 250);
  const int range = (strip.width - 1) / 2;
  REQUIRE(range == 10);
  std::vector<double> mean(static_cast<std::size_t>(range) + 1, 0.0);
  for (int d = 1; d <= range; ++d) {
    double sum = 0;
    int count = 0;
    for (int i = 0; i < strip.height; ++i) {
      const float v = strip.pixels[static_cast<std::size_t>(i) * strip.width + range + d];
      if (std::isfinite(v)) {
        sum += v;
        ++count;
      }
    }
    REQUIRE(count > 200);
    mean[d] = sum / count;
  }
  mean[0] = 1.0;
  for (int d = 1; d <= range; ++d) {
    INFO("offset " << d << ": mean similarity " << mean[d]);
    CHECK(mean[d] < mean[d - 1]);
    CHECK(mean[d] > 0.0);
  }

  // The metric itself, loaded in this process: an identical section gives exactly 1.
  {
    zspace::Registry registry([](const std::string& w) { FAIL_CHECK(w); });
    registry.scan({example_plugins});
    const zspace::PluginInfo* info = registry.find(zspace::PluginKind::metric, "gradient-ncc");
    REQUIRE(info != nullptr);
    auto metric = registry.create_metric("gradient-ncc", zspace::Params::defaults(info->descriptor.parameters));
    const auto reader = zspace::open_stack(kStack);
    const auto a = metric->prepare(reader->read(0));
    const auto b = metric->prepare(reader->read(1));
    const auto far = metric->prepare(reader->read(40));
    CHECK(metric->compare(*a, *a) == doctest::Approx(1.0).epsilon(1e-9));
    const double near_value = metric->compare(*a, *b);
    CHECK(near_value < 1.0);
    CHECK(metric->compare(*a, *far) < near_value);
  }

  // Installed into the zspace prefix, the plugins are found without ZSPACE_PLUGIN_PATH.
  const Shell installed = sh(std::string(ZSPACE_CMAKE_COMMAND) + " --install " + quote(examples) +
                             " --prefix " + quote(prefix) + " && env -u ZSPACE_PLUGIN_PATH " + zspace + " plugins");
  CHECK_MESSAGE(installed.exit_code == 0, installed.output);
  CHECK_MESSAGE(installed.output.find("metric gradient-ncc") != std::string::npos, installed.output);

  // 4. A plugin compiled against a copy of the headers with the API major bumped is refused,
  // with a warning naming both versions.
  const int next_major = ZSPACE_API_MAJOR + 1;
  const fs::path bumped = root / "bumped-include";
  fs::create_directories(bumped);
  fs::copy(prefix / "include" / "zspace", bumped / "zspace", fs::copy_options::recursive);
  {
    std::string header = read_text(bumped / "zspace" / "version.hpp");
    const std::string from = "#define ZSPACE_API_MAJOR " + std::to_string(ZSPACE_API_MAJOR) + "\n";
    const auto at = header.find(from);
    REQUIRE(at != std::string::npos);
    header.replace(at, from.size(), "#define ZSPACE_API_MAJOR " + std::to_string(next_major) + "\n");
    write_text(bumped / "zspace" / "version.hpp", header);
  }
  const fs::path future = root / "future-build";
  const Shell future_built = build_examples(prefix, future, "-I" + bumped.string(), "zspace-plugin-gradient-ncc");
  REQUIRE_MESSAGE(future_built.exit_code == 0, future_built.output);
  const Shell refused = sh("env -u ZSPACE_PLUGIN_PATH ZSPACE_PLUGIN_PATH=" + quote(future / "lib/zspace/plugins") +
                           " " + zspace + " plugins");
  CHECK_MESSAGE(refused.exit_code == 0, refused.output);
  const std::string expected = "libzspace-gradient-ncc.so: skipped: built for plugin API " +
                               std::to_string(next_major) + "." + std::to_string(ZSPACE_API_MINOR) +
                               ", this zspace has API " + std::to_string(ZSPACE_API_MAJOR) + "." +
                               std::to_string(ZSPACE_API_MINOR);
  CHECK_MESSAGE(refused.output.find(expected) != std::string::npos, refused.output);
}
