#include "zspace/engine/band_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/image_io.hpp"

namespace zspace {

namespace {

// The largest band kept in memory from a square matrix: beyond this an N x N image is not a
// plausible similarity matrix of a section series.
constexpr std::size_t kMaxSquare = 20000;

bool is_one(float v, float diag) { return std::isfinite(v) && std::abs(v - diag) <= 1e-6f * std::abs(diag); }

// Every row's middle entry equals the largest value (the strip layout's diagonal).
bool diagonal_in_column(const FloatImage& m) {
  const std::size_t w = static_cast<std::size_t>(m.width), mid = w / 2;
  const float diag = m.pixels[mid];
  for (std::size_t i = 0; i < static_cast<std::size_t>(m.height); ++i)
    if (!is_one(m.pixels[i * w + mid], diag)) return false;
  return std::isfinite(diag);
}

// Every (i, i) equals the first one (the square layout's diagonal).
bool diagonal_on_main(const FloatImage& m) {
  const std::size_t w = static_cast<std::size_t>(m.width);
  const float diag = m.pixels[0];
  for (std::size_t i = 0; i < w && i < static_cast<std::size_t>(m.height); ++i)
    if (!is_one(m.pixels[i * w + i], diag)) return false;
  return std::isfinite(diag);
}

}  // namespace

BandMatrix read_band(const std::filesystem::path& path) {
  const FloatImage image = read_float_tiff(path);
  const std::size_t w = static_cast<std::size_t>(image.width), h = static_cast<std::size_t>(image.height);
  const std::string where = path.string() + ": ";
  if (w == 0 || h == 0) throw DataError(where + "empty similarity matrix");
  // N x N with N = 2R+1 fits both layouts: the strip's diagonal is its middle column, the
  // matrix's diagonal is the main one.
  const bool square = w == h && !(w % 2 == 1 && diagonal_in_column(image) && !diagonal_on_main(image));
  if (!square && w % 2 == 0)
    throw DataError(where + "similarity matrix of " + std::to_string(w) + " x " + std::to_string(h) +
                    " is neither square (N x N) nor a strip of odd width 2R+1 and height N");
  if (square && w > kMaxSquare)
    throw DataError(where + "square similarity matrix of " + std::to_string(w) + " sections is too large; save it as a strip");
  const std::size_t n = h;
  const std::size_t r = square ? (n > 0 ? n - 1 : 0) : std::min((w - 1) / 2, n > 0 ? n - 1 : 0);
  const std::size_t half = square ? 0 : (w - 1) / 2;

  double max_value = -std::numeric_limits<double>::infinity();
  for (float v : image.pixels)
    if (std::isfinite(v)) max_value = std::max(max_value, static_cast<double>(v));
  const double scale = max_value > 1.0 ? 1.0 / max_value : 1.0;

  BandMatrix band(n, r);
  std::vector<bool> seen(n * (r + 1), false);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t x = 0; x < w; ++x) {
      const float v = image.pixels[i * w + x];
      if (!std::isfinite(v)) continue;
      long j = square ? static_cast<long>(x) : static_cast<long>(i) + static_cast<long>(x) - static_cast<long>(half);
      if (j < 0 || j >= static_cast<long>(n) || static_cast<std::size_t>(j) == i) continue;
      const std::size_t a = std::min<std::size_t>(i, static_cast<std::size_t>(j));
      const std::size_t b = std::max<std::size_t>(i, static_cast<std::size_t>(j));
      if (b - a > r) continue;
      const std::size_t slot = a * (r + 1) + (b - a);
      if (seen[slot]) continue;
      seen[slot] = true;
      band.set(a, b, v * scale);
    }
  }
  return band;
}

}  // namespace zspace
