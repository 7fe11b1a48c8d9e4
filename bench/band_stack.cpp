#include "band_stack.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include <tbb/parallel_for.h>

namespace zspace::bench {

namespace {

const char* depth_name(PixelDepth d) {
  switch (d) {
    case PixelDepth::uint8: return "8-bit";
    case PixelDepth::uint16: return "16-bit";
    default: return "32-bit float";
  }
}

std::string describe(const BandStack& s, const std::string& origin) {
  if (s.sections.empty()) return origin + ": empty";
  const Section& f = s.sections.front();
  return origin + ": " + std::to_string(s.sections.size()) + " sections of " + std::to_string(f.width) + "x" +
         std::to_string(f.height) + ", " + depth_name(f.depth) + ", " +
         std::to_string(s.bytes() / (1024 * 1024)) + " MiB";
}

// Three passes of a running box filter along rows, then along columns: close to a Gaussian of
// sigma about radius, in time independent of the radius.
void smooth(std::vector<float>& image, int size, int radius) {
  std::vector<float> line(static_cast<std::size_t>(size)), out(line.size());
  const auto blur_line = [&] {
    for (int pass = 0; pass < 3; ++pass) {
      double sum = 0;
      for (int i = -radius; i <= radius; ++i) sum += line[static_cast<std::size_t>(std::clamp(i, 0, size - 1))];
      for (int i = 0; i < size; ++i) {
        out[static_cast<std::size_t>(i)] = static_cast<float>(sum / (2 * radius + 1));
        sum += line[static_cast<std::size_t>(std::min(i + radius + 1, size - 1))];
        sum -= line[static_cast<std::size_t>(std::max(i - radius, 0))];
      }
      line.swap(out);
    }
  };
  const auto s = static_cast<std::size_t>(size);
  for (std::size_t y = 0; y < s; ++y) {
    std::copy_n(image.begin() + static_cast<std::ptrdiff_t>(y * s), s, line.begin());
    blur_line();
    std::copy_n(line.begin(), s, image.begin() + static_cast<std::ptrdiff_t>(y * s));
  }
  for (std::size_t x = 0; x < s; ++x) {
    for (std::size_t y = 0; y < s; ++y) line[y] = image[y * s + x];
    blur_line();
    for (std::size_t y = 0; y < s; ++y) image[y * s + x] = line[y];
  }
}

}  // namespace

const void* pixel_data(const Section& section) {
  switch (section.depth) {
    case PixelDepth::uint8: return section.pixels8.data();
    case PixelDepth::uint16: return section.pixels16.data();
    default: return section.pixels.data();
  }
}

std::size_t pixel_bytes(const Section& section) {
  switch (section.depth) {
    case PixelDepth::uint8: return section.size();
    case PixelDepth::uint16: return section.size() * 2;
    default: return section.size() * 4;
  }
}

std::size_t BandStack::bytes() const {
  std::size_t total = 0;
  for (const auto& s : sections) total += pixel_bytes(s);
  return total;
}

BandStack load_stack(const std::filesystem::path& path) {
  const auto reader = open_stack(path);
  BandStack stack;
  stack.sections.resize(reader->size());
  for (std::size_t i = 0; i < reader->size(); ++i) stack.sections[i] = reader->read(i);
  stack.description = describe(stack, path.string());
  return stack;
}

BandStack synthetic_stack(std::size_t n, int size, unsigned seed) {
  constexpr int kTextures = 6;
  const std::size_t pixels = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss(0.0f, 1.0f);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::vector<std::vector<float>> textures(kTextures, std::vector<float>(pixels));
  std::vector<double> frequency(kTextures), phase(kTextures);
  for (int k = 0; k < kTextures; ++k) {
    auto& t = textures[static_cast<std::size_t>(k)];
    for (auto& v : t) v = gauss(rng);
    smooth(t, size, 2 + k);
    double ss = 0;
    for (float v : t) ss += static_cast<double>(v) * v;
    const auto scale = static_cast<float>(1.0 / std::sqrt(ss / static_cast<double>(pixels)));
    for (auto& v : t) v *= scale;  // unit variance
    frequency[static_cast<std::size_t>(k)] = 0.01 + 0.05 * uni(rng);  // cycles per section
    phase[static_cast<std::size_t>(k)] = 2 * std::numbers::pi * uni(rng);
  }
  BandStack stack;
  stack.sections.resize(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    float w[kTextures];
    for (std::size_t k = 0; k < kTextures; ++k) {
      const double angle = 2 * std::numbers::pi * frequency[k] * static_cast<double>(i) + phase[k];
      w[k] = static_cast<float>(22.0 * std::cos(angle));
    }
    Section& s = stack.sections[i];
    s.index = i;
    s.width = s.height = size;
    s.depth = PixelDepth::uint8;
    s.pixels8.resize(pixels);
    std::uint32_t noise = (static_cast<std::uint32_t>(i) * 2654435761u + seed) | 1u;  // xorshift32, never 0
    for (std::size_t p = 0; p < pixels; ++p) {
      float v = 128.0f;
      for (std::size_t k = 0; k < kTextures; ++k) v += w[k] * textures[k][p];
      noise ^= noise << 13;
      noise ^= noise >> 17;
      noise ^= noise << 5;
      v += static_cast<float>(noise & 15u) - 7.5f;
      s.pixels8[p] = static_cast<std::uint8_t>(std::clamp(v, 0.0f, 255.0f));
    }
  });
  stack.description = describe(stack, "synthetic (seed " + std::to_string(seed) + ")");
  return stack;
}

}  // namespace zspace::bench
