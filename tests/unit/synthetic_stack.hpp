#pragma once
// A smooth random 3-D texture (a sum of random plane waves) sampled at chosen depths: sections
// with known z for accuracy tests.

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "affine_fit.hpp"
#include "zspace/section.hpp"

namespace zspace::test {

struct WaveTextureOptions {
  int width = 64;
  int height = 64;
  int waves = 300;
  /// In-plane frequencies (cycles per pixel) are log-uniform in [fmin, fmax], so similarity
  /// falls off almost linearly near zero distance, as in EM (membranes are sharp).
  double fmin = 0.05;
  double fmax = 0.4;
  /// Texture units per unit of z: below 1 the texture varies more slowly along z than
  /// in-plane, so that similarity still decreases over the whole neighbourhood range.
  double z_scale = 1.0;
  unsigned seed = 1;
};

class WaveTexture {
 public:
  explicit WaveTexture(const WaveTextureOptions& o) : o_(o) {
    std::mt19937 rng(o.seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    for (int k = 0; k < o.waves; ++k) {
      const double f = o.fmin * std::pow(o.fmax / o.fmin, uni(rng));
      const double cz = 2 * uni(rng) - 1, phi = 2 * std::numbers::pi * uni(rng);
      const double s = std::sqrt(1 - cz * cz);
      kx_.push_back(2 * std::numbers::pi * f * s * std::cos(phi));
      ky_.push_back(2 * std::numbers::pi * f * s * std::sin(phi));
      kz_.push_back(2 * std::numbers::pi * f * cz * o.z_scale);
      phase_.push_back(2 * std::numbers::pi * uni(rng));
    }
  }

  /// Sections at depths z (in z units), values around 100 with a spread of about 20.
  /// Each wave's in-plane pattern is computed once and added to every section, which keeps
  /// the cost at one multiply-add per pixel, wave and section.
  std::vector<Section> slices(const std::vector<double>& z) const {
    const std::size_t w = static_cast<std::size_t>(o_.width), h = static_cast<std::size_t>(o_.height);
    std::vector<Section> out(z.size());
    for (auto& s : out) {
      s.width = o_.width;
      s.height = o_.height;
      s.pixels.assign(w * h, 100.0f);
    }
    const double amplitude = 20.0 * std::sqrt(2.0 / static_cast<double>(kz_.size()));
    std::vector<float> c(w * h), sn(w * h), cx(w), sx(w);
    for (std::size_t k = 0; k < kz_.size(); ++k) {
      for (std::size_t x = 0; x < w; ++x) {
        cx[x] = static_cast<float>(std::cos(kx_[k] * static_cast<double>(x)));
        sx[x] = static_cast<float>(std::sin(kx_[k] * static_cast<double>(x)));
      }
      for (std::size_t y = 0; y < h; ++y) {
        const float cy = static_cast<float>(std::cos(ky_[k] * static_cast<double>(y)));
        const float sy = static_cast<float>(std::sin(ky_[k] * static_cast<double>(y)));
        for (std::size_t x = 0; x < w; ++x) {
          c[y * w + x] = cx[x] * cy - sx[x] * sy;
          sn[y * w + x] = sx[x] * cy + cx[x] * sy;
        }
      }
      for (std::size_t i = 0; i < z.size(); ++i) {
        const double b = kz_[k] * z[i] + phase_[k];
        const float cb = static_cast<float>(amplitude * std::cos(b));
        const float sb = static_cast<float>(amplitude * std::sin(b));
        float* p = out[i].pixels.data();
        for (std::size_t j = 0; j < w * h; ++j) p[j] += c[j] * cb - sn[j] * sb;
      }
    }
    return out;
  }

 private:
  WaveTextureOptions o_;
  std::vector<double> kx_, ky_, kz_, phase_;
};

}  // namespace zspace::test
