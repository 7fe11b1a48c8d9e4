#pragma once
// Reading z.csv back in tests.

#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace zspace::test {

struct ZRow {
  std::size_t section = 0;
  std::string file;
  double z = 0;
  std::string thickness;  // empty on the last row
  double quality = 0;     // NaN when the cell is empty (flagged sections)
  std::string flag;       // 6th column: empty, or "no-signal"
};

namespace detail {
inline double number_or_nan(const std::string& cell) {
  return cell.empty() ? std::numeric_limits<double>::quiet_NaN() : std::stod(cell);
}
}  // namespace detail

/// Rows of z.csv. `header` receives the five agreed columns (section,file,z,thickness,quality);
/// `full_header` the whole first line, extra columns (flag) included.
inline std::vector<ZRow> read_z_table(const fs::path& csv, std::string* header = nullptr,
                                      std::string* full_header = nullptr) {
  std::istringstream in(read_text(csv));
  std::string line;
  std::getline(in, line);
  if (full_header) *full_header = line;
  if (header) {
    std::size_t end = 0;
    for (int commas = 0; commas < 5 && end != std::string::npos; ++commas) end = line.find(',', end ? end + 1 : 0);
    *header = line.substr(0, end);
  }
  std::vector<ZRow> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    if (cells.size() != 5 && cells.size() != 6) throw std::runtime_error("bad z.csv row: " + line);
    rows.push_back({std::stoul(cells[0]), cells[1], std::stod(cells[2]), cells[3],
                    detail::number_or_nan(cells[4]), cells.size() > 5 ? cells[5] : std::string()});
  }
  return rows;
}

inline std::vector<double> z_of(const std::vector<ZRow>& rows) {
  std::vector<double> z;
  for (const auto& r : rows) z.push_back(r.z);
  return z;
}

}  // namespace zspace::test
