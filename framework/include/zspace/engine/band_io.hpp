#pragma once
/// @file band_io.hpp
/// Reading a saved similarity band (the similarity.tif zspace writes, or Fiji's matrix image).

#include <filesystem>

#include "zspace/band_matrix.hpp"

namespace zspace {

/// Reads a similarity matrix image (float TIFF, first page):
/// - a strip of width 2R+1 and height N (width != height): row i holds the similarities of
///   section i with i-R .. i+R, NaN outside the stack; this is zspace's similarity.tif and
///   Fiji's strip layout;
/// - a square N x N matrix: read as a band with R = N-1.
/// As Fiji does, values are divided by the maximum when it exceeds 1. A pair given twice
/// (both triangles, or both strip rows) uses the first finite value in row order.
/// Throws DataError naming the file for unreadable files or any other shape.
BandMatrix read_band(const std::filesystem::path& path);

}  // namespace zspace
