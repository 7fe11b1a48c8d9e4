#include "simulate/fft.hpp"

#include <numbers>

namespace zspace::sim {

InverseFft::InverseFft(std::size_t n) : n_(n), reversed_(n), twiddles_(n / 2), work_(n) {
  std::size_t bits = 0;
  while ((std::size_t{1} << bits) < n) ++bits;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t r = 0;
    for (std::size_t b = 0; b < bits; ++b)
      if (i & (std::size_t{1} << b)) r |= std::size_t{1} << (bits - 1 - b);
    reversed_[i] = r;
  }
  for (std::size_t k = 0; k < n / 2; ++k)
    twiddles_[k] = std::polar(1.0, 2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n));
}

void InverseFft::apply(std::complex<double>* data, std::size_t stride) const {
  // Gather in bit-reversed order, then the butterflies work on contiguous memory.
  for (std::size_t i = 0; i < n_; ++i) work_[reversed_[i]] = data[i * stride];
  for (std::size_t half = 1; half < n_; half *= 2) {
    const std::size_t step = n_ / (2 * half);
    for (std::size_t start = 0; start < n_; start += 2 * half) {
      for (std::size_t k = 0; k < half; ++k) {
        const std::complex<double> t = twiddles_[k * step] * work_[start + k + half];
        work_[start + k + half] = work_[start + k] - t;
        work_[start + k] += t;
      }
    }
  }
  for (std::size_t i = 0; i < n_; ++i) data[i * stride] = work_[i];
}

void inverse_fft_2d(std::vector<std::complex<double>>& data, const InverseFft& rows, const InverseFft& columns) {
  const std::size_t width = rows.size(), height = columns.size();
  for (std::size_t y = 0; y < height; ++y) rows.apply(data.data() + y * width);
  for (std::size_t x = 0; x < width; ++x) columns.apply(data.data() + x, width);
}

}  // namespace zspace::sim
