#pragma once
// Where corrected slices go, one after the other: a multi-page TIFF or an HDF5 dataset.

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "zspace/section.hpp"

namespace zspace::corrected {

/// What every slice of the corrected stack shares.
struct StackShape {
  int width = 0;
  int height = 0;
  std::size_t slices = 0;                          ///< M
  PixelDepth depth = PixelDepth::float32;          ///< pixel type of every slice
  double spacing = 1.0;                            ///< slice spacing in nominal section spacings
  std::optional<std::array<double, 3>> voxel_size; ///< input [x, y, z] in nm, if known
};

class SliceSink {
 public:
  virtual ~SliceSink() = default;
  /// Appends the next slice (shape.width x shape.height at shape.depth). Throws DataError.
  virtual void write(const Section& slice) = 0;
  /// Flushes and closes after the last slice. Throws DataError.
  virtual void finish() = 0;
};

/// ImageJ's description of the stack (first page's ImageDescription): images/slices = M and,
/// with a voxel size, unit=nm and the slice spacing in nm.
std::string imagej_description(const StackShape& shape);

/// Multi-page TIFF laid out as ImageJ writes stacks: the pixels of all pages back to back
/// (ImageJ and tifffile read an ImageJ stack as one block from the first page's offset), one
/// strip per page, uncompressed, little-endian, the directories after the data. With a voxel
/// size, X/Y resolution in pixels per nm. BigTIFF when classic 32-bit offsets do not reach the
/// end of the file. Throws DataError naming the file.
std::unique_ptr<SliceSink> make_tiff_sink(const std::filesystem::path& path, const StackShape& shape);

/// HDF5 dataset (z, y, x) of the slices' type, one z-slice per chunk; with a voxel size the
/// attribute element_size_um = [z, y, x] in µm (the convention of Fiji's HDF5 reader).
/// Throws DataError.
std::unique_ptr<SliceSink> make_hdf5_sink(const std::filesystem::path& path, const std::string& dataset,
                                          const StackShape& shape);

}  // namespace zspace::corrected
