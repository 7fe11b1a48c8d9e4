#include "core/ncc.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace zspace::ncc {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
__extension__ typedef __int128 Int128;

// Exact sums hold n * 65535^2 in 64 bits only up to 2^32 pixels.
constexpr std::uint64_t kMaxIntegerPixels = std::uint64_t{1} << 32;

std::unique_ptr<PreparedNcc> prepare_float(std::vector<float> pixels) {
  auto p = std::make_unique<PreparedNcc>();
  p->values = std::move(pixels);
  p->size = p->values.size();
  double sum = 0;
  std::size_t valid = 0;
  for (float v : p->values) {
    if (!std::isnan(v)) {
      sum += v;
      ++valid;
    }
  }
  p->valid = valid;
  p->all_valid = valid == p->values.size();
  p->mean = valid ? sum / static_cast<double>(valid) : 0.0;
  double ss = 0;
  for (float v : p->values) {
    if (!std::isnan(v)) ss += (v - p->mean) * (v - p->mean);
  }
  p->centered_ss = ss;
  return p;
}

double correlate_float(const PreparedNcc& a, const PreparedNcc& b) {
  const std::size_t n = a.values.size();
  if (a.all_valid && b.all_valid) {
    const float* pa = a.values.data();
    double cross = 0;
    kernels::centered_dots_f32(b.values.data(), b.mean, &pa, &a.mean, 1, n, &cross, kernels::fastest_path());
    return cross / std::sqrt(a.centered_ss * b.centered_ss);
  }
  // Masked case: the means and variances must be those of the common pixels. Deviations from
  // each section's own mean keep the sums small, then the common-pixel means are removed.
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float va = a.values[i], vb = b.values[i];
    if (std::isnan(va) || std::isnan(vb)) continue;
    const double da = va - a.mean, db = vb - b.mean;
    sa += da;
    sb += db;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
    ++count;
  }
  if (count < 2) return kNaN;
  const double c = static_cast<double>(count);
  const double cov = sab - sa * sb / c;
  const double va = saa - sa * sa / c;
  const double vb = sbb - sb * sb / c;
  if (!(va > 0) || !(vb > 0)) return kNaN;
  return cov / std::sqrt(va * vb);
}

// What the stored integer values are shifted by (kernels.hpp).
std::int64_t offset(const PreparedNcc& p) { return p.depth == PixelDepth::uint16 ? 32768 : 0; }

// Pearson's r from exact sums over n pixels: sa, sb, sab in one consistent shift of the pixels,
// the scaled variances as prepared. Only the last steps round.
double pearson(std::size_t n, std::int64_t sa, std::int64_t sb, std::int64_t sab, const PreparedNcc& a,
               const PreparedNcc& b) {
  const Int128 cov = static_cast<Int128>(n) * sab - static_cast<Int128>(sa) * sb;
  return static_cast<double>(cov) / std::sqrt(a.scaled_variance * b.scaled_variance);
}

// Both integer sections of one depth: the kernel's exact dot product.
double correlate_same_depth(const PreparedNcc& a, const PreparedNcc& b) {
  std::int64_t dot = 0;
  const kernels::Path path = kernels::fastest_path();
  if (a.depth == PixelDepth::uint8) {
    const std::uint8_t* pa = a.pixels8.data();
    kernels::dots_u8(b.pixels8.data(), &pa, 1, a.size, &dot, path);
  } else {
    const std::int16_t* pa = a.shifted16.data();
    kernels::dots_s16(b.shifted16.data(), &pa, 1, a.size, &dot, path);
  }
  return pearson(a.size, a.sums.sum, b.sums.sum, dot, a, b);
}

// An 8-bit and a 16-bit section (not in one stack, but possible through the API): exact sums
// of the raw pixels in a plain loop.
double correlate_mixed_depth(const PreparedNcc& a, const PreparedNcc& b) {
  const PreparedNcc& p8 = a.depth == PixelDepth::uint8 ? a : b;
  const PreparedNcc& p16 = a.depth == PixelDepth::uint8 ? b : a;
  std::int64_t cross = 0;  // sum of p8 * shifted p16: |.| <= 2^32 * 255 * 32768
  for (std::size_t i = 0; i < p8.size; ++i) cross += static_cast<std::int32_t>(p8.pixels8[i]) * p16.shifted16[i];
  const std::int64_t n = static_cast<std::int64_t>(p8.size);
  const std::int64_t sum8 = p8.sums.sum, sum16 = p16.sums.sum + offset(p16) * n;
  return pearson(p8.size, sum8, sum16, cross + offset(p16) * sum8, p8, p16);
}

// An integer section as a float one, for pairs with a float section (correctness over speed:
// a stack has one depth, so this is rare).
std::unique_ptr<PreparedNcc> as_float(const PreparedNcc& p) {
  std::vector<float> values(p.size);
  if (p.depth == PixelDepth::uint8)
    for (std::size_t i = 0; i < p.size; ++i) values[i] = p.pixels8[i];
  else
    for (std::size_t i = 0; i < p.size; ++i) values[i] = static_cast<float>(p.shifted16[i] + 32768);
  return prepare_float(std::move(values));
}

// The pixel count of an integer section, checked against its pixel vector and the exact sums.
std::size_t checked_integer_size(const Section& section) {
  const std::size_t n = section.size();
  if (n > kMaxIntegerPixels)
    throw std::runtime_error("ncc: a section of " + std::to_string(n) + " pixels is larger than the " +
                             std::to_string(kMaxIntegerPixels) + " pixels of its exact integer sums");
  const std::size_t stored = section.depth == PixelDepth::uint8 ? section.pixels8.size() : section.pixels16.size();
  if (stored != n)
    throw std::invalid_argument("ncc: a " + std::to_string(section.width) + "x" + std::to_string(section.height) +
                                " section holds " + std::to_string(stored) + " pixels");
  return n;
}

