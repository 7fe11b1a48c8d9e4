#include "engine/output_files.hpp"

#include <fstream>
#include <system_error>
#include <unistd.h>

#include "zspace/engine/errors.hpp"

namespace zspace {

namespace fs = std::filesystem;

OutputFiles::OutputFiles(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
    throw ConfigError(dir_.string() + ": output path exists and is not a folder");
  fs::create_directories(dir_, ec);
  if (ec) throw ConfigError(dir_.string() + ": cannot create output folder: " + ec.message());
  // Probe now, so an unwritable folder fails before hours of computation, not after.
  const fs::path probe = dir_ / (".zspace-probe." + std::to_string(::getpid()));
  {
    std::ofstream out(probe);
    if (!out) throw ConfigError(dir_.string() + ": output folder is not writable");
  }
  fs::remove(probe, ec);
}

OutputFiles::~OutputFiles() {
  std::error_code ec;
  for (const auto& [tmp, final_path] : staged_) fs::remove(tmp, ec);
}

fs::path OutputFiles::stage(const std::string& name) {
  const fs::path final_path = dir_ / name;
  const fs::path folder = final_path.parent_path();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw ConfigError(folder.string() + ": cannot create output folder: " + ec.message());
  // Built piecewise: GCC 12 warns (-Wrestrict, falsely) on "literal" + std::string here.
  std::string tmp_name = ".";
  tmp_name += final_path.filename().string();
  tmp_name += ".tmp.";
  tmp_name += std::to_string(::getpid());
  const fs::path tmp = folder / tmp_name;
  staged_.emplace_back(tmp, final_path);
  return tmp;
}

void OutputFiles::stage_text(const std::string& name, const std::string& text) {
  const fs::path tmp = stage(name);
  std::ofstream out(tmp, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw DataError(tmp.string() + ": cannot write (disk full?)");
}

void OutputFiles::commit() {
  // Renames are atomic one by one, not together: refuse before the first one whatever would
  // make a later one fail, so a previous result is never left half replaced.
  for (const auto& [tmp, final_path] : staged_) {
    std::error_code ec;
    if (fs::is_directory(final_path, ec))
      throw DataError(final_path.string() + ": cannot write the result: a folder of that name is in the way");
  }
  for (const auto& [tmp, final_path] : staged_) {
    std::error_code ec;
    fs::rename(tmp, final_path, ec);
    if (ec) throw DataError(final_path.string() + ": cannot rename result into place: " + ec.message());
  }
  staged_.clear();
}

}  // namespace zspace
