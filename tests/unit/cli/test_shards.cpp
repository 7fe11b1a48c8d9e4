// Shards (zspace similarity --sections A:B) and zspace merge.

#include <doctest/doctest.h>

#include <algorithm>

#include "test_support.hpp"

using namespace zspace::test;

namespace {
const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";

void shard(const fs::path& out, const std::string& rows, const std::string& extra = "") {
  const auto r = run_zspace("similarity " + kDefault + " --quiet --sections " + rows + " --output " + quote(out) + extra);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}
}  // namespace

TEST_CASE("three shards merged equal the one-machine band exactly, and solve like it") {
  TempDir dir;
  shard(dir / "a", "0:99");
  shard(dir / "b", "100:180");
  shard(dir / "c", "170:249");  // overlaps b: the shared rows must agree
  const auto merged = run_zspace("merge " + quote(dir / "c") + " " + quote(dir / "a") + " " + quote(dir / "b") +
                                 " --output " + quote(dir / "band"));
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  const auto whole = run_zspace("similarity " + kDefault + " --quiet --output " + quote(dir / "whole"));
  REQUIRE(whole.exit_code == 0);
  CHECK(read_text(dir / "band" / "similarity.tif") == read_text(dir / "whole" / "similarity.tif"));

  write_text(dir / "solve.yaml", "version: 1\ninput:\n  matrix: band/similarity.tif\noutput:\n  dir: from-band\n");
  write_text(dir / "direct.yaml", "version: 1\ninput:\n  matrix: whole/similarity.tif\noutput:\n  dir: from-whole\n");
  REQUIRE(run_zspace("run " + quote(dir / "solve.yaml") + " --quiet").exit_code == 0);
  REQUIRE(run_zspace("run " + quote(dir / "direct.yaml") + " --quiet").exit_code == 0);
  CHECK(read_text(dir / "from-band" / "z.csv") == read_text(dir / "from-whole" / "z.csv"));
  CHECK(read_text(dir / "from-band" / "z.csv").find("iso.2600.png") != std::string::npos);  // names kept
}

TEST_CASE("merge refuses shards that do not fit, naming both shards and the field") {
  TempDir dir, other_stack;
  shard(dir / "a", "0:99");
  shard(dir / "b", "100:249");
  shard(dir / "r5", "100:249", " --set similarity.neighborhood_range=5");
  shard(dir / "sections", "100:248", " --set input.sections=[0,248]");  // another preprocessing and N
  // Another input: the same images but one file renamed.
  const fs::path stack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";
  for (const auto& e : fs::directory_iterator(stack))
    if (e.path().extension() == ".png") fs::copy_file(e.path(), other_stack / e.path().filename());
  fs::rename(other_stack / "iso.2849.png", other_stack / "iso.2849b.png");
  shard(dir / "input", "100:249", " --input " + quote(other_stack.path()));

  const auto refuse = [&](const std::string& second, const std::string& field) {
    const auto r = run_zspace("merge " + quote(dir / "a") + " " + quote(dir / second) + " --output " + quote(dir / "out"));
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(field) != std::string::npos);
    CHECK(r.err.find((dir / "a").string()) != std::string::npos);
    CHECK(r.err.find((dir / second).string()) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(dir / "out" / "similarity.tif"));
  };
  refuse("r5", "neighborhood_range");
  refuse("sections", "sections");
  refuse("input", "fingerprint");

  // Another metric parameter (mutual-information bins).
  const std::string mi = " --set similarity.metric=mutual-information";
  shard(dir / "mi64", "0:99", mi);
  shard(dir / "mi32", "100:249", mi + " --set similarity.params.bins=32");
  const auto params = run_zspace("merge " + quote(dir / "mi64") + " " + quote(dir / "mi32") + " --output " + quote(dir / "out"));
  CHECK(params.exit_code == 2);
  CHECK(params.err.find("metric differs") != std::string::npos);

  // A hole: rows 100..149 in no shard.
  shard(dir / "tail", "150:249");
  const auto hole = run_zspace("merge " + quote(dir / "a") + " " + quote(dir / "tail") + " --output " + quote(dir / "out"));
  CHECK(hole.exit_code == 2);
  CHECK(hole.err.find("rows 100..149 are in no shard") != std::string::npos);

  // And the good pair merges.
  CHECK(run_zspace("merge " + quote(dir / "a") + " " + quote(dir / "b") + " --output " + quote(dir / "out")).exit_code == 0);
}

TEST_CASE("--sections is checked") {
  TempDir dir;
  for (const char* bad : {"10", "a:b", "20:10", "-1:5", "0:250"}) {
    const auto r = run_zspace("similarity " + kDefault + " --quiet --sections " + bad + " --output " + quote(dir / "x"));
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--sections") != std::string::npos);
  }
}
