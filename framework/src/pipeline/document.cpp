#include "pipeline/document.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "zspace/engine/errors.hpp"

namespace zspace::pipeline_detail {

YAML::Node read_document(const std::filesystem::path& file, const Reporter& reporter) {
  const std::string& label = reporter.file_label();
  std::error_code ec;
  // A folder opens fine as an ifstream on Linux and then reads as empty; say what it is.
  if (std::filesystem::is_directory(file, ec)) {
    throw ConfigError(label + ": cannot read pipeline file (it is a folder)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(label + ": cannot read pipeline file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError(label + ": cannot read pipeline file");

  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text.str());
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 1 : e.mark.column + 1;
    throw ConfigError(label + ":" + std::to_string(line) + ":" + std::to_string(column) +
                      ": YAML syntax error: " + e.msg);
  }
  // A second document would be silently ignored by a plain Load; refuse it instead.
  if (docs.size() > 1) {
    reporter.fail(docs[1], "", "expected one YAML document, found " +
                                   std::to_string(docs.size()) + " (remove the '---' separator)");
  }
  return docs.empty() ? YAML::Node() : docs.front();
}

}  // namespace zspace::pipeline_detail
