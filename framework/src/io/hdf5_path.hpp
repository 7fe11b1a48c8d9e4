#pragma once
// The "file.h5:/dataset" syntax of HDF5 stack paths.

#include <filesystem>
#include <optional>
#include <string>

namespace zspace::io {

struct Hdf5Location {
  std::filesystem::path file;  ///< the HDF5 file
  std::string dataset;         ///< absolute dataset path inside it ("/volume/raw")
};

/// True for the names HDF5 files go by: .h5, .hdf5, .hdf (any case).
bool has_hdf5_extension(const std::filesystem::path& path);

/// Splits "file.h5:/group/data" at the first ":/" whose left part is an HDF5 file name (see
/// has_hdf5_extension). Anything else, plain paths with a colon included, gives nullopt.
std::optional<Hdf5Location> split_hdf5_path(const std::string& path);

}  // namespace zspace::io
