#include "zspace/engine/registry.hpp"

#include <algorithm>
#include <boost/dll/import.hpp>
#include <boost/dll/library_info.hpp>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <system_error>

#include "zspace/engine/errors.hpp"

namespace zspace {

namespace fs = std::filesystem;

struct Registry::Library {
  boost::dll::shared_library handle;
  std::function<MetricFactory> create_metric;
  std::function<SolverFactory> create_solver;
};

namespace {

// Plugins are unversioned modules (lib<name>.so); versioned names would only be the same
// library again through a symlink.
bool looks_like_library(const fs::path& p) { return p.extension() == ".so"; }

// Aliases are read from the file's symbol table before it is loaded, so a library that is not
// a plugin never runs any of its code inside the host.
bool exports_alias(const fs::path& file, const std::string& alias, std::string& why) {
  try {
    boost::dll::library_info info(file);
    const auto symbols = info.symbols("boostdll");
    return std::find(symbols.begin(), symbols.end(), alias) != symbols.end();
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

// Libraries are never unloaded: objects, vtables, deleters and type_info from a plugin may
// outlive the registry that loaded it. The list is reachable from a static, so leak checkers
// do not report it.
void keep_loaded(boost::dll::shared_library library) {
  static auto* kept = new std::vector<boost::dll::shared_library>();
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(std::move(library));
}

}  // namespace

Registry::Registry(std::function<void(const std::string&)> warn) : warn_(std::move(warn)) {
  if (!warn_) warn_ = [](const std::string& m) { std::cerr << "warning: " << m << '\n'; };
}

Registry::~Registry() {
  for (auto& lib : libraries_) keep_loaded(std::move(lib->handle));
}

std::vector<fs::path> Registry::default_search_path() {
  std::vector<fs::path> path;
  path.push_back(fs::path(boost::dll::program_location()).parent_path() / ZSPACE_PLUGIN_RELDIR);
  if (const char* env = std::getenv("ZSPACE_PLUGIN_PATH")) {
    std::string s = env;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(':', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) path.emplace_back(s.substr(start, end - start));
      start = end + 1;
    }
  }
  return path;
}

void Registry::scan(const std::vector<fs::path>& folders) {
  for (const auto& folder : folders) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(folder, ec);
    if (ec) canonical = folder;
    if (std::find(scanned_.begin(), scanned_.end(), canonical) != scanned_.end()) continue;
    scanned_.push_back(canonical);
    if (!fs::is_directory(canonical, ec)) continue;

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(canonical, ec)) {
      if (entry.is_regular_file(ec) && looks_like_library(entry.path())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // deterministic: duplicates resolve the same way

    for (const auto& file : files) {
      std::string why;
      if (!exports_alias(file, "zspace_api_version", why) || !exports_alias(file, "zspace_descriptor", why)) {
        warn_(file.string() + ": skipped: not a zspace plugin (" +
              (why.empty() ? "no zspace_api_version/zspace_descriptor export" : why) + ")");
        continue;
      }
      auto lib = std::make_unique<Library>();
      try {
        lib->handle.load(file);
      } catch (const std::exception& e) {
        warn_(file.string() + ": skipped: cannot load (" + e.what() + ")");
        continue;
      }
      // Only the plain-data version struct crosses the boundary before the major is known.
      const ApiVersion api = boost::dll::import_alias<ApiVersion()>(lib->handle, "zspace_api_version")();
      if (api.major != ZSPACE_API_MAJOR) {
        warn_(file.string() + ": skipped: built for plugin API " + std::to_string(api.major) + "." +
              std::to_string(api.minor) + ", this zspace has API " + std::to_string(ZSPACE_API_MAJOR) +
              "." + std::to_string(ZSPACE_API_MINOR));
        keep_loaded(std::move(lib->handle));  // its static initialisers ran: never unload
        continue;
      }
      PluginInfo info;
      info.file = file;
      info.descriptor = boost::dll::import_alias<const PluginDescriptor&()>(lib->handle, "zspace_descriptor")();
      const char* factory = info.descriptor.kind == PluginKind::metric ? "zspace_create_metric" : "zspace_create_solver";
      if (!lib->handle.has(factory)) {
        warn_(file.string() + ": skipped: " + to_string(info.descriptor.kind) + " plugin '" +
              info.descriptor.name + "' exports no " + factory);
        keep_loaded(std::move(lib->handle));
        continue;
      }
      if (const PluginInfo* other = find(info.descriptor.kind, info.descriptor.name)) {
        warn_(file.string() + ": skipped: duplicate " + to_string(info.descriptor.kind) + " '" +
              info.descriptor.name + "' (already loaded from " + other->file.string() + ")");
        keep_loaded(std::move(lib->handle));
        continue;
      }
      if (info.descriptor.kind == PluginKind::metric)
        lib->create_metric = boost::dll::import_alias<MetricFactory>(lib->handle, factory);
      else
        lib->create_solver = boost::dll::import_alias<SolverFactory>(lib->handle, factory);
      plugins_.push_back(std::move(info));
      libraries_.push_back(std::move(lib));
    }
  }
}

const PluginInfo* Registry::find(PluginKind kind, const std::string& name) const {
  for (const auto& p : plugins_)
    if (p.descriptor.kind == kind && p.descriptor.name == name) return &p;
  return nullptr;
}

std::vector<std::string> Registry::names(PluginKind kind) const {
  std::vector<std::string> out;
  for (const auto& p : plugins_)
    if (p.descriptor.kind == kind) out.push_back(p.descriptor.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<SimilarityMetric> Registry::create_metric(const std::string& name, const Params& params) const {
  for (std::size_t i = 0; i < plugins_.size(); ++i)
    if (plugins_[i].descriptor.kind == PluginKind::metric && plugins_[i].descriptor.name == name)
      return libraries_[i]->create_metric(params);
  throw ConfigError("unknown metric '" + name + "'");
}

std::unique_ptr<Solver> Registry::create_solver(const std::string& name, const Params& params) const {
  for (std::size_t i = 0; i < plugins_.size(); ++i)
    if (plugins_[i].descriptor.kind == PluginKind::solver && plugins_[i].descriptor.name == name)
      return libraries_[i]->create_solver(params);
  throw ConfigError("unknown solver '" + name + "'");
}

}  // namespace zspace
