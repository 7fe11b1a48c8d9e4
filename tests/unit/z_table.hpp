#pragma once
// Reading z.csv back in tests.

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
  double quality = 0;
};

inline std::vector<ZRow> read_z_table(const fs::path& csv, std::string* header = nullptr) {
  std::istringstream in(read_text(csv));
  std::string line;
  std::getline(in, line);
  if (header) *header = line;
  std::vector<ZRow> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    if (cells.size() != 5) throw std::runtime_error("bad z.csv row: " + line);
    rows.push_back({std::stoul(cells[0]), cells[1], std::stod(cells[2]), cells[3], std::stod(cells[4])});
  }
  return rows;
}

inline std::vector<double> z_of(const std::vector<ZRow>& rows) {
  std::vector<double> z;
  for (const auto& r : rows) z.push_back(r.z);
  return z;
}

}  // namespace zspace::test
