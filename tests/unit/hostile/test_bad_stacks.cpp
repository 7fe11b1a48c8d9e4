// Hostile stacks through the real binary: each is refused with exit 1 and one line naming the
// culprit, or (too few sections for R) runs with a warning; nothing is left in the output folder.

#include "hostile_support.hpp"

using namespace zspace::hostile;

TEST_CASE("an empty folder is refused, naming the folder") {
  TempDir tmp;
  fs::create_directories(tmp / "empty");
  const auto r = run_on(tmp / "empty", tmp / "out");
  expect_refusal(r, 1, {(tmp / "empty").string(), "no images"}, tmp / "out");
}

TEST_CASE("a folder holding only non-images is refused like an empty one") {
  TempDir tmp;
  fs::create_directories(tmp / "notes");
  write_text(tmp / "notes" / "README.md", "not a section");
  write_text(tmp / "notes" / ".hidden.tif", "");
  const auto r = run_on(tmp / "notes", tmp / "out");
  expect_refusal(r, 1, {(tmp / "notes").string(), "no images"}, tmp / "out");
}

TEST_CASE("an input path that does not exist is refused, naming it") {
  TempDir tmp;
  const auto r = run_on(tmp / "nowhere", tmp / "out");
  expect_refusal(r, 1, {(tmp / "nowhere").string(), "no such file or folder"}, tmp / "out");
}

TEST_CASE("a single section is refused: at least 2 are needed") {
  TempDir tmp;
  write_good_stack(tmp / "one", 1);
  expect_refusal(run_on(tmp / "one", tmp / "out"), 1, {(tmp / "one").string(), "1 section; at least 2 are needed"},
                 tmp / "out");
  // The same as a lone file and as a one-page multi-page TIFF.
  expect_refusal(run_on(tmp / "one" / "s0.tif", tmp / "out"), 1, {"s0.tif", "at least 2 are needed"}, tmp / "out");
  write_png(tmp / "lone.png", 16, 16, PNG_COLOR_TYPE_GRAY);
  expect_refusal(run_on(tmp / "lone.png", tmp / "out"), 1, {"lone.png", "at least 2 are needed"}, tmp / "out");
}

TEST_CASE("fewer sections than the neighbourhood range: R is clamped to N-1 with a warning, exit 0") {
  TempDir tmp;
  write_good_stack(tmp / "three", 3);
  const auto r = run_zspace("run " + kDefault + kFast + " --input " + quote(tmp / "three") + " --output " +
                            quote(tmp / "out"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: neighborhood_range 10 is larger than the stack allows (3 sections); using 2") !=
        std::string::npos);
  const auto rows = read_z_table(tmp / "out" / "z.csv");
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) CHECK(std::isfinite(row.z));
  const std::string json = read_text(tmp / "out" / "result.json");
  CHECK(json.find("\"neighborhood_range_used\": 2") != std::string::npos);
  CHECK(json.find("using 2") != std::string::npos);  // the warning is recorded
  CHECK(zspace::read_float_tiff(tmp / "out" / "similarity.tif").width == 5);  // 2R+1
}

TEST_CASE("sections of different sizes are refused, naming the odd file and both sizes") {
  TempDir tmp;
  write_good_stack(tmp / "mixed", 4);
  write_u8_tiff(tmp / "mixed" / "s2.tif", 32, 31, std::vector<double>(32 * 31, 7.0));
  const auto r = run_on(tmp / "mixed", tmp / "out");
  expect_refusal(r, 1, {(tmp / "mixed" / "s2.tif").string(), "section size 32x31 differs from 32x32 of s0.tif"},
                 tmp / "out");

  // The same inside one multi-page TIFF: the culprit is the page.
  write_tiff(tmp / "pages.tif", {Page{16, 16, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}, Page{16, 16, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}, Page{17, 16, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}});
  expect_refusal(run_on(tmp / "pages.tif", tmp / "out"), 1, {(tmp / "pages.tif").string() + "#2", "17x16 differs from 16x16 of page 0"}, tmp / "out");
}

TEST_CASE("truncated TIFF sections are refused, naming the file") {
  for (const double fraction : {0.05, 0.5, 0.9}) {
    CAPTURE(fraction);
    TempDir tmp;
    write_good_stack(tmp / "stack", 4);
    truncate_to(tmp / "stack" / "s1.tif", fraction);
    expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "s1.tif").string()}, tmp / "out");
  }
}

TEST_CASE("a truncated multi-page TIFF is refused, naming the file") {
  for (const double fraction : {0.05, 0.9}) {
    CAPTURE(fraction);
    TempDir tmp;
    write_tiff(tmp / "pages.tif", {Page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}, Page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}, Page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}, Page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}}});
    truncate_to(tmp / "pages.tif", fraction);
    expect_refusal(run_on(tmp / "pages.tif", tmp / "out"), 1, {(tmp / "pages.tif").string()}, tmp / "out");
  }
}

// libtiff reads a link to a page beyond the end of the file as the end of the stack; the reader
// must notice the cut instead of dropping sections silently.
TEST_CASE("a multi-page TIFF cut between pages is refused, not read as a shorter stack") {
  TempDir tmp;
  const Page page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, {}};
  write_tiff(tmp / "pages.tif", {page, page, page, page});
  truncate_to(tmp / "pages.tif", 0.5);
  expect_refusal(run_on(tmp / "pages.tif", tmp / "out"), 1, {(tmp / "pages.tif").string()}, tmp / "out");
}

