#include "evaluate/csv_records.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "zspace/engine/errors.hpp"

namespace zspace::csv {

std::vector<Record> parse(const std::string& text, const std::string& what) {
  std::vector<Record> records;
  Record current;
  std::string cell;
  std::size_t line = 1;
  std::size_t quote_line = 0;
  bool quoted = false, record_started = false;
  auto end_record = [&] {
    current.cells.push_back(std::move(cell));
    cell.clear();
    const bool blank = current.cells.size() == 1 && current.cells.front().empty();
    if (!blank) records.push_back(std::move(current));
    current = Record{};
    record_started = false;
  };
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (!record_started) {
      current.line = line;
      record_started = true;
    }
    if (quoted) {
      if (c == '"' && k + 1 < text.size() && text[k + 1] == '"') {
        cell += '"';
        ++k;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      quote_line = line;
    } else if (c == ',') {
      current.cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && k + 1 < text.size() && text[k + 1] == '\n') ++k;
      end_record();
      ++line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw DataError(what + ":" + std::to_string(quote_line) + ": unterminated quoted cell");
  if (record_started) end_record();
  return records;
}

std::vector<Record> read(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw DataError(file.string() + ": is a folder, not a CSV table");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw DataError(file.string() + ": cannot read: " + std::strerror(errno));
  return parse(text.str(), file.string());
}

}  // namespace zspace::csv
