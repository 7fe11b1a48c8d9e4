// Reading the z column of truth.csv and of result tables.

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>
#include <vector>

#include "evaluate/csv_records.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"

namespace zspace {
namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// The z cells of `file`, NaN for an empty cell; `require` demands a finite number in every row.
std::vector<double> read_z_column(const fs::path& file, bool require) {
  const std::string what = file.string();
  const auto records = csv::read(file);
  if (records.empty()) throw DataError(what + ": empty file, expected a header with a z column");
  const auto& header = records.front();
  std::size_t column = header.cells.size();
  for (std::size_t c = 0; c < header.cells.size(); ++c)
    if (trimmed(header.cells[c]) == "z") column = c;
  if (column == header.cells.size())
    throw DataError(what + ":" + std::to_string(header.line) + ": no z column in the header");

  std::vector<double> z;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    const std::string where = what + ":" + std::to_string(record.line);
    if (record.cells.size() != header.cells.size())
      throw DataError(where + ": " + std::to_string(record.cells.size()) + " cells, the header has " +
                      std::to_string(header.cells.size()));
    const std::string cell = trimmed(record.cells[column]);
    double value = std::numeric_limits<double>::quiet_NaN();
    if (!cell.empty()) {
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec != std::errc() || end != cell.data() + cell.size())
        throw DataError(where + ": z '" + cell + "' is not a number");
    }
    if (require && !std::isfinite(value))
      throw DataError(where + ": " + (cell.empty() ? std::string("no z") : "z '" + cell + "' is not finite"));
    z.push_back(std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN());
  }
  if (z.empty()) throw DataError(what + ": no sections, only a header");
  return z;
}

}  // namespace

std::vector<double> read_truth_table(const fs::path& csv) { return read_z_column(csv, true); }

std::vector<double> read_result_table(const fs::path& result) {
  std::error_code ec;
  if (!fs::is_directory(result, ec)) return read_z_column(result, false);
  const fs::path table = result / "z.csv";
  if (!fs::exists(table, ec)) throw DataError(result.string() + ": no z.csv in this folder");
  return read_z_column(table, false);
}

Evaluation evaluate_files(const fs::path& truth_csv, const fs::path& result) {
  const auto truth = read_truth_table(truth_csv);
  const auto z = read_result_table(result);
  if (truth.size() != z.size())
    throw DataError(result.string() + ": " + std::to_string(z.size()) + " sections, but " + truth_csv.string() +
                    " has " + std::to_string(truth.size()));
  try {
    return evaluate(truth, z);
  } catch (const DataError& e) {
    throw DataError(result.string() + " against " + truth_csv.string() + ": " + e.what());
  }
}

}  // namespace zspace
