#include "io/tiff_file.hpp"

#include <cstdarg>
#include <cstdio>
#include <mutex>

#include "io/io_util.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {

struct TiffCapture {
  std::string path;  // libtiff often uses the file name as "module"; messages name it already
  std::string error;
};

namespace {

std::string format(const char* module, const char* fmt, va_list args, const std::string& path = {}) {
  char buffer[512];
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  std::string body(buffer);
  if (!path.empty() && body.rfind(path + ": ", 0) == 0) body.erase(0, path.size() + 2);
  const bool named = module && *module && path != module;
  std::string text = named ? std::string(module) + ": " + body : body;
  return one_line(std::move(text));
}

extern "C" int on_error(TIFF*, void* user_data, const char* module, const char* fmt, va_list args) {
  auto* capture = static_cast<TiffCapture*>(user_data);
  if (capture->error.empty()) capture->error = format(module, fmt, args, capture->path);
  return 1;  // handled: libtiff must not call the global handler (which prints)
}

extern "C" int on_warning(TIFF*, void*, const char*, const char*, va_list) {
  return 1;  // unknown tags and the like: not the user's problem, and never on stderr
}

// A few libtiff code paths still report through the process-wide handlers; silence those too,
// keeping the message for the thread that caused it.
thread_local std::string global_error;

extern "C" void on_global_error(const char* module, const char* fmt, va_list args) {
  if (global_error.empty()) global_error = format(module, fmt, args);
}

extern "C" void on_global_warning(const char*, const char*, va_list) {}

void silence_global_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    TIFFSetErrorHandler(on_global_error);
    TIFFSetWarningHandler(on_global_warning);
  });
}

struct OptionsDeleter {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

}  // namespace

TiffFile::TiffFile(const std::filesystem::path& path, const char* mode)
    : path_(path), capture_(std::make_unique<TiffCapture>()) {
  capture_->path = path.string();
  silence_global_handlers();
  global_error.clear();
  std::unique_ptr<TIFFOpenOptions, OptionsDeleter> options(TIFFOpenOptionsAlloc());
  if (!options) throw DataError(path_.string() + ": out of memory");
  TIFFOpenOptionsSetErrorHandlerExtR(options.get(), on_error, capture_.get());
  TIFFOpenOptionsSetWarningHandlerExtR(options.get(), on_warning, nullptr);
  tif_ = TIFFOpenExt(path.c_str(), mode, options.get());
  if (!tif_) {
    const std::string detail = error();
    const char* action = mode[0] == 'r' ? "cannot open as TIFF" : "cannot create TIFF";
    throw DataError(path_.string() + ": " + action + (detail.empty() ? "" : ": " + detail));
  }
}

TiffFile::~TiffFile() {
  if (tif_) TIFFClose(tif_);
}

void TiffFile::clear_error() const {
  capture_->error.clear();
  global_error.clear();
}

std::string TiffFile::error() const { return capture_->error.empty() ? global_error : capture_->error; }

void TiffFile::close() {
  if (!tif_) return;
  clear_error();
  const int flushed = TIFFFlush(tif_);
  TIFFClose(tif_);
  tif_ = nullptr;
  if (!flushed || !error().empty()) throw DataError(tiff_message(path_.string(), "write failed", *this));
}

std::string tiff_message(const std::string& what, const std::string& reason, const TiffFile& file) {
  const std::string detail = file.error();
  return one_line(detail.empty() ? what + ": " + reason : what + ": " + reason + ": " + detail);
}

}  // namespace zspace::io
