#pragma once
// Helpers for the hostile-input tests: fixture writers (libtiff/libpng directly, so the readers
// under test do not grade their own homework), the checks every refused input must pass, and a
// background run of the binary that can be sent a signal.
//
// The TIFF writer here also writes the pixel types the readers refuse (signed, 64-bit, palette,
// several samples), which io/io_fixtures.hpp's writers do not.

#include <doctest/doctest.h>
#include <png.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <tiffio.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/engine/image_io.hpp"

namespace zspace::hostile {

using namespace zspace::test;

inline const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";
inline const fs::path kStack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";
/// Few solver iterations: the hostile tests are about refusals, not accuracy.
inline const std::string kFast = " --set solver.params.outer_iterations=5 --threads 2";

// ---------------------------------------------------------------------------------------------
// Fixtures

/// Smooth random sections whose correlation decays with distance (AR(1) in z, rho = 0.8), so the
/// solver has something to work with. Values in [0, 255].
inline std::vector<std::vector<double>> correlated_sections(int width, int height, std::size_t count,
                                                            unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::size_t pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  const double rho = 0.8, fresh = std::sqrt(1 - rho * rho);
  std::vector<double> field(pixels);
  for (auto& v : field) v = normal(rng);
  std::vector<std::vector<double>> out;
  for (std::size_t k = 0; k < count; ++k) {
    if (k > 0)
      for (auto& v : field) v = rho * v + fresh * normal(rng);
    std::vector<double> section(pixels);
    for (std::size_t i = 0; i < pixels; ++i) section[i] = std::clamp(128.0 + 40.0 * field[i], 0.0, 255.0);
    out.push_back(std::move(section));
  }
  return out;
}

struct Page {
  int width = 8;
  int height = 8;
  int bits = 8;
  int sample_format = SAMPLEFORMAT_UINT;
  int samples = 1;
  int photometric = PHOTOMETRIC_MINISBLACK;
  std::vector<double> values;  ///< width*height*samples; empty = a gradient
};

template <typename T>
void append_as(std::vector<unsigned char>& bytes, double v) {
  const T t = static_cast<T>(v);
  unsigned char raw[sizeof(T)];
  std::memcpy(raw, &t, sizeof(T));
  bytes.insert(bytes.end(), raw, raw + sizeof(T));
}

inline std::vector<unsigned char> page_bytes(const Page& p) {
  const std::size_t count = static_cast<std::size_t>(p.width) * p.height * p.samples;
  std::vector<unsigned char> bytes;
  for (std::size_t i = 0; i < count; ++i) {
    const double v = p.values.empty() ? static_cast<double>((i * 37) % 200) : p.values[i];
    const bool fp = p.sample_format == SAMPLEFORMAT_IEEEFP, sint = p.sample_format == SAMPLEFORMAT_INT;
    switch (p.bits) {
      case 8: sint ? append_as<std::int8_t>(bytes, v) : append_as<std::uint8_t>(bytes, v); break;
      case 16: sint ? append_as<std::int16_t>(bytes, v) : append_as<std::uint16_t>(bytes, v); break;
      case 32: fp ? append_as<float>(bytes, v) : sint ? append_as<std::int32_t>(bytes, v) : append_as<std::uint32_t>(bytes, v); break;
      case 64: fp ? append_as<double>(bytes, v) : sint ? append_as<std::int64_t>(bytes, v) : append_as<std::uint64_t>(bytes, v); break;
      default: throw std::runtime_error("fixture: bad bits");
    }
  }
  return bytes;
}

/// One TIFF page per entry (a multi-page file when several), uncompressed strips.
inline void write_tiff(const fs::path& path, const std::vector<Page>& pages) {
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  if (!tif) throw std::runtime_error("fixture: cannot create " + path.string());
  for (const Page& p : pages) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(p.width));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(p.height));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(p.samples));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(p.bits));
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, static_cast<std::uint16_t>(p.sample_format));
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, static_cast<std::uint16_t>(p.photometric));
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<std::uint32_t>(p.height));
    std::vector<std::uint16_t> map;
    if (p.photometric == PHOTOMETRIC_PALETTE) {
      map.resize(std::size_t{1} << p.bits);
      for (std::size_t i = 0; i < map.size(); ++i) map[i] = static_cast<std::uint16_t>(i * 257);
      TIFFSetField(tif, TIFFTAG_COLORMAP, map.data(), map.data(), map.data());
    }
    const std::vector<unsigned char> bytes = page_bytes(p);
    const std::size_t row = bytes.size() / static_cast<std::size_t>(p.height);
    for (int y = 0; y < p.height; ++y) {
      std::vector<unsigned char> line(bytes.begin() + static_cast<std::ptrdiff_t>(y * row),
                                      bytes.begin() + static_cast<std::ptrdiff_t>((y + 1) * row));
      if (TIFFWriteScanline(tif, line.data(), static_cast<std::uint32_t>(y), 0) < 0)
        throw std::runtime_error("fixture: scanline write failed");
    }
    if (!TIFFWriteDirectory(tif)) throw std::runtime_error("fixture: directory write failed");
  }
  TIFFClose(tif);
}

/// An 8-bit greyscale section.
inline void write_u8_tiff(const fs::path& path, int width, int height, const std::vector<double>& values) {
  write_tiff(path, {Page{width, height, 8, SAMPLEFORMAT_UINT, 1, PHOTOMETRIC_MINISBLACK, values}});
}

/// A float32 section (NaN allowed).
inline void write_f32_tiff(const fs::path& path, int width, int height, const std::vector<double>& values) {
  write_tiff(path, {Page{width, height, 32, SAMPLEFORMAT_IEEEFP, 1, PHOTOMETRIC_MINISBLACK, values}});
}

