#include "corrected/z_order.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/number_text.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::corrected {

std::vector<std::size_t> order_by_z(const std::vector<double>& z, const std::string& what) {
  for (std::size_t i = 0; i < z.size(); ++i)
    if (!std::isfinite(z[i]))
      throw DataError(what + ": z of section " + std::to_string(i) + " is not finite (" + format_double(z[i]) + ")");
  std::vector<std::size_t> order(z.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return z[a] < z[b]; });
  return order;
}

}  // namespace zspace::corrected
