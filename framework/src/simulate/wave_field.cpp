#include "simulate/wave_field.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

#include "simulate/random.hpp"

namespace zspace::sim {
namespace {

// Enough waves that the field is close to Gaussian and no single wave shows.
constexpr int kWaves = 4000;
// Structures from about 3 to 25 pixels across: many per section, so that similarity varies
// little along the stack (the texture is statistically the same at every depth). Larger
// structures make the similarity of a few-hundred-pixel section depend on the few that it
// holds, which the solver reads as changes of thickness (0.2-1.0 spacings RMS error on uniform
// stacks for 7-100 pixels, against 0.08-0.19 here, over six seeds).
constexpr double kMinFrequency = 0.04;
constexpr double kMaxFrequency = 0.3;
// Finer grids than the section, so that the lowest frequencies are not coarsely rounded.
constexpr std::size_t kMinGrid = 256;
// Rendering, in grey values: mean level, spread of the regions, depth and half-width (in units
// of the field's standard deviation) of the membranes. About the mean and spread of the
// FIB-SEM sample stack.
constexpr double kBase = 150, kRegion = 30, kMembrane = 100, kMembraneWidth = 0.25;

std::size_t grid_size(int pixels) { return std::max(kMinGrid, std::bit_ceil(static_cast<std::size_t>(pixels))); }

}  // namespace

WaveField::WaveField(const TextureSpec& spec, std::uint64_t seed)
    : width_(spec.width),
      height_(spec.height),
      grid_x_(grid_size(spec.width)),
      grid_y_(grid_size(spec.height)),
      fft_x_(grid_x_),
      fft_y_(grid_y_),
      amplitude_(std::sqrt(2.0 / kWaves)) {  // unit variance
  Random rng(seed, Stream::texture);
  const double two_pi = 2 * std::numbers::pi;
  const auto wrap = [](double f, std::size_t n) {
    const auto cycles = static_cast<long long>(std::llround(f * static_cast<double>(n)));
    const auto size = static_cast<long long>(n);
    return static_cast<std::size_t>(((cycles % size) + size) % size);
  };
  for (int k = 0; k < kWaves; ++k) {
    const double f = kMinFrequency * std::pow(kMaxFrequency / kMinFrequency, rng.uniform());
    const double cos_z = rng.uniform(-1.0, 1.0);
    const double azimuth = two_pi * rng.uniform();
    const double phase = two_pi * rng.uniform();
    const double in_plane = f * std::sqrt(1 - cos_z * cos_z);
    const std::size_t u = wrap(in_plane * std::cos(azimuth), grid_x_);
    const std::size_t v = wrap(in_plane * std::sin(azimuth), grid_y_);
    waves_.push_back({v * grid_x_ + u, two_pi * f * cos_z * spec.spacing_px, phase});
  }
}

std::vector<float> WaveField::render(double z) const {
  std::vector<std::complex<double>> spectrum(grid_x_ * grid_y_);
  for (const Wave& w : waves_) spectrum[w.bin] += std::polar(amplitude_, w.kz * z + w.phase);
  inverse_fft_2d(spectrum, fft_x_, fft_y_);
  std::vector<float> pixels(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_));
  const double inv_width2 = 1.0 / (2 * kMembraneWidth * kMembraneWidth);
  for (std::size_t y = 0; y < static_cast<std::size_t>(height_); ++y) {
    for (std::size_t x = 0; x < static_cast<std::size_t>(width_); ++x) {
      const double g = spectrum[y * grid_x_ + x].real();
      pixels[y * static_cast<std::size_t>(width_) + x] =
          static_cast<float>(kBase + kRegion * g - kMembrane * std::exp(-g * g * inv_width2));
    }
  }
  return pixels;
}

}  // namespace zspace::sim
