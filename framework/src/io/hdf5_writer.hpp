#pragma once
// Writing one n-D dataset into a new HDF5 file, block by block (the corrected stack streams
// in one z-slice at a time). The interface carries no HDF5 types.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace zspace::io {

/// Element types of a written dataset; stored little-endian, passed in host order.
enum class Hdf5Type { uint8, uint16, uint32, uint64, int8, int16, int32, int64, float32, float64 };

class Hdf5DatasetWriter {
 public:
  /// Creates (or truncates) `file` holding `dataset` (an absolute path; missing groups are
  /// created) of extent `dims`, chunked by `chunk` (same rank) or contiguous if `chunk` is
  /// empty. Throws DataError naming the file.
  Hdf5DatasetWriter(const std::filesystem::path& file, const std::string& dataset, Hdf5Type type,
                    const std::vector<std::uint64_t>& dims, const std::vector<std::uint64_t>& chunk = {});
  /// Closes without reporting errors (an unfinished file is the caller's to remove).
  ~Hdf5DatasetWriter();
  Hdf5DatasetWriter(const Hdf5DatasetWriter&) = delete;
  Hdf5DatasetWriter& operator=(const Hdf5DatasetWriter&) = delete;

  /// Writes the block at `offset` of extent `count` (both of the dataset's rank) from `data`:
  /// count[0]*...*count[n-1] elements of the dataset's type, row-major. Throws DataError.
  void write(const std::vector<std::uint64_t>& offset, const std::vector<std::uint64_t>& count, const void* data);
  /// Attaches a 1-D float64 attribute to the dataset. Throws DataError.
  void set_attribute(const std::string& name, const std::vector<double>& values);
  /// Flushes and closes the file. Throws DataError if HDF5 cannot finish it.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zspace::io
