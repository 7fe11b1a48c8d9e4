#include "fft_geometry.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "fft_buffer.hpp"

namespace zspace::fft_correlation {

namespace {

// FFTW's planner (plan creation and destruction) is not thread-safe, whichever metric object
// calls it, so one lock serves the whole library. Executing plans needs no lock.
std::mutex& planner_mutex() {
  static std::mutex m;
  return m;
}

// FFTW_ESTIMATE: planning takes milliseconds and gives the same plan in every run. Timed
// planning (FFTW_MEASURE) makes the per-pair transform about 20% faster at 768^2 but costs
// about 0.8 s per section size, which only pays off beyond a few thousand pairs per thread.
constexpr unsigned kPlanning = FFTW_ESTIMATE;

// sin^2(pi (i + 0.5) / n): the Hann window sampled at pixel centres, so no pixel gets weight 0
// and a one-pixel axis keeps weight 1.
std::vector<double> hann(int n) {
  std::vector<double> w(static_cast<std::size_t>(n));
  const double pi = std::acos(-1.0);
  for (int i = 0; i < n; ++i) {
    const double s = std::sin(pi * (i + 0.5) / n);
    w[static_cast<std::size_t>(i)] = s * s;
  }
  return w;
}

void destroy(fftwf_plan p) {
  if (p != nullptr) fftwf_destroy_plan(p);
}

}  // namespace

int fft_friendly_size(int n) {
  for (int m = std::max(n, 1);; ++m) {
    int r = m;
    for (int p : {2, 3, 5})
      while (r % p == 0) r /= p;
    if (r == 1) return m;
  }
}

Geometry::Geometry(int w, int h, int max_shift, Window window) : width(w), height(h) {
  reach_x = std::min(max_shift, width - 1);
  reach_y = std::min(max_shift, height - 1);
  padded_width = fft_friendly_size(width + reach_x);
  padded_height = fft_friendly_size(height + reach_y);
  if (window == Window::hann) {
    window_x = hann(width);
    window_y = hann(height);
  }
  if (!searches()) return;
  FloatBuffer real = allocate_floats(real_size());
  FloatBuffer spectrum = allocate_floats(spectrum_size());
  FloatBuffer staging = allocate_floats(2 * spectrum_row() * window_rows());
  FloatBuffer rows = allocate_floats(window_rows() * static_cast<std::size_t>(padded_width));
  auto* cplx = reinterpret_cast<fftwf_complex*>(spectrum.get());
  auto* staged = reinterpret_cast<fftwf_complex*>(staging.get());
  const int row = static_cast<int>(spectrum_row()), nrows = static_cast<int>(window_rows());
  std::lock_guard<std::mutex> lock(planner_mutex());
  // Spectra are stored column-major (kx-major, columns of padded_height values), so the
  // per-pair inverse along y runs over contiguous memory.
  const fftwf_iodim dims[2] = {{padded_height, padded_width, 1}, {padded_width, 1, padded_height}};
  forward_ = fftwf_plan_guru_dft_r2c(2, dims, 0, nullptr, real.get(), cplx, kPlanning);
  // The inverse in two passes: along y for every column of the half spectrum (in place), then
  // along x only for the rows of the searched shifts; about half the work of a full inverse.
  columns_ = fftwf_plan_many_dft(1, &padded_height, row, cplx, nullptr, 1, padded_height, cplx, nullptr, 1,
                                 padded_height, FFTW_BACKWARD, kPlanning);
  rows_ = fftwf_plan_many_dft_c2r(1, &padded_width, nrows, staged, nullptr, 1, row, rows.get(), nullptr, 1,
                                  padded_width, kPlanning);
  if (forward_ == nullptr || columns_ == nullptr || rows_ == nullptr) {
    for (fftwf_plan p : {forward_, columns_, rows_}) destroy(p);
    throw std::runtime_error("fft-correlation: FFTW cannot plan a " + std::to_string(padded_width) + "x" +
                             std::to_string(padded_height) + " transform");
  }
}

Geometry::~Geometry() {
  if (!searches()) return;
  std::lock_guard<std::mutex> lock(planner_mutex());
  for (fftwf_plan p : {forward_, columns_, rows_}) destroy(p);
}

void Geometry::forward(float* real, float* spectrum) const {
  fftwf_execute_dft_r2c(forward_, real, reinterpret_cast<fftwf_complex*>(spectrum));
}

void Geometry::inverse_window(float* spectrum, float* staging, float* rows) const {
  auto* cplx = reinterpret_cast<fftwf_complex*>(spectrum);
  fftwf_execute_dft(columns_, cplx, cplx);
  const std::size_t row = spectrum_row(), column = static_cast<std::size_t>(padded_height);
  for (int i = 0; i < static_cast<int>(window_rows()); ++i) {
    const auto y = static_cast<std::size_t>((i - reach_y + padded_height) % padded_height);
    const fftwf_complex* from = cplx + y;
    auto* to = reinterpret_cast<fftwf_complex*>(staging) + static_cast<std::size_t>(i) * row;
    for (std::size_t kx = 0; kx < row; ++kx) {
      to[kx][0] = from[kx * column][0];
      to[kx][1] = from[kx * column][1];
    }
  }
  fftwf_execute_dft_c2r(rows_, reinterpret_cast<fftwf_complex*>(staging), rows);
}

std::shared_ptr<const Geometry> GeometryCache::get(int width, int height) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = cache_[{width, height}];
  if (!slot) slot = std::make_shared<const Geometry>(width, height, max_shift_, window_);
  return slot;
}

}  // namespace zspace::fft_correlation
