#pragma once
// Records of a CSV file: comma-separated cells, quoted cells may hold commas, doubled quotes and
// line breaks (as z.csv writes file names), CRLF or LF line ends.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace zspace::csv {

struct Record {
  std::size_t line = 0;  ///< line of the file where the record starts (1-based)
  std::vector<std::string> cells;
};

/// Parses `text`; `what` names the source in messages. Blank lines are skipped. Throws
/// DataError "<what>:<line>: unterminated quoted cell".
std::vector<Record> parse(const std::string& text, const std::string& what);

/// Reads and parses a file. Throws DataError "<file>: cannot read: <reason>".
std::vector<Record> read(const std::filesystem::path& file);

}  // namespace zspace::csv
