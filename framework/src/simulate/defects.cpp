#include "simulate/defects.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simulate/random.hpp"

namespace zspace::sim {
namespace {

bool listed(const std::vector<std::size_t>& sorted, std::size_t section) {
  return std::binary_search(sorted.begin(), sorted.end(), section);
}

struct Spread {
  double mean = 0, sd = 0;
};

Spread spread_of(const std::vector<float>& pixels) {
  double sum = 0, squares = 0, count = 0;
  for (float v : pixels) {
    if (std::isnan(v)) continue;
    sum += v;
    squares += static_cast<double>(v) * v;
    ++count;
  }
  if (count == 0) return {};
  const double mean = sum / count;
  return {mean, std::sqrt(std::max(0.0, squares / count - mean * mean))};
}

// Pixels shifted in from outside the section repeat the nearest edge pixel.
void shift(std::vector<float>& pixels, int width, int height, int dx, int dy) {
  const std::vector<float> source = pixels;
  for (int y = 0; y < height; ++y) {
    const int sy = std::clamp(y - dy, 0, height - 1);
    for (int x = 0; x < width; ++x) {
      const int sx = std::clamp(x - dx, 0, width - 1);
      pixels[static_cast<std::size_t>(y) * width + x] = source[static_cast<std::size_t>(sy) * width + sx];
    }
  }
}

}  // namespace

std::string SectionDefects::label() const {
  std::string text;
  for (const auto& [on, name] : {std::pair{noisy, "noisy"}, {low_contrast, "low-contrast"}, {shifted, "shifted"}})
    if (on) {
      if (!text.empty()) text += '+';
      text += name;
    }
  return text;
}

SectionDefects defects_of(const ResolvedSpec& r, std::size_t section) {
  SectionDefects d;
  d.noisy = listed(r.spec.noisy, section);
  d.low_contrast = listed(r.spec.low_contrast, section);
  d.shifted = listed(r.spec.shifted, section);
  if (d.shifted) {
    Random rng(r.spec.seed, Stream::shift, section);
    const double angle = 2 * std::numbers::pi * rng.uniform();
    d.shift_x = static_cast<int>(std::lround(r.spec.shift_px * std::cos(angle)));
    d.shift_y = static_cast<int>(std::lround(r.spec.shift_px * std::sin(angle)));
  }
  return d;
}

void apply_defects(std::vector<float>& pixels, int width, int height, const SectionDefects& d, const ResolvedSpec& r,
                   std::size_t section) {
  const Spread clean = spread_of(pixels);
  if (d.shifted) shift(pixels, width, height, d.shift_x, d.shift_y);
  if (d.low_contrast) {
    const double mean = spread_of(pixels).mean;
    for (float& v : pixels) v = static_cast<float>(mean + r.spec.contrast * (v - mean));
  }
  if (d.noisy) {
    Random rng(r.spec.seed, Stream::noise, section);
    const double sigma = r.spec.noise_level * clean.sd;
    for (float& v : pixels)
      if (!std::isnan(v)) v = static_cast<float>(v + sigma * rng.normal());
  }
}

}  // namespace zspace::sim
