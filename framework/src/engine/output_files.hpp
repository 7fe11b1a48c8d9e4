#pragma once
// Result files are written under temporary names and renamed together at the end, so a run
// that fails or is interrupted leaves neither partial files nor a damaged previous result.

#include <filesystem>
#include <string>
#include <vector>

namespace zspace {

class OutputFiles {
 public:
  /// Creates the folder if needed and checks it is writable. Throws ConfigError naming it.
  explicit OutputFiles(std::filesystem::path dir);
  /// Removes every temporary file not yet committed.
  ~OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  /// Temporary path for the final file `name` (may include subfolders, created now);
  /// remembered for commit().
  std::filesystem::path stage(const std::string& name);
  /// Writes text to the staged file for `name`.
  void stage_text(const std::string& name, const std::string& text);
  /// Renames every staged file to its final name.
  void commit();
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  // tmp, final
};

}  // namespace zspace
