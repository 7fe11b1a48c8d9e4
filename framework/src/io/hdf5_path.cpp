#include "io/hdf5_path.hpp"

#include <algorithm>
#include <cctype>

namespace zspace::io {

bool has_hdf5_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".h5" || ext == ".hdf5" || ext == ".hdf";
}

std::optional<Hdf5Location> split_hdf5_path(const std::string& path) {
  for (std::size_t at = path.find(":/"); at != std::string::npos; at = path.find(":/", at + 1)) {
    const std::filesystem::path file = path.substr(0, at);
    if (has_hdf5_extension(file)) return Hdf5Location{file, path.substr(at + 1)};
  }
  return std::nullopt;
}

}  // namespace zspace::io