// The statistics of an integer section from the exact sums of its stored values.
std::unique_ptr<PreparedNcc> finish_integer(std::unique_ptr<PreparedNcc> p) {
  const std::size_t n = p->size;
  const Int128 scaled = static_cast<Int128>(n) * p->sums.sum_squares - static_cast<Int128>(p->sums.sum) * p->sums.sum;
  p->scaled_variance = static_cast<double>(scaled);
  p->valid = n;
  p->all_valid = true;
  if (n > 0) {
    const double count = static_cast<double>(n);
    p->mean = static_cast<double>(p->sums.sum + offset(*p) * static_cast<std::int64_t>(n)) / count;
    p->centered_ss = p->scaled_variance / count;
  }
  return p;
}

}  // namespace

std::unique_ptr<PreparedNcc> prepare(const Section& section) {
  if (!section.is_integer()) return prepare_float(section.pixels);
  auto p = std::make_unique<PreparedNcc>();
  p->depth = section.depth;
  p->size = checked_integer_size(section);
  const kernels::Path path = kernels::fastest_path();
  if (section.depth == PixelDepth::uint8) {
    p->pixels8 = PixelBuffer<std::uint8_t>(p->size);
    p->sums = kernels::prepare_u8(section.pixels8.data(), p->pixels8.data(), p->size, path);
  } else {
    p->shifted16 = PixelBuffer<std::int16_t>(p->size);
    p->sums = kernels::prepare_u16(section.pixels16.data(), p->shifted16.data(), p->size, path);
  }
  return finish_integer(std::move(p));
}

std::unique_ptr<PreparedNcc> prepare_owned(Section&& section) {
  if (!section.is_integer()) return prepare_float(std::move(section.pixels));
  auto p = std::make_unique<PreparedNcc>();
  p->depth = section.depth;
  p->size = checked_integer_size(section);
  const kernels::Path path = kernels::fastest_path();
  if (section.depth == PixelDepth::uint8) {
    p->pixels8 = PixelBuffer<std::uint8_t>(std::move(section.pixels8));
    p->sums = kernels::sums_u8(p->pixels8.data(), p->size, path);
  } else {
    p->shifted16 = PixelBuffer<std::int16_t>(std::move(section.pixels16));
    const auto* raw = reinterpret_cast<const std::uint16_t*>(p->shifted16.data());  // same bits until shifted
    p->sums = kernels::prepare_u16(raw, p->shifted16.data(), p->size, path);
  }
  return finish_integer(std::move(p));
}

double correlate(const PreparedNcc& a, const PreparedNcc& b) {
  if (a.size != b.size) throw std::invalid_argument("ncc: sections of different size");
  if (!a.usable() || !b.usable()) return kNaN;
  if (a.is_integer() && b.is_integer())
    return a.depth == b.depth ? correlate_same_depth(a, b) : correlate_mixed_depth(a, b);
  if (a.is_integer()) return correlate_float(*as_float(a), b);
  if (b.is_integer()) return correlate_float(a, *as_float(b));
  return correlate_float(a, b);
}

void correlate_many(const PreparedNcc& b, const PreparedNcc* const* partners, std::size_t count, double* out) {
  // Partners of b's depth without invalid pixels go through one blocked kernel call; the rest
  // (unusable, other depth, masked, wrong size: correlate() handles or rejects them) pair by pair.
  std::vector<std::size_t> batch;
  if (b.usable() && b.all_valid) {
    batch.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
      const PreparedNcc& a = *partners[k];
      if (a.depth == b.depth && a.size == b.size && a.usable() && a.all_valid) batch.push_back(k);
    }
  }
  std::size_t next = 0;  // position in batch
  for (std::size_t k = 0; k < count; ++k) {
    if (next < batch.size() && batch[next] == k) {
      ++next;
      continue;
    }
    out[k] = correlate(*partners[k], b);
  }
  if (batch.empty()) return;

  const kernels::Path path = kernels::fastest_path();
  if (!b.is_integer()) {
    std::vector<const float*> pixels(batch.size());
    std::vector<double> means(batch.size()), cross(batch.size());
    for (std::size_t q = 0; q < batch.size(); ++q) {
      pixels[q] = partners[batch[q]]->values.data();
      means[q] = partners[batch[q]]->mean;
    }
    kernels::centered_dots_f32(b.values.data(), b.mean, pixels.data(), means.data(), batch.size(), b.size,
                               cross.data(), path);
    for (std::size_t q = 0; q < batch.size(); ++q)
      out[batch[q]] = cross[q] / std::sqrt(partners[batch[q]]->centered_ss * b.centered_ss);
    return;
  }
  std::vector<std::int64_t> dots(batch.size());
  if (b.depth == PixelDepth::uint8) {
    std::vector<const std::uint8_t*> pixels(batch.size());
    for (std::size_t q = 0; q < batch.size(); ++q) pixels[q] = partners[batch[q]]->pixels8.data();
    kernels::dots_u8(b.pixels8.data(), pixels.data(), batch.size(), b.size, dots.data(), path);
  } else {
    std::vector<const std::int16_t*> pixels(batch.size());
    for (std::size_t q = 0; q < batch.size(); ++q) pixels[q] = partners[batch[q]]->shifted16.data();
    kernels::dots_s16(b.shifted16.data(), pixels.data(), batch.size(), b.size, dots.data(), path);
  }
  for (std::size_t q = 0; q < batch.size(); ++q) {
    const PreparedNcc& a = *partners[batch[q]];
    out[batch[q]] = pearson(b.size, a.sums.sum, b.sums.sum, dots[q], a, b);
  }
}

}  // namespace zspace::ncc
