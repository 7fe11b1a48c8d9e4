#include "simulate/staged_folder.hpp"

#include <system_error>
#include <unistd.h>

#include "zspace/engine/errors.hpp"

namespace zspace::sim {

namespace fs = std::filesystem;

namespace {

// ".name<tag><pid>" beside `path`: hidden, and distinct for concurrent processes.
std::string hidden_name(const fs::path& path, const char* tag) {
  std::string name = ".";  // appended piecewise: GCC 12 warns (-Wrestrict) on "." + std::string
  name += path.filename().string();
  name += tag;
  name += std::to_string(::getpid());
  return name;
}

}  // namespace

StagedFolder::StagedFolder(const fs::path& destination, const char* marker, bool overwrite) {
  destination_ = fs::absolute(destination).lexically_normal();
  if (!destination_.has_filename()) destination_ = destination_.parent_path();  // "out/" is "out"
  const std::string what = destination.string();
  std::error_code ec;
  if (fs::exists(destination_, ec)) {
    if (!fs::is_directory(destination_, ec)) throw ConfigError(what + ": exists and is not a folder");
    if (!fs::is_empty(destination_, ec)) {
      if (!fs::exists(destination_ / marker, ec))
        throw ConfigError(what + ": folder is not empty and holds no earlier simulation; choose another output");
      if (!overwrite)
        throw ConfigError(what + ": holds an earlier simulation; use --overwrite to replace it");
    }
  }
  const fs::path parent = destination_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw ConfigError(parent.string() + ": cannot create folder: " + ec.message());
  temporary_ = parent / hidden_name(destination_, ".tmp.");
  fs::remove_all(temporary_, ec);  // left by an earlier process of the same id that was killed
  fs::create_directory(temporary_, ec);
  if (ec) throw ConfigError(what + ": cannot create a folder beside it: " + ec.message());
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temporary_, ec);
}

void StagedFolder::commit() {
  std::error_code ec;
  const std::string what = destination_.string();
  if (fs::exists(destination_, ec)) {
    // Out of the way first, removed only once the new folder is in place.
    const fs::path old = temporary_.parent_path() / hidden_name(destination_, ".old.");
    fs::rename(destination_, old, ec);
    if (ec) throw DataError(what + ": cannot move the earlier simulation aside: " + ec.message());
    fs::rename(temporary_, destination_, ec);
    if (ec) {
      std::error_code restore;
      fs::rename(old, destination_, restore);
      throw DataError(what + ": cannot rename the new stack into place: " + ec.message());
    }
    fs::remove_all(old, ec);
  } else {
    fs::rename(temporary_, destination_, ec);
    if (ec) throw DataError(what + ": cannot rename the new stack into place: " + ec.message());
  }
  committed_ = true;
}

}  // namespace zspace::sim
