#pragma once
// A stack stored as a 3-D HDF5 dataset (z, y, x): z-slice k is section k.

#include <memory>

#include "io/hdf5_path.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace::io {

/// Opens the dataset and checks its shape and type without reading pixels. Pixel types:
/// unsigned 8- and 16-bit keep their depth; signed 8/16/32-bit, unsigned 32-bit, float32 and
/// float64 are read as float (values above 2^24 and float64 lose precision). Chunked and
/// contiguous layouts both work; a chunked dataset gets a chunk cache that holds one z-layer of
/// chunks (up to 512 MiB), so reading section after section decodes each chunk once.
/// Throws DataError "<file>: ..." or "<file>:<dataset>: ..." (missing file, not HDF5, no such
/// dataset, not 3-D, empty, unsupported type). An empty dataset name gives an error that lists
/// the file's datasets.
std::unique_ptr<StackReader> open_hdf5_stack(const Hdf5Location& location);

}  // namespace zspace::io
