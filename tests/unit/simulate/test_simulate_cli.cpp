// zspace simulate through the binary: options, errors, and a whole simulate-run-evaluate round.

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "test_support.hpp"
#include "zspace/engine/evaluate.hpp"

using namespace zspace::test;

namespace {

const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";
const fs::path kVolume = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

// A number after `"key": ` in JSON text.
double json_number(const std::string& json, const std::string& section, const std::string& key) {
  const auto block = json.find("\"" + section + "\"");
  const auto at = json.find("\"" + key + "\": ", block);
  REQUIRE(at != std::string::npos);
  return std::stod(json.substr(at + key.size() + 4));
}

}  // namespace

TEST_CASE("zspace simulate, run, evaluate: a uniform texture stack is recovered") {
  TempDir dir;
  const auto sim = run_zspace("simulate --output " + quote(dir / "stack") + " --sections 40 --size 128x128 --seed 2");
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  CHECK(sim.out.find("40 sections 128x128") != std::string::npos);

  const auto run = run_zspace("run " + kDefault + " --input " + quote(dir / "stack") + " --output " + quote(dir / "out") +
                              " --quiet");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  const auto eval = run_zspace("evaluate --json --truth " + quote(dir / "stack" / "truth.csv") + " " + quote(dir / "out"));
  INFO(eval.err);
  REQUIRE(eval.exit_code == 0);
  const double rms = json_number(eval.out, "estimate", "rms");
  MESSAGE("uniform texture, 40 sections 128x128: RMS " << rms << " spacings");
  CHECK(rms < 0.3);
  CHECK(json_number(eval.out, "estimate", "spearman") == doctest::Approx(1.0));
  CHECK(json_number(eval.out, "uniform", "rms") == doctest::Approx(0.0));
}

TEST_CASE("zspace simulate: gaps from a cropped volume, and the truth it reports") {
  TempDir dir;
  const auto r = run_zspace("simulate --output " + quote(dir / "half") + " --volume " + quote(kVolume) +
                            " --crop 0,0,250,125 --sections 30 --pattern gaps --gaps 2 --gap-length 3 --noisy 4-5 "
                            "--low-contrast 9 --shifted 12 --shift 5");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("30 sections 250x125, z 0 to 35 (voxels)") != std::string::npos);
  const auto truth = zspace::read_truth_table(dir / "half" / "truth.csv");
  REQUIRE(truth.size() == 30);
  CHECK(truth.back() == 35);  // 29 spacings of 1, two gaps of 3 missing slices
  // section,file,z,defect,shift_x,shift_y
  std::istringstream csv(read_text(dir / "half" / "truth.csv"));
  std::string line;
  std::getline(csv, line);
  for (int i = 0; std::getline(csv, line); ++i) {
    const auto defect = line.substr(line.find(',', line.find(',', line.find(',') + 1) + 1) + 1);
    if (i == 4 || i == 5) CHECK(defect == "noisy,0,0");
    else if (i == 9) CHECK(defect == "low-contrast,0,0");
    else if (i == 12) CHECK((defect.rfind("shifted,", 0) == 0 && defect != "shifted,0,0"));
    else CHECK(defect == ",0,0");
  }
}

TEST_CASE("zspace simulate: bad options exit 2 with one line naming the option") {
  TempDir dir;
  const std::string out = " --output " + quote(dir / "out");
  const auto check = [&](const std::string& args, const std::string& expected) {
    const auto r = run_zspace("simulate" + out + " " + args);
    INFO(args);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
  };
  check("--sections 10 --pattern steps", "--pattern steps: unknown pattern (uniform, random, gaps, drift)");
  check("--sections 10 --thickness 1:x", "--thickness 1:x: expected a thickness T or a range MIN:MAX");
  check("--sections 10 --size 64", "--size 64: expected WIDTHxHEIGHT");
  check("--sections 10 --noisy 2,a", "--noisy 2,a: 'a' is not a section index or range");
  check("--sections 10 --shifted 5-999999999", "--shifted 999999999: no such section (sections are 0..9)");
  check("--sections 10 --crop 0,0,10,10", "--crop applies to --volume only");
  check("--sections 10 --volume " + quote(kVolume) + " --size 64x64", "--size applies to the synthetic texture");
  check("--sections 10 --volume " + quote(kVolume) + " --crop 0,0,10", "--crop 0,0,10: expected x,y,width,height");
  check("--sections 1", "--sections 1: at least 2 sections are needed");
  check("--sections 10 --contrast 1.5 --low-contrast 1", "--contrast 1.5: must be in (0, 1)");
  check("--sections ten", "--sections");
  check("", "--sections is required");
  CHECK_FALSE(fs::exists(dir / "out"));

  const auto missing = run_zspace("simulate" + out + " --sections 10 --volume " + quote(dir / "no-volume"));
  CHECK(missing.exit_code == 1);
  CHECK(count_lines(missing.err) == 1);
  CHECK(missing.err.find("no-volume") != std::string::npos);
}
