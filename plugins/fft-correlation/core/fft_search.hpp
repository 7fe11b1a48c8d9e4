#pragma once
// The best shift of a section pair: the FFT gives every shift's correlation approximately, in
// single precision, with an error bound; the shifts whose bound could still beat the best exact
// value found so far are then evaluated exactly (fft_overlap.hpp), best first. The result is the
// exact maximum over the searched shifts, however close the runner-up.

#include <cstddef>
#include <vector>

#include "fft_buffer.hpp"
#include "fft_prepared.hpp"
#include "zspace/metric.hpp"

namespace zspace::fft_correlation {

/// Scratch arrays of one thread, reused across the pairs it compares.
class Workspace {
 public:
  /// Sizes the arrays for `g` (no-op when already sized for its transform).
  void fit(const Geometry& g);

  FloatBuffer product;         ///< spectrum product, destroyed by the inverse transform
  FloatBuffer staging;         ///< half-spectrum rows of the searched shifts
  FloatBuffer rows;            ///< inverse transform at the searched rows
  FloatBuffer real_input;      ///< padded input of a spectrum computed on the fly (lazy)
  FloatBuffer extra_spectrum;  ///< squares spectrum of a fully valid section (lazy)
  std::vector<double> ab, count, a, aa, b, bb;  ///< overlap sums per shift index

 private:
  int padded_width_ = 0;
  int padded_height_ = 0;
  int reach_y_ = -1;
};

/// The overlap sums of every searched shift as the search estimates them (single-precision
/// FFT), into ws.ab, count, a, aa, b, bb (indexed by Geometry::shift_index): sums over the pixels
/// x valid in `a` with x + d valid in `b` of a.b, 1, a, a^2, b, b^2 (weighted values). Both
/// sections must be usable and the geometry must search shifts.
void approximate_sums(const PreparedFft& a, const PreparedFft& b, Workspace& ws);

/// Bound on the error of one FFT sum above relative to the product of the two correlated
/// arrays' L2 norms (e.g. |a|_2 |b|_2 for the cross term, |a|_2 sqrt(valid(b)) for ws.a).
double fft_error_scale(const Geometry& g);

/// The exact overlap correlation of `a` and `b` maximised over the geometry's shifts; shifts
/// other than 0 whose common-pixel count is below min_overlap times the smaller valid count of
/// the two sections are skipped. Ties go to the smaller |shift|, then to the first shift in
/// row-major order. NaN (shift 0) when no shift has a defined correlation.
Comparison best_shift(const PreparedFft& a, const PreparedFft& b, double min_overlap, Workspace& ws);

}  // namespace zspace::fft_correlation
