#pragma once
// A small radix-2 FFT for synthesising the texture: one inverse 2-D transform per section
// turns the texture's spectrum at that depth into pixels.

#include <complex>
#include <cstddef>
#include <vector>

namespace zspace::sim {

/// In-place transform with the positive exponent, unnormalised:
/// out[k] = sum_j in[j] * exp(+2 pi i j k / n), n a power of two.
class InverseFft {
 public:
  explicit InverseFft(std::size_t n);
  std::size_t size() const { return n_; }
  /// Transforms n values spaced `stride` apart starting at `data`.
  void apply(std::complex<double>* data, std::size_t stride = 1) const;

 private:
  std::size_t n_;
  std::vector<std::size_t> reversed_;           // bit-reversal permutation
  std::vector<std::complex<double>> twiddles_;  // exp(+2 pi i k / n), k < n/2
  mutable std::vector<std::complex<double>> work_;
};

/// The 2-D inverse transform of a row-major width x height array (both powers of two).
void inverse_fft_2d(std::vector<std::complex<double>>& data, const InverseFft& rows, const InverseFft& columns);

}  // namespace zspace::sim
