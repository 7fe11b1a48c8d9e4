#include "engine/flagged_sections.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace zspace {

std::size_t count_usable(const std::vector<bool>& usable) {
  return static_cast<std::size_t>(std::count(usable.begin(), usable.end(), true));
}

void interpolate_flagged(const std::vector<bool>& usable, std::vector<double>& z, std::vector<double>& quality) {
  const std::size_t n = z.size();
  if (usable.size() != n) throw std::invalid_argument("interpolate_flagged: usable and z differ in size");
  std::vector<std::size_t> good;
  for (std::size_t i = 0; i < n; ++i)
    if (usable[i]) good.push_back(i);
  if (good.size() == n) return;  // nothing flagged: leave the solution exactly as it is
  if (good.size() < 2) throw std::invalid_argument("interpolate_flagged: fewer than 2 usable sections");
  quality.resize(n, std::numeric_limits<double>::quiet_NaN());

  // z on the line through usable sections a < b, at index i (inside or outside [a, b]).
  auto line = [&z](std::size_t a, std::size_t b, std::size_t i) {
    const double t = (static_cast<double>(i) - static_cast<double>(a)) /
                     (static_cast<double>(b) - static_cast<double>(a));
    return z[a] + t * (z[b] - z[a]);
  };
  std::size_t next = 0;  // index into good of the first usable section after i
  for (std::size_t i = 0; i < n; ++i) {
    while (next < good.size() && good[next] <= i) ++next;
    if (usable[i]) continue;
    std::size_t a = 0, b = 0;
    if (next == 0) {  // before the first usable section
      a = good[0];
      b = good[1];
    } else if (next == good.size()) {  // after the last one
      a = good[good.size() - 2];
      b = good[good.size() - 1];
    } else {
      a = good[next - 1];
      b = good[next];
    }
    z[i] = line(a, b, i);
    quality[i] = std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace zspace
