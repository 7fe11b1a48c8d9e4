#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "io/hdf5_path.hpp"
#include "io/hdf5_writer.hpp"
#include "test_support.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;
using io::Hdf5DatasetWriter;
using io::Hdf5Type;

namespace {

// doctest's matcher takes its own string type.
doctest::Contains has(const std::string& text) { return doctest::Contains(text.c_str()); }

// Voxel (z, y, x) of a d x h x w volume: distinct values that fill a type's range.
double voxel(std::size_t z, std::size_t y, std::size_t x, double top) {
  return std::fmod(static_cast<double>(z * 7919 + y * 131 + x * 17), top + 1);
}

template <typename T>
std::vector<T> volume(std::size_t d, std::size_t h, std::size_t w, double top, double scale = 1, double shift = 0) {
  std::vector<T> v;
  for (std::size_t z = 0; z < d; ++z)
    for (std::size_t y = 0; y < h; ++y)
      for (std::size_t x = 0; x < w; ++x) v.push_back(static_cast<T>(voxel(z, y, x, top) * scale + shift));
  return v;
}

// Writes a d x h x w dataset in one block.
template <typename T>
void write_volume(const fs::path& file, const std::string& dataset, Hdf5Type type, const std::vector<T>& values,
                  std::uint64_t d, std::uint64_t h, std::uint64_t w, std::vector<std::uint64_t> chunk = {}) {
  Hdf5DatasetWriter writer(file, dataset, type, {d, h, w}, chunk);
  writer.write({0, 0, 0}, {d, h, w}, values.data());
  writer.close();
}

// Reads every section (backwards: a slice must not depend on the previous read) and checks
// each pixel against `values` (z, y, x order).
template <typename T>
void check_stack(const std::string& path, const std::vector<T>& values, std::size_t d, int h, int w,
                 PixelDepth depth) {
  const auto stack = open_stack(path);
  REQUIRE(stack->size() == d);
  CHECK(stack->width() == w);
  CHECK(stack->height() == h);
  CHECK_FALSE(stack->concurrent_reads());
  const std::size_t plane = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  for (std::size_t k = d; k-- > 0;) {
    const Section s = stack->read(k);
    CHECK(s.index == k);
    CHECK(s.depth == depth);
    CHECK(s.source == stack->name(k));
    REQUIRE(s.size() == plane);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < plane; ++i)
      if (s.value(i) != static_cast<float>(values[k * plane + i])) ++bad;
    CHECK(bad == 0);
  }
}

}  // namespace

TEST_CASE("hdf5 path: file.h5:/dataset splits at the HDF5 file name") {
  const auto a = io::split_hdf5_path("/data/run 1/vol.h5:/volumes/raw");
  REQUIRE(a);
  CHECK(a->file == "/data/run 1/vol.h5");
  CHECK(a->dataset == "/volumes/raw");
  const auto b = io::split_hdf5_path("rel/x.HDF5:/d");
  REQUIRE(b);
  CHECK(b->file == "rel/x.HDF5");
  CHECK(b->dataset == "/d");
  CHECK(io::split_hdf5_path("a.hdf:/d"));
  CHECK_FALSE(io::split_hdf5_path("/data/stack.tif"));
  CHECK_FALSE(io::split_hdf5_path("/data/odd:/name/stack.tif"));
  CHECK_FALSE(io::split_hdf5_path("/data/x.h5"));
  // Only a left part that names an HDF5 file splits.
  const auto c = io::split_hdf5_path("/mnt/a:/b/v.h5:/g/d");
  REQUIRE(c);
  CHECK(c->file == "/mnt/a:/b/v.h5");
  CHECK(c->dataset == "/g/d");
}

TEST_CASE("hdf5 input: 8-bit, chunked deeper than one section") {
  TempDir dir;
  const auto values = volume<std::uint8_t>(6, 9, 11, 255);
  write_volume(dir / "v.h5", "/data", Hdf5Type::uint8, values, 6, 9, 11, {4, 5, 6});
  check_stack((dir / "v.h5").string() + ":/data", values, 6, 9, 11, PixelDepth::uint8);
  const auto stack = open_stack((dir / "v.h5").string() + ":/data");
  CHECK(stack->name(3) == "v.h5:/data#3");
}

TEST_CASE("hdf5 input: 16-bit, contiguous, in a group") {
  TempDir dir;
  const auto values = volume<std::uint16_t>(4, 7, 5, 65535);
  write_volume(dir / "v.hdf5", "/volumes/em/raw", Hdf5Type::uint16, values, 4, 7, 5);
  check_stack((dir / "v.hdf5").string() + ":/volumes/em/raw", values, 4, 7, 5, PixelDepth::uint16);
}

TEST_CASE("hdf5 input: float32 keeps NaN, one slice per chunk") {
  TempDir dir;
  auto values = volume<float>(5, 6, 8, 1000, 0.125, -50);
  values[6 * 8 * 2 + 3] = std::numeric_limits<float>::quiet_NaN();
  write_volume(dir / "f.h5", "/data", Hdf5Type::float32, values, 5, 6, 8, {1, 6, 8});
  const auto stack = open_stack((dir / "f.h5").string() + ":/data");
  REQUIRE(stack->size() == 5);
  const Section s = stack->read(2);
  CHECK(s.depth == PixelDepth::float32);
  CHECK(std::isnan(s.value(3)));
  CHECK(s.value(4) == values[6 * 8 * 2 + 4]);
  values[6 * 8 * 2 + 3] = 0;  // check_stack compares with ==; the NaN is checked above
  write_volume(dir / "g.h5", "/data", Hdf5Type::float32, values, 5, 6, 8, {1, 6, 8});
  check_stack((dir / "g.h5").string() + ":/data", values, 5, 6, 8, PixelDepth::float32);
}

