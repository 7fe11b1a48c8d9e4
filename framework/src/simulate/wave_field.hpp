#pragma once
// The synthetic texture: a smooth random 3-D field sampled at any depth, rendered to 8-bit.

#include <complex>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "simulate/fft.hpp"
#include "zspace/engine/simulate.hpp"

namespace zspace::sim {

/// g(x, y, z) = sum_k A cos(2 pi (fx_k x + fy_k y + fz_k s z) + phase_k): plane waves with
/// directions uniform on the sphere and frequencies log-uniform in [kMinFrequency,
/// kMaxFrequency] cycles per pixel; s = pixels per nominal spacing. The in-plane frequencies
/// are rounded to the periods of the FFT grid, so a section costs one 2-D inverse FFT whatever
/// the number of waves; the field's spectrum along z stays continuous.
class WaveField {
 public:
  WaveField(const TextureSpec& spec, std::uint64_t seed);

  /// Intensities (before quantisation, float) of the section at depth z, EM-like: membranes
  /// (dark lines) where the field crosses zero, brighter and darker regions on either side.
  std::vector<float> render(double z) const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  struct Wave {
    std::size_t bin;  // index into the grid spectrum
    double kz;        // 2 pi fz s: phase advance per nominal spacing
    double phase;
  };
  int width_, height_;
  std::size_t grid_x_, grid_y_;
  InverseFft fft_x_, fft_y_;
  std::vector<Wave> waves_;
  double amplitude_;
};

}  // namespace zspace::sim
