#include <string>
#include <vector>

#include "common/number_text.hpp"
#include "corrected/z_order.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/fiji_files.hpp"

namespace zspace {

std::string fiji_csv(const std::vector<double>& z) {
  const char* const what = "Fiji CSV";
  if (z.empty()) throw DataError(std::string(what) + ": no sections");
  const std::vector<std::size_t> backward = corrected::order_by_z(z, what);
  std::vector<std::size_t> forward(z.size());
  for (std::size_t rank = 0; rank < backward.size(); ++rank) forward[backward[rank]] = rank;

  std::string text = "z-index,mapping,sorted mapping,forward permutation,backward permutation\n";
  for (std::size_t i = 0; i < z.size(); ++i) {
    text += std::to_string(i) + "," + format_double(z[i]) + "," + format_double(z[backward[i]]) + "," +
            std::to_string(forward[i]) + "," + std::to_string(backward[i]) + "\n";
  }
  return text;
}

}  // namespace zspace
