#pragma once
// The similarity band as images: "before" on the section index, "after" warped to the
// estimated z. Both use Fiji's strip layout turned sideways (a column per position along the
// stack, a row per offset), which stays readable for any number of sections, unlike an N x N
// matrix whose band shrinks to a thin diagonal.

#include <vector>

#include "zspace/band_matrix.hpp"

namespace zspace::report {

/// A value image with the data extent it covers. width == 0: nothing to show.
struct Grid {
  int width = 0;
  int height = 0;
  std::vector<float> values;  ///< row-major, top row first; NaN = missing
  double x_lo = 0, x_hi = 1;  ///< data x at the left edge of the first / right edge of the last column
  double y_lo = 0, y_hi = 1;  ///< data y at the bottom edge of the last / top edge of the first row
};

/// Column = section index (the mean of the sections a column covers when N > max_width),
/// row = offset j - i from +R at the top to -R at the bottom; NaN where the pair is missing or
/// outside the stack.
Grid band_strip(const BandMatrix& band, int max_width);

/// The band drawn at the estimated z: column = position along z (the mean of the sections whose
/// z falls in it, or the nearest section), row = distance from +R*s at the top to -R*s at the
/// bottom (s = mean spacing of z, `rows` rows), value = similarity of the column's section with
/// the sections whose z bracket its z plus that distance, interpolated linearly. With correct z
/// the similarity decays alike along every column. Sections with non-finite z are left out;
/// fewer than two left gives an empty grid.
Grid warped_strip(const BandMatrix& band, const std::vector<double>& z, int max_width, int rows);

}  // namespace zspace::report
