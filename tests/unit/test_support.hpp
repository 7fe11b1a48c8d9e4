#pragma once
// Shared helpers for tests: temporary folders, running the zspace binary, reading files.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <stdlib.h>
#include <unistd.h>

namespace zspace::test {

namespace fs = std::filesystem;

/// A fresh folder under the system temp dir (canonical path, so path comparisons hold), removed
/// with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "zspace-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path_ = fs::canonical(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

  /// Writes `text` to `name` (sub-folders created) and returns its path.
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  fs::path path_;
};

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

struct CommandResult {
  int exit_code = -1;  ///< exit status, or 128+signal when killed by a signal
  std::string out;
  std::string err;
};

/// Runs `<env> zspace <args>` through the shell, capturing stdout and stderr.
inline CommandResult run_zspace(const std::string& args, const std::string& env = "") {
  TempDir capture;
  const std::string cmd = env + " " + ZSPACE_BINARY + " " + args + " >" + (capture / "out").string() +
                          " 2>" + (capture / "err").string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  r.out = read_text(capture / "out");
  r.err = read_text(capture / "err");
  return r;
}

inline std::string quote(const fs::path& p) {
  std::string q = "'";  // appended piecewise: GCC 12 warns (-Wrestrict) on "'" + std::string
  q += p.string();
  q += '\'';
  return q;
}

inline std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace zspace::test
