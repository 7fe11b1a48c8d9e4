#include "entries.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "zspace/engine/band_io.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace::fuzz {

namespace fs = std::filesystem;

namespace {

// Readers take paths, so each input goes through a file in a per-process scratch folder
// (in memory where /dev/shm exists).
const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("zspace-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

fs::path write_input(const std::string& relative, const std::uint8_t* data, std::size_t size) {
  const fs::path p = scratch() / relative;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return p;
}

const PluginDescriptor& metric_descriptor() {
  static const PluginDescriptor d{ApiVersion{}, PluginKind::metric, "ncc", "1.0.0", "fuzz metric", {}};
  return d;
}

const PluginDescriptor& solver_descriptor() {
  static const PluginDescriptor d{
      ApiVersion{}, PluginKind::solver, "fixed-point", "1.0.0", "fuzz solver",
      {ParamSpec::integer("outer_iterations", 100, 1, 1e6, "iterations"),
       ParamSpec::real("outer_regularization", 0.4, 0, 1, "damping"),
       ParamSpec::boolean("allow_reordering", true, "reorder"),
       ParamSpec::choice("border", "pin-ends", {"pin-ends", "none"}, "gauge")}};
  return d;
}

PluginCatalog catalog() {
  PluginCatalog c;
  c.scan = [](const std::vector<fs::path>&) {};
  c.find = [](PluginKind kind, const std::string& name) -> const PluginDescriptor* {
    const PluginDescriptor& d = kind == PluginKind::metric ? metric_descriptor() : solver_descriptor();
    return d.name == name ? &d : nullptr;
  };
  c.names = [](PluginKind kind) {
    return std::vector<std::string>{kind == PluginKind::metric ? "ncc" : "fixed-point"};
  };
  return c;
}

void read_all(const StackReader& reader) {
  for (std::size_t i = 0; i < reader.size() && i < 64; ++i) (void)reader.read(i);
}

}  // namespace

// Only the documented error types may escape the framework; anything else (another exception,
// a crash, a sanitizer report) is a finding.
void pipeline(const std::uint8_t* data, std::size_t size) {
  const fs::path p = write_input("pipeline.yaml", data, size);
  try {
    const Pipeline resolved = load_pipeline(p, PipelineOverrides{}, catalog());
    (void)to_yaml(resolved);
  } catch (const ConfigError&) {
  }
}

void tiff(const std::uint8_t* data, std::size_t size) {
  const fs::path p = write_input("stack.tif", data, size);
  try {
    read_all(*open_stack(p));
  } catch (const DataError&) {
  }
}

void png(const std::uint8_t* data, std::size_t size) {
  const fs::path p = write_input("png/slice.png", data, size);
  try {
    read_all(*open_stack(p.parent_path()));
  } catch (const DataError&) {
  }
}

void band(const std::uint8_t* data, std::size_t size) {
  const fs::path p = write_input("band.tif", data, size);
  try {
    (void)read_band(p);
  } catch (const DataError&) {
  }
}

}  // namespace zspace::fuzz
