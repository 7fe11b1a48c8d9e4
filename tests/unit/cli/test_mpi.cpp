// `mpirun -n 2 zspace run`: the band spread over two ranks gives exactly the one-process result.

#include <doctest/doctest.h>

#include "test_support.hpp"

#ifdef ZSPACE_TEST_MPIEXEC

using namespace zspace::test;

namespace {
const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";

// Root is allowed (CI runs as root); oversubscribe lets 2 ranks run on any machine. Open MPI
// allocates at start-up in ways LeakSanitizer reports; leaks are checked by the other tests.
std::string mpirun(int ranks) {
  return std::string("env ASAN_OPTIONS=detect_leaks=0 OMPI_MCA_rmaps_base_oversubscribe=1 ") + ZSPACE_TEST_MPIEXEC +
         " --allow-run-as-root --oversubscribe -n " + std::to_string(ranks) + " " + quote(ZSPACE_BINARY) + " ";
}

CommandResult run_shell(const std::string& command, const TempDir& scratch) {
  const fs::path out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  CommandResult r;
  const int status = std::system((command + " >" + quote(out) + " 2>" + quote(err)).c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}
}  // namespace

TEST_CASE("mpirun -n 2: z.csv and band equal the single-process run exactly") {
  TempDir single, distributed, scratch;
  const std::string common = "run " + kDefault + " --quiet --set solver.params.outer_iterations=30";
  REQUIRE(run_zspace(common + " --output " + quote(single.path())).exit_code == 0);
  const auto r = run_shell(mpirun(2) + common + " --output " + quote(distributed.path()), scratch);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_text(distributed / "z.csv") == read_text(single / "z.csv"));
  CHECK(read_text(distributed / "similarity.tif") == read_text(single / "similarity.tif"));
}

TEST_CASE("mpirun: a rank that fails ends the run with its error and no output") {
  TempDir stack, out, scratch;
  // Ten copies of one section, the last one unreadable: only the rank that reads it fails.
  const fs::path sample = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1" / "iso.2600.png";
  for (int i = 0; i < 9; ++i) {
    std::string name = "s";  // piecewise: GCC 12 warns (-Wrestrict, falsely) on "s" + std::string
    name += std::to_string(i);
    name += ".png";
    fs::copy_file(sample, stack / name);
  }
  const fs::path last = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1" / "iso.2601.png";
  fs::copy_file(last, stack / "s9.png");
  // Header intact (so opening succeeds on every rank), pixel data cut off.
  fs::resize_file(stack / "s9.png", fs::file_size(stack / "s9.png") / 2);
  const auto r = run_shell(mpirun(2) + "run " + kDefault + " --quiet --input " + quote(stack.path()) + " --output " +
                               quote(out / "res"),
                           scratch);
  INFO(r.out << r.err);
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("s9.png") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "res" / "z.csv"));
}

#endif
