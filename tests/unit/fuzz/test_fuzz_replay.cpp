// Replays every seed of the fuzz corpora and every input that once crashed, hung or ran out of
// memory through the same entry points the fuzzers use: each must end in a documented error or
// success, never a crash, a sanitizer report or an escaping exception of another type.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "entries.hpp"

namespace {

namespace fs = std::filesystem;

using Entry = void (*)(const std::uint8_t*, std::size_t);

std::size_t replay(const std::string& target, Entry entry) {
  std::size_t count = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(ZSPACE_SOURCE_DIR) / "fuzz" / kind / target;
    if (!fs::is_directory(dir)) continue;
    for (const auto& file : fs::directory_iterator(dir)) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      CAPTURE(file.path().string());
      CHECK_NOTHROW(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
      ++count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("fuzz inputs: pipeline parser and validator") { CHECK(replay("pipeline", zspace::fuzz::pipeline) >= 3); }
TEST_CASE("fuzz inputs: TIFF stack reader") { CHECK(replay("tiff", zspace::fuzz::tiff) >= 5); }
TEST_CASE("fuzz inputs: PNG section reader") { CHECK(replay("png", zspace::fuzz::png) >= 2); }
TEST_CASE("fuzz inputs: saved-band reader") { CHECK(replay("band", zspace::fuzz::band) >= 2); }
