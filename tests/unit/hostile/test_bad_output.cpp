// Output folders that cannot take results: exit 2 before any computation, one line naming the
// folder. Tests run as root, where a chmod'ed folder stays writable, so "not writable" uses a
// path under /proc (no folder can be created there, whoever asks) and a path whose parent is a
// regular file.

#include "hostile_support.hpp"

using namespace zspace::hostile;

namespace {
CommandResult run_into(const fs::path& out) {
  return run_zspace("run " + kDefault + " --quiet" + kFast + " --output " + quote(out));
}
}  // namespace

TEST_CASE("an output folder that cannot be created (under /proc) is refused, naming it") {
  const fs::path out = "/proc/zspace-out";
  const auto r = run_into(out);
  expect_refusal(r, 2, {out.string(), "cannot create output folder"}, out);
  const auto nested = run_into(out / "deeper");
  expect_refusal(nested, 2, {(out / "deeper").string(), "cannot create output folder"}, out);
}

TEST_CASE("an output folder whose parent is a regular file is refused, naming it") {
  TempDir tmp;
  write_text(tmp / "file", "x");
  const auto r = run_into(tmp / "file" / "out");
  expect_refusal(r, 2, {(tmp / "file" / "out").string(), "cannot create output folder"}, tmp / "file" / "out");
  CHECK(read_text(tmp / "file") == "x");
}

TEST_CASE("an output path that is a file is refused and the file left alone") {
  TempDir tmp;
  write_text(tmp / "occupied", "precious");
  const auto r = run_into(tmp / "occupied");
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find((tmp / "occupied").string() + ": output path exists and is not a folder") != std::string::npos);
  CHECK(read_text(tmp / "occupied") == "precious");
  CHECK(fs::is_regular_file(tmp / "occupied"));
}

TEST_CASE("a result name taken by a folder fails at the end and leaves no temporaries") {
  // The folder is writable, but z.csv cannot be renamed over a folder of that name.
  TempDir tmp;
  fs::create_directories(tmp / "out" / "z.csv");
  write_good_stack(tmp / "stack", 4);
  const auto r = run_on(tmp / "stack", tmp / "out");
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.exit_code < 128);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find((tmp / "out" / "z.csv").string()) != std::string::npos);
  CHECK_FALSE(has_temporaries(tmp / "out"));
  CHECK(fs::is_directory(tmp / "out" / "z.csv"));
}