/// A PNG with the low-level API: any colour type (grey, RGB, palette), 8-bit samples.
inline void write_png(const fs::path& path, int width, int height, int color_type) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("fixture: cannot create " + path.string());
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    throw std::runtime_error("fixture: png write failed");
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, color_type,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  std::vector<png_color> palette(256);
  if (color_type == PNG_COLOR_TYPE_PALETTE) {
    for (int i = 0; i < 256; ++i)
      palette[static_cast<std::size_t>(i)] = png_color{static_cast<png_byte>(i), static_cast<png_byte>(i),
                                                       static_cast<png_byte>(i)};
    png_set_PLTE(png, info, palette.data(), 256);
  }
  png_write_info(png, info);
  const int channels = color_type == PNG_COLOR_TYPE_RGB ? 3 : 1;
  std::vector<png_byte> row(static_cast<std::size_t>(width) * channels);
  for (int y = 0; y < height; ++y) {
    for (std::size_t x = 0; x < row.size(); ++x) row[x] = static_cast<png_byte>((x * 31 + static_cast<std::size_t>(y) * 17) % 251);
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
}

/// prefix + k + suffix, built piecewise (GCC 12 warns, -Wrestrict, on "literal" + std::string).
inline std::string numbered(const char* prefix, std::size_t k, const char* suffix) {
  std::string s = prefix;
  s += std::to_string(k);
  s += suffix;
  return s;
}

/// A folder of `count` 8-bit TIFF sections, 32x32, correlated in z: a stack that runs cleanly.
inline void write_good_stack(const fs::path& dir, std::size_t count) {
  fs::create_directories(dir);
  const auto sections = correlated_sections(32, 32, count);
  for (std::size_t k = 0; k < count; ++k)
    write_u8_tiff(dir / numbered("s", k, ".tif"), 32, 32, sections[k]);
}

inline void truncate_to(const fs::path& path, double fraction) {
  fs::resize_file(path, static_cast<std::uintmax_t>(static_cast<double>(fs::file_size(path)) * fraction));
}

/// Overwrites `count` bytes at `offset` with `byte`.
inline void damage(const fs::path& path, std::size_t offset, std::size_t count, unsigned char byte = 0xff) {
  std::string bytes = read_text(path);
  REQUIRE(offset + count <= bytes.size());
  for (std::size_t i = 0; i < count; ++i) bytes[offset + i] = static_cast<char>(byte);
  write_text(path, bytes);
}

// ---------------------------------------------------------------------------------------------
// Checks

/// Nothing in `dir` (or no `dir` at all): no results, no temporaries, no probe files.
inline bool left_nothing(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  return fs::directory_iterator(dir) == fs::directory_iterator();
}

inline bool has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.find(".tmp.") != std::string::npos || name.find(".zspace-probe") != std::string::npos) return true;
  }
  return false;
}

/// The refusal contract: exit `code` (no signal), exactly one line on stderr of the form
/// "zspace: error: ..." that contains every `culprit`, and no result files in `out`.
inline void expect_refusal(const CommandResult& r, int code, const std::vector<std::string>& culprits,
                           const fs::path& out) {
  INFO("stderr: " << r.err);
  INFO("stdout: " << r.out);
  CHECK(r.exit_code < 128);
  CHECK(r.exit_code == code);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.rfind("zspace: error: ", 0) == 0);
  for (const auto& c : culprits) CHECK_MESSAGE(r.err.find(c) != std::string::npos, "missing: " << c);
  CHECK(r.out.empty());
  CHECK(left_nothing(out));
}

/// `zspace run` of the default pipeline (fast settings) on `input` into `out`, plus `extra`.
inline CommandResult run_on(const fs::path& input, const fs::path& out, const std::string& extra = "") {
  return run_zspace("run " + kDefault + " --quiet" + kFast + " --input " + quote(input) + " --output " +
                    quote(out) + " " + extra);
}

// ---------------------------------------------------------------------------------------------
// A run in the background, for signals

class BackgroundRun {
 public:
  BackgroundRun(const std::vector<std::string>& args, const fs::path& capture_dir)
      : out_(capture_dir / "stdout"), err_(capture_dir / "stderr") {
    std::vector<std::string> all{ZSPACE_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      // The child: default dispositions and an empty mask, whatever the test runner set.
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      std::FILE* in = std::freopen("/dev/null", "r", stdin);
      std::FILE* o = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* e = std::freopen(err_.c_str(), "w", stderr);
      if (in && o && e) ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~BackgroundRun() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  BackgroundRun(const BackgroundRun&) = delete;
  BackgroundRun& operator=(const BackgroundRun&) = delete;

  /// Waits until stderr contains `marker` (true) or the process ended or `timeout` passed (false).
  bool wait_for_stderr(const std::string& marker, std::chrono::duration<double> timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (read_text(err_).find(marker) != std::string::npos) return true;
      if (poll_exit()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  void send(int sig) { ::kill(pid_, sig); }

  /// Waits up to `timeout` for the exit; the exit code (128+signal if killed), or -1 on timeout
  /// (the process is then killed).
  int wait_exit(std::chrono::duration<double> timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!poll_exit()) {
      if (std::chrono::steady_clock::now() >= end) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return exit_code_;
  }

  bool running() { return !poll_exit(); }
  std::string err() const { return read_text(err_); }
  std::string out() const { return read_text(out_); }

 private:
  bool poll_exit() {
    if (reaped_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    reaped_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    return true;
  }

  fs::path out_, err_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = -1;
};

}  // namespace zspace::hostile