TEST_CASE("hdf5 input: signed, 32-bit and float64 datasets are read as float") {
  TempDir dir;
  const auto i16 = volume<std::int16_t>(3, 4, 5, 60000, 1, -30000);
  write_volume(dir / "i16.h5", "/d", Hdf5Type::int16, i16, 3, 4, 5, {2, 2, 2});
  check_stack((dir / "i16.h5").string() + ":/d", i16, 3, 4, 5, PixelDepth::float32);
  const auto u32 = volume<std::uint32_t>(3, 4, 5, 16777215);
  write_volume(dir / "u32.h5", "/d", Hdf5Type::uint32, u32, 3, 4, 5);
  check_stack((dir / "u32.h5").string() + ":/d", u32, 3, 4, 5, PixelDepth::float32);
  const auto f64 = volume<double>(3, 4, 5, 1000, 0.5, -3);  // halves: exact in float
  write_volume(dir / "f64.h5", "/d", Hdf5Type::float64, f64, 3, 4, 5);
  check_stack((dir / "f64.h5").string() + ":/d", f64, 3, 4, 5, PixelDepth::float32);
}

TEST_CASE("hdf5 input: errors name the file and the dataset") {
  TempDir dir;
  const std::string file = (dir / "v.h5").string();
  const auto values = volume<std::uint8_t>(2, 3, 4, 255);
  write_volume(dir / "v.h5", "/data", Hdf5Type::uint8, values, 2, 3, 4);

  CHECK_THROWS_WITH_AS(open_stack(file + ":/nope"),
                       has(file + ":/nope: no such dataset; datasets in the file: /data (3-D)"),
                       DataError);
  CHECK_THROWS_WITH_AS(open_stack(file + ":/deep/er/nope"), has(file + ":/deep/er/nope: no such dataset"),
                       DataError);
  CHECK_THROWS_WITH_AS(open_stack(file), has(file + ": name the dataset to read, as " + file + ":/<dataset>"),
                       DataError);
  CHECK_THROWS_WITH_AS(open_stack((dir / "missing.h5").string() + ":/data"),
                       has((dir / "missing.h5").string() + ": no such file"), DataError);
  write_text(dir / "text.h5", "not hdf5 at all");
  CHECK_THROWS_WITH_AS(open_stack((dir / "text.h5").string() + ":/data"),
                       has((dir / "text.h5").string() + ": not an HDF5 file"), DataError);

  {
    Hdf5DatasetWriter flat(dir / "flat.h5", "/image", Hdf5Type::uint8, {3, 4});
    flat.close();
  }
  const std::string flat = (dir / "flat.h5").string();
  CHECK_THROWS_WITH_AS(open_stack(flat + ":/image"),
                       has(flat + ":/image: 2-D dataset; expected a 3-D stack (z, y, x)"), DataError);
  {
    Hdf5DatasetWriter wide(dir / "wide.h5", "/g/data", Hdf5Type::int64, {2, 3, 4});
    wide.close();
  }
  const std::string wide = (dir / "wide.h5").string();
  CHECK_THROWS_WITH_AS(open_stack(wide + ":/g/data"),
                       has(wide + ":/g/data: unsupported pixel type: signed 64-bit integer"), DataError);
  CHECK_THROWS_WITH_AS(open_stack(wide + ":/g"), has(wide + ":/g: is a group, not a dataset"), DataError);
  {
    Hdf5DatasetWriter empty(dir / "empty.h5", "/data", Hdf5Type::uint8, {0, 3, 4});
    empty.close();
  }
  CHECK_THROWS_WITH_AS(open_stack((dir / "empty.h5").string() + ":/data"), doctest::Contains("no sections"), DataError);
}

TEST_CASE("hdf5 input: a stack read from several threads gives the same sections") {
  TempDir dir;
  const auto values = volume<std::uint16_t>(8, 16, 16, 65535);
  write_volume(dir / "v.h5", "/data", Hdf5Type::uint16, values, 8, 16, 16, {3, 8, 8});
  const auto stack = open_stack((dir / "v.h5").string() + ":/data");
  // concurrent_reads() is false, but a reader must still be safe if two stacks (or a stack and
  // a writer) are used from different threads: HDF5 calls take turns under one lock.
  const auto other = open_stack((dir / "v.h5").string() + ":/data");
  std::vector<std::size_t> bad(2, 0);
  auto work = [&](const StackReader& s, std::size_t slot) {
    for (int round = 0; round < 20; ++round)
      for (std::size_t k = 0; k < s.size(); ++k) {
        const Section section = s.read(k);
        for (std::size_t i = 0; i < section.size(); ++i)
          if (section.value(i) != static_cast<float>(values[k * 256 + i])) ++bad[slot];
      }
  };
  std::thread a(work, std::cref(*stack), 0);
  std::thread b(work, std::cref(*other), 1);
  a.join();
  b.join();
  CHECK(bad[0] == 0);
  CHECK(bad[1] == 0);
}
