#include <doctest/doctest.h>

#include <string>

#include "io_fixtures.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

// Opens `path` and reads every section; returns the DataError message, or "" if all went well.
// A damaged file may be caught by open (bad header) or only by read (bad pixel data).
std::string open_and_read_error(const fs::path& path) {
  try {
    const auto stack = open_stack(path);
    for (std::size_t i = 0; i < stack->size(); ++i) (void)stack->read(i);
  } catch (const DataError& e) {
    return e.what();
  }
  return {};
}

// The error names `culprit`, is one line, and nothing reached stderr on the way.
void check_clean_error(const fs::path& path, const std::string& culprit) {
  TempDir scratch;
  StderrCapture capture(scratch / "stderr.txt");
  const std::string message = open_and_read_error(path);
  const std::string printed = capture.text();
  CAPTURE(message);
  CHECK_FALSE(message.empty());
  CHECK(message.find(culprit) != std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(printed.empty());
}

}  // namespace

TEST_CASE("sections of different size: the error names the file and both sizes") {
  TempDir dir;
  write_png(dir / "s1.png", 250, 250, pattern(250, 250, 255));
  write_png(dir / "s2.png", 250, 250, pattern(250, 250, 255));
  write_png(dir / "s10.png", 100, 90, pattern(100, 90, 255));
  CHECK_THROWS_WITH_AS(open_stack(dir.path()),
                       ((dir / "s10.png").string() + ": section size 100x90 differs from 250x250 of s1.png").c_str(),
                       DataError);
}

TEST_CASE("a folder without images is an error naming the folder") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(open_stack(dir.path()), (dir.path().string() + ": no images (.png, .tif, .tiff) found").c_str(),
                       DataError);
  write_text(dir / "PROVENANCE.md", "just notes");
  write_text(dir / ".hidden.tif", "");
  CHECK_THROWS_WITH_AS(open_stack(dir.path()), doctest::Contains("no images (.png, .tif, .tiff) found"), DataError);
}

TEST_CASE("a path that does not exist is an error naming it") {
  TempDir dir;
  const fs::path missing = dir / "nowhere" / "stack.tif";
  CHECK_THROWS_WITH_AS(open_stack(missing), doctest::Contains(missing.string().c_str()), DataError);
}

TEST_CASE("zero-byte files are errors naming the file, without output") {
  TempDir dir;
  write_png(dir / "a1.png", 8, 8, pattern(8, 8, 255));
  write_text(dir / "a2.png", "");
  check_clean_error(dir.path(), "a2.png");

  TempDir tif_dir;
  write_text(tif_dir / "b.tif", "");
  check_clean_error(tif_dir.path(), "b.tif");
  check_clean_error(tif_dir / "b.tif", "b.tif");  // the same file opened as a multi-page stack
}

TEST_CASE("files that are not images are errors naming the file") {
  TempDir dir;
  write_text(dir / "fake.png", "this is text, not a PNG at all........");
  check_clean_error(dir.path(), "fake.png");
  TempDir dir2;
  write_text(dir2 / "fake.tif", "II*\0garbage garbage garbage garbage");
  check_clean_error(dir2.path(), "fake.tif");
}

TEST_CASE("truncated PNGs are errors naming the file, never a crash") {
  for (const double fraction : {0.02, 0.1, 0.5, 0.9}) {
    CAPTURE(fraction);
    TempDir dir;
    write_png(dir / "s1.png", 64, 64, pattern(64, 64, 255, 1));
    write_png(dir / "s2.png", 64, 64, pattern(64, 64, 65535, 2), 16);
    truncate_file(dir / "s2.png", fraction);
    check_clean_error(dir.path(), (dir / "s2.png").string());
  }
}

TEST_CASE("truncated TIFFs are errors naming the file, never a crash") {
  for (const double fraction : {0.01, 0.3, 0.6, 0.95}) {
    CAPTURE(fraction);
    TempDir dir;
    const TiffPage page{40, 30, 16, SAMPLEFORMAT_UINT, pattern(40, 30, 65535)};
    write_tiff(dir / "a.tif", {page});
    write_tiff(dir / "b.tif", {page}, {false, 16, 0, COMPRESSION_LZW});
    truncate_file(dir / "b.tif", fraction);
    check_clean_error(dir.path(), (dir / "b.tif").string());

    write_tiff(dir / "stack.tif", {page, page, page}, {true, 0, 0, COMPRESSION_NONE});
    truncate_file(dir / "stack.tif", fraction);
    check_clean_error(dir / "stack.tif", (dir / "stack.tif").string());
  }
}

TEST_CASE("a TIFF whose pixel data is cut short opens, then fails in read() naming the file") {
  TempDir dir;
  write_header_first_tiff(dir / "a.tif", 64, 48);
  {
    const auto intact = open_stack(dir.path());
    const Section s = intact->read(0);
    REQUIRE(s.size() == 64 * 48);
    CHECK(s.value(300) == static_cast<float>(300 % 256));
  }
  truncate_file(dir / "a.tif", 0.6);
  const auto stack = open_stack(dir.path());  // the header is intact
  TempDir scratch;
  StderrCapture capture(scratch / "stderr.txt");
  CHECK_THROWS_WITH_AS(stack->read(0), doctest::Contains((dir / "a.tif").string().c_str()), DataError);
  CHECK(capture.text().empty());
}

TEST_CASE("a slice damaged after opening fails in read(), naming the file") {
  TempDir dir;
  const TiffPage page{40, 30, 8, SAMPLEFORMAT_UINT, pattern(40, 30, 255)};
  write_tiff(dir / "a.tif", {page});
  write_tiff(dir / "b.tif", {page});
  const auto stack = open_stack(dir.path());
  write_text(dir / "b.tif", "II*");
  CHECK_THROWS_WITH_AS(stack->read(1), doctest::Contains((dir / "b.tif").string().c_str()), DataError);
  CHECK(stack->read(0).size() == 40 * 30);
}

TEST_CASE("colour and other unsupported pixel types are refused with the reason") {
  struct Case {
    const char* file;
    const char* reason;
  };
  TempDir dir;
  write_png(dir / "rgb.png", 4, 4, pattern(4, 4, 255), 8, 3);
  write_tiff(dir / "rgb.tif", {TiffPage{4, 4, 8, SAMPLEFORMAT_UINT, pattern(4 * 3, 4, 255), 3}});
  write_tiff(dir / "signed.tif", {TiffPage{4, 4, 16, SAMPLEFORMAT_INT, pattern(4, 4, 100)}});
  write_tiff(dir / "double.tif", {TiffPage{4, 4, 64, SAMPLEFORMAT_IEEEFP, pattern(4, 4, 100)}});
  write_tiff(dir / "u64.tif", {TiffPage{4, 4, 64, SAMPLEFORMAT_UINT, pattern(4, 4, 100)}});
  const Case cases[] = {
      {"rgb.png", "rgb.png: unsupported pixel type: RGB (expected greyscale)"},
      {"rgb.tif", "rgb.tif: unsupported pixel type: 3 samples per pixel (expected greyscale)"},
      {"signed.tif", "signed.tif: unsupported pixel type: signed 16-bit integer"},
      {"double.tif", "double.tif: unsupported pixel type: 64-bit float"},
      {"u64.tif", "u64.tif: unsupported pixel type: 64-bit integer"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    TempDir single;
    fs::copy_file(dir / c.file, single / c.file);
    CHECK_THROWS_WITH_AS(open_stack(single.path()), doctest::Contains(c.reason), DataError);
  }
}
