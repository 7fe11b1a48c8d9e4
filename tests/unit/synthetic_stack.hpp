#pragma once
// A smooth, isotropic random 3-D texture (a sum of random plane waves) sampled at chosen depths:
// sections with known z for accuracy tests.

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "zspace/section.hpp"

namespace zspace::test {

class WaveTexture {
 public:
  /// waves: number of plane waves; frequencies (cycles per pixel) uniform in [fmin, fmax],
  /// directions uniform on the sphere, so the texture is statistically isotropic.
  WaveTexture(int width, int height, int waves, double fmin, double fmax, unsigned seed)
      : width_(width), height_(height) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    const std::size_t n = static_cast<std::size_t>(width) * height;
    for (int k = 0; k < waves; ++k) {
      const double f = fmin + (fmax - fmin) * uni(rng);
      const double cz = 2 * uni(rng) - 1, phi = 2 * std::numbers::pi * uni(rng);
      const double s = std::sqrt(1 - cz * cz);
      const double kx = 2 * std::numbers::pi * f * s * std::cos(phi);
      const double ky = 2 * std::numbers::pi * f * s * std::sin(phi);
      kz_.push_back(2 * std::numbers::pi * f * cz);
      phase_.push_back(2 * std::numbers::pi * uni(rng));
      std::vector<float> c(n), sn(n);
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
          const double a = kx * x + ky * y;
          c[static_cast<std::size_t>(y) * width + x] = static_cast<float>(std::cos(a));
          sn[static_cast<std::size_t>(y) * width + x] = static_cast<float>(std::sin(a));
        }
      cos_.push_back(std::move(c));
      sin_.push_back(std::move(sn));
    }
  }

  /// The texture at depth z (pixels), values around 100 with a spread of about 20.
  Section slice(double z) const {
    Section s;
    s.width = width_;
    s.height = height_;
    s.pixels.assign(static_cast<std::size_t>(width_) * height_, 0.0f);
    const double scale = 20.0 * std::sqrt(2.0 / static_cast<double>(kz_.size()));
    for (std::size_t k = 0; k < kz_.size(); ++k) {
      const double b = kz_[k] * z + phase_[k];
      const float cb = static_cast<float>(scale * std::cos(b)), sb = static_cast<float>(scale * std::sin(b));
      const auto& c = cos_[k];
      const auto& sn = sin_[k];
      for (std::size_t i = 0; i < s.pixels.size(); ++i) s.pixels[i] += c[i] * cb - sn[i] * sb;
    }
    for (auto& p : s.pixels) p += 100.0f;
    return s;
  }

 private:
  int width_, height_;
  std::vector<double> kz_, phase_;
  std::vector<std::vector<float>> cos_, sin_;
};

/// Residual RMS of truth ≈ a·z + b (least squares), in units of the mean true spacing.
inline double affine_rms(const std::vector<double>& z, const std::vector<double>& truth) {
  const double n = static_cast<double>(z.size());
  double sz = 0, st = 0, szz = 0, szt = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    sz += z[i];
    st += truth[i];
    szz += z[i] * z[i];
    szt += z[i] * truth[i];
  }
  const double a = (n * szt - sz * st) / (n * szz - sz * sz);
  const double b = (st - a * sz) / n;
  double ss = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double r = a * z[i] + b - truth[i];
    ss += r * r;
  }
  const double spacing = (truth.back() - truth.front()) / (n - 1);
  return std::sqrt(ss / n) / spacing;
}

}  // namespace zspace::test
