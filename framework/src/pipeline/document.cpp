#include "pipeline/document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "zspace/engine/errors.hpp"

namespace zspace::pipeline_detail {

namespace {

// Counts documents and remembers where each one's first node is; builds nothing.
struct DocumentCounter final : YAML::EventHandler {
  int documents = 0;
  YAML::Mark first_node[2] = {YAML::Mark::null_mark(), YAML::Mark::null_mark()};
  void node_at(const YAML::Mark& mark) {
    if (documents < 2 && first_node[documents].is_null()) first_node[documents] = mark;
  }
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node_at(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node_at(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { node_at(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { node_at(m); }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { node_at(m); }
  void OnMapEnd() override {}
};

}  // namespace

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

  // YAML::LoadAll is not used: in yaml-cpp 0.7 it loops forever, allocating, on some malformed
  // input (e.g. a stream starting with ','; fixed upstream in yaml-cpp PR 1319). Load parses one
  // document; a bounded second pass only counts documents.
  const auto syntax_error = [&](const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 1 : e.mark.column + 1;
    return ConfigError(label + ":" + std::to_string(line) + ":" + std::to_string(column) +
                       ": YAML syntax error: " + e.msg);
  };
  YAML::Node root;
  DocumentCounter counter;
  try {
    root = YAML::Load(text.str());
    std::istringstream again(text.str());
    YAML::Parser parser(again);
    while (counter.documents < 2 && parser.HandleNextDocument(counter)) ++counter.documents;
  } catch (const YAML::Exception& e) {
    throw syntax_error(e);
  }
  const auto at = [&](const YAML::Mark& m) {
    return label + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
  };
  // The parser "finding" a second document where the first one started means it did not move
  // on: input it cannot read, which yaml-cpp 0.7 fails to report.
  if (counter.documents > 1 && counter.first_node[1].pos == counter.first_node[0].pos) {
    throw ConfigError(at(counter.first_node[1]) + ": YAML syntax error: unexpected token");
  }
  // A second document would be silently ignored by a plain Load; refuse it instead.
  if (counter.documents > 1) {
    throw ConfigError(at(counter.first_node[1]) +
                      ": pipeline: expected one YAML document, found a second one (remove the '---' separator)");
  }
  return root;
}

}  // namespace zspace::pipeline_detail