TEST_CASE("corrupt TIFFs are refused, naming the file") {
  TempDir tmp;
  write_good_stack(tmp / "stack", 4);
  // The directory offset points far beyond the end of the file.
  damage(tmp / "stack" / "s3.tif", 4, 4, 0x7f);
  expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "s3.tif").string()}, tmp / "out");
  // A TIFF signature followed by garbage.
  write_text(tmp / "stack" / "s3.tif", std::string("II*\0", 4) + std::string(200, '\xee'));
  expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "s3.tif").string()}, tmp / "out");
  // Not a TIFF at all.
  write_text(tmp / "stack" / "s3.tif", "this is text, not an image");
  expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "s3.tif").string()}, tmp / "out");
}

TEST_CASE("truncated and corrupt PNG sections are refused, naming the file") {
  for (const double fraction : {0.05, 0.3, 0.8}) {
    CAPTURE(fraction);
    TempDir tmp;
    fs::create_directories(tmp / "stack");
    for (int k = 0; k < 3; ++k) write_png(tmp / "stack" / numbered("p", static_cast<std::size_t>(k), ".png"), 64, 64, PNG_COLOR_TYPE_GRAY);
    truncate_to(tmp / "stack" / "p1.png", fraction);
    expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "p1.png").string()}, tmp / "out");
  }
  TempDir tmp;
  fs::create_directories(tmp / "stack");
  for (int k = 0; k < 3; ++k) write_png(tmp / "stack" / numbered("p", static_cast<std::size_t>(k), ".png"), 64, 64, PNG_COLOR_TYPE_GRAY);
  // Damage inside the compressed pixel data: the chunk CRC no longer matches.
  const auto size = fs::file_size(tmp / "stack" / "p2.png");
  damage(tmp / "stack" / "p2.png", static_cast<std::size_t>(size / 2), 16);
  expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "p2.png").string()}, tmp / "out");
  // A damaged signature.
  damage(tmp / "stack" / "p0.png", 1, 3, 'x');
  expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "p0.png").string()}, tmp / "out");
}

TEST_CASE("zero-byte sections are refused, naming the file") {
  for (const char* name : {"s1.tif", "s1.png"}) {
    CAPTURE(name);
    TempDir tmp;
    write_good_stack(tmp / "stack", 3);
    fs::remove(tmp / "stack" / "s1.tif");
    write_text(tmp / "stack" / name, "");
    expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / name).string()}, tmp / "out");
  }
  TempDir tmp;
  write_text(tmp / "empty.tif", "");
  expect_refusal(run_on(tmp / "empty.tif", tmp / "out"), 1, {(tmp / "empty.tif").string()}, tmp / "out");
}

TEST_CASE("RGB and palette images are refused (no silent grey conversion), naming the file") {
  struct Case {
    const char* file;
    const char* reason;
  };
  TempDir tmp;
  const Case cases[] = {
      {"rgb.png", "unsupported pixel type: RGB (expected greyscale)"},
      {"palette.png", "unsupported pixel type: palette colour"},
      {"rgb.tif", "unsupported pixel type: 3 samples per pixel (expected greyscale)"},
      {"palette.tif", "unsupported pixel type: palette colour (expected greyscale)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const fs::path dir = tmp / (std::string("stack-") + c.file);
    write_good_stack(dir, 3);
    const fs::path bad = dir / (std::string("s1") + fs::path(c.file).extension().string());
    fs::remove(dir / "s1.tif");
    const std::string name = c.file;
    if (name == "rgb.png") write_png(bad, 32, 32, PNG_COLOR_TYPE_RGB);
    if (name == "palette.png") write_png(bad, 32, 32, PNG_COLOR_TYPE_PALETTE);
    if (name == "rgb.tif") write_tiff(bad, {Page{32, 32, 8, SAMPLEFORMAT_UINT, 3, PHOTOMETRIC_RGB, {}}});
    if (name == "palette.tif") write_tiff(bad, {Page{32, 32, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_PALETTE, {}}});
    expect_refusal(run_on(dir, tmp / "out"), 1, {bad.string(), c.reason}, tmp / "out");
  }
}

TEST_CASE("64-bit and signed pixel types are refused, naming the file") {
  struct Case {
    int bits;
    int format;
    const char* reason;
  };
  const Case cases[] = {
      {64, SAMPLEFORMAT_IEEEFP, "unsupported pixel type: 64-bit float"},
      {64, SAMPLEFORMAT_UINT, "unsupported pixel type: 64-bit integer"},
      {16, SAMPLEFORMAT_INT, "unsupported pixel type: signed 16-bit integer"},
      {8, SAMPLEFORMAT_INT, "unsupported pixel type: signed 8-bit integer"},
      {32, SAMPLEFORMAT_INT, "unsupported pixel type: signed 32-bit integer"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.reason);
    TempDir tmp;
    write_good_stack(tmp / "stack", 3);
    write_tiff(tmp / "stack" / "s2.tif", {Page{32, 32, c.bits, c.format, 1, PHOTOMETRIC_MINISBLACK, {}}});
    expect_refusal(run_on(tmp / "stack", tmp / "out"), 1, {(tmp / "stack" / "s2.tif").string(), c.reason}, tmp / "out");
  }
}

TEST_CASE("a bad stack never damages an earlier result in the output folder") {
  TempDir tmp;
  write_good_stack(tmp / "good", 5);
  REQUIRE(run_on(tmp / "good", tmp / "out").exit_code == 0);
  const std::string before = read_text(tmp / "out" / "z.csv");
  write_good_stack(tmp / "bad", 5);
  truncate_to(tmp / "bad" / "s3.tif", 0.5);
  const auto r = run_on(tmp / "bad", tmp / "out");
  CHECK(r.exit_code == 1);
  CHECK(count_lines(r.err) == 1);
  CHECK(read_text(tmp / "out" / "z.csv") == before);
  CHECK_FALSE(has_temporaries(tmp / "out"));
}
