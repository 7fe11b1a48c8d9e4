#include "core/ncc.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace zspace::ncc {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four independent accumulators let the compiler keep the loop in registers and pipeline the
// adds; the summation order is fixed, so results do not depend on threads or scheduling.
double centered_cross(const float* a, double ma, const float* b, double mb, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += (a[i] - ma) * (b[i] - mb);
    s1 += (a[i + 1] - ma) * (b[i + 1] - mb);
    s2 += (a[i + 2] - ma) * (b[i + 2] - mb);
    s3 += (a[i + 3] - ma) * (b[i + 3] - mb);
  }
  for (; i < n; ++i) s0 += (a[i] - ma) * (b[i] - mb);
  return (s0 + s1) + (s2 + s3);
}
}  // namespace

std::unique_ptr<PreparedNcc> prepare(const Section& section) {
  auto p = std::make_unique<PreparedNcc>();
  p->values = section.pixels;
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

double correlate(const PreparedNcc& a, const PreparedNcc& b) {
  if (a.values.size() != b.values.size())
    throw std::invalid_argument("ncc: sections of different size");
  if (!a.usable() || !b.usable()) return kNaN;
  const std::size_t n = a.values.size();
  if (a.all_valid && b.all_valid) {
    const double cross = centered_cross(a.values.data(), a.mean, b.values.data(), b.mean, n);
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

}  // namespace zspace::ncc
