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

enum class Column { required, optional };

// A CSV file parsed once, for reading one or more of its columns.
struct Table {
  std::string what;  // the file, for messages
  std::vector<csv::Record> records;
};

Table read_table(const fs::path& file) { return Table{file.string(), csv::read(file)}; }

// The cells of column `name`, NaN for an empty cell; `require` demands a finite number in every
// row. An optional column that the header lacks gives an empty vector.
std::vector<double> read_column(const Table& table, const std::string& name, bool require, Column presence) {
  const std::string& what = table.what;
  const auto& records = table.records;
  if (records.empty()) throw DataError(what + ": empty file, expected a header with a " + name + " column");
  const auto& header = records.front();
  std::size_t column = header.cells.size();
  for (std::size_t c = 0; c < header.cells.size(); ++c)
    if (trimmed(header.cells[c]) == name) column = c;
  if (column == header.cells.size()) {
    if (presence == Column::optional) return {};
    throw DataError(what + ":" + std::to_string(header.line) + ": no " + name + " column in the header");
  }

  std::vector<double> values;
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
        throw DataError(where + ": " + name + " '" + cell + "' is not a number");
    }
    if (require && !std::isfinite(value))
      throw DataError(where + ": " + (cell.empty() ? "no " + name : name + " '" + cell + "' is not finite"));
    values.push_back(std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN());
  }
  if (values.empty()) throw DataError(what + ": no sections, only a header");
  return values;
}

// The table of a result: the file itself, or a folder's z.csv.
fs::path result_table(const fs::path& result) {
  std::error_code ec;
  if (!fs::is_directory(result, ec)) return result;
  const fs::path table = result / "z.csv";
  if (!fs::exists(table, ec)) throw DataError(result.string() + ": no z.csv in this folder");
  return table;
}

}  // namespace

std::vector<double> read_truth_table(const fs::path& csv) {
  return read_column(read_table(csv), "z", true, Column::required);
}

std::vector<double> read_result_table(const fs::path& result) {
  return read_column(read_table(result_table(result)), "z", false, Column::required);
}

std::vector<double> read_result_pixels(const fs::path& result) {
  return read_column(read_table(result_table(result)), "z_px", false, Column::optional);
}

Evaluation evaluate_files(const fs::path& truth_csv, const fs::path& result) {
  const auto truth = read_truth_table(truth_csv);
  const Table table = read_table(result_table(result));  // z and z_px from one read
  const auto z = read_column(table, "z", false, Column::required);
  const auto z_px = read_column(table, "z_px", false, Column::optional);
  if (truth.size() != z.size())
    throw DataError(result.string() + ": " + std::to_string(z.size()) + " sections, but " + truth_csv.string() +
                    " has " + std::to_string(truth.size()));
  try {
    return z_px.empty() ? evaluate(truth, z) : evaluate(truth, z, z_px);
  } catch (const DataError& e) {
    throw DataError(result.string() + " against " + truth_csv.string() + ": " + e.what());
  }
}

}  // namespace zspace
