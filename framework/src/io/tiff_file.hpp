#pragma once
// An open libtiff handle whose diagnostics are captured instead of printed to stderr.

#include <tiffio.h>

#include <filesystem>
#include <memory>
#include <string>

namespace zspace::io {

struct TiffCapture;

class TiffFile {
 public:
  /// mode as for TIFFOpen ("r", "w", "w8"). Throws DataError "<path>: <reason>".
  TiffFile(const std::filesystem::path& path, const char* mode);
  ~TiffFile();
  TiffFile(const TiffFile&) = delete;
  TiffFile& operator=(const TiffFile&) = delete;

  TIFF* get() const { return tif_; }
  const std::filesystem::path& path() const { return path_; }

  /// Forgets earlier libtiff errors, so the next failure reports its own cause.
  void clear_error() const;
  /// The first libtiff error since clear_error(), one line; empty if none.
  std::string error() const;

  /// Flushes and closes; throws DataError if libtiff reports a failure (writing).
  void close();

 private:
  std::filesystem::path path_;
  std::unique_ptr<TiffCapture> capture_;  // stable address: libtiff keeps a pointer to it
  TIFF* tif_ = nullptr;
};

/// "<what>: <reason>[: <libtiff error>]" as one line.
std::string tiff_message(const std::string& what, const std::string& reason, const TiffFile& file);

}  // namespace zspace::io
