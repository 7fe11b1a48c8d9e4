#pragma once
/// @file stack_reader.hpp
/// Reading a stack section by section, so the whole stack never has to be in memory.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "zspace/section.hpp"

namespace zspace {

/// A stack on disk. Opening checks every section's header (size, pixel type) without reading
/// pixels; read() then loads one section.
class StackReader {
 public:
  virtual ~StackReader() = default;
  virtual std::size_t size() const = 0;  ///< number of sections
  virtual int width() const = 0;         ///< common section width
  virtual int height() const = 0;        ///< common section height
  /// Name of section i for tables: the slice's file name, or "file.tif#page" for multi-page.
  virtual std::string name(std::size_t i) const = 0;
  /// Loads section i: 8/16-bit data at its own depth, anything else as float (NaN = invalid).
  /// Throws DataError naming the file on failure.
  virtual Section read(std::size_t i) const = 0;
  /// True when read() may be called from several threads at once.
  virtual bool concurrent_reads() const = 0;
};

/// Opens a folder of slices (PNG 8/16-bit, TIFF 8/16/32-bit; sorted naturally by name, so
/// 2.png comes before 10.png), a multi-page TIFF (classic or BigTIFF), or `file.h5:/dataset`,
/// a 3-D (z, y, x) HDF5 dataset (8/16-bit unsigned keep their depth, other integer and float
/// types become float). Throws DataError for
/// an empty folder, an unreadable file, unsupported pixel types or sections of different size;
/// the message names the file.
std::unique_ptr<StackReader> open_stack(const std::filesystem::path& path);

/// Natural ("human") order of file names: digit runs compare by value.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace zspace
