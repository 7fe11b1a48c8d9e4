// `mpirun -n 2 zspace run`: the band spread over two ranks gives exactly the one-process result.

#include <doctest/doctest.h>

#include "hostile/hostile_support.hpp"
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

// The JSON without its "seconds" line (the band's wall time), which differs from run to run.
std::string untimed(const std::string& json) {
  std::string out;
  std::size_t at = 0;
  while (at < json.size()) {
    const std::size_t end = std::min(json.find('\n', at), json.size());
    const std::string line = json.substr(at, end - at);
    if (line.find("\"seconds\"") == std::string::npos) out += line + "\n";
    at = end + 1;
  }
  return out;
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

TEST_CASE("mpirun -n 3 and 4: in-plane shifts and sections without signal come back from every rank") {
  // fft-correlation reports a shift per pair. Section 10 is constant and read by two ranks
  // (its row's rank and, for its successors' pairs, the next), section 17 only by the last.
  TempDir stack, single, scratch;
  const std::size_t n = 20;
  auto sections = zspace::hostile::correlated_sections(48, 48, n, 5);
  for (std::size_t k : {10u, 17u}) std::fill(sections[k].begin(), sections[k].end(), 42.0);
  for (std::size_t k = 0; k < n; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "z%03zu.tif", k);
    zspace::hostile::write_f32_tiff(stack / name, 48, 48, sections[k]);
  }
  const std::string fft = std::string(ZSPACE_SOURCE_DIR) + "/configs/fft-correlation.yaml";
  const std::string common = "run " + fft + " --quiet --input " + quote(stack.path()) +
                             " --set similarity.neighborhood_range=4 --set similarity.params.max_shift=3";
  REQUIRE(run_zspace(common + " --output " + quote(single.path())).exit_code == 0);
  REQUIRE(read_text(single / "similarity.json").find("\"shifts\"") != std::string::npos);
  REQUIRE(untimed(read_text(single / "similarity.json")).find("\"seconds\"") == std::string::npos);
  for (int ranks : {3, 4}) {
    CAPTURE(ranks);
    TempDir distributed;
    const auto r = run_shell(mpirun(ranks) + common + " --output " + quote(distributed.path()), scratch);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(read_text(distributed / "similarity.tif") == read_text(single / "similarity.tif"));
    CHECK(untimed(read_text(distributed / "similarity.json")) == untimed(read_text(single / "similarity.json")));
    CHECK(read_text(distributed / "z.csv") == read_text(single / "z.csv"));  // the flags included
    CHECK(r.out.find("flagged sections (no usable signal): 10, 17") != std::string::npos);
  }
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
