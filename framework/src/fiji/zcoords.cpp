#include <string>
#include <vector>

#include "common/number_text.hpp"
#include "corrected/z_order.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/fiji_files.hpp"

namespace zspace {

std::string zcoords_txt(const std::vector<double>& z, std::int64_t first_layer_z) {
  const char* const what = "Zcoords.txt";
  if (z.empty()) throw DataError(std::string(what) + ": no sections");
  const double offset = static_cast<double>(first_layer_z);
  std::vector<double> corrected(z.size());
  for (std::size_t i = 0; i < z.size(); ++i) corrected[i] = offset + z[i];
  const std::vector<std::size_t> order = corrected::order_by_z(corrected, what);

  std::string text;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const std::size_t i = order[rank];
    // render rejects a corrected z that does not increase: refuse here, naming the sections.
    if (rank > 0 && !(corrected[i] > corrected[order[rank - 1]]))
      throw DataError(std::string(what) + ": sections " + std::to_string(order[rank - 1]) + " and " +
                      std::to_string(i) + " share z = " + format_double(z[i]) +
                      "; render needs strictly increasing z");
    text += std::to_string(first_layer_z + static_cast<std::int64_t>(i)) + " " + format_double(corrected[i]) + "\n";
  }
  return text;
}

}  // namespace zspace
