#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "io/folder_stack.hpp"
#include "io/hdf5_path.hpp"
#include "io/hdf5_stack.hpp"
#include "io/image_file.hpp"
#include "io/multipage_stack.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace {
namespace {

namespace fs = std::filesystem;

std::string reason(const std::error_code& ec) { return ec.message(); }

// Image files directly in `folder`, in natural order of their names. Hidden files and anything
// else (PROVENANCE.md, thumbnails folders) are not sections.
std::vector<fs::path> list_slices(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) throw DataError(folder.string() + ": cannot list folder: " + reason(ec));
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) throw DataError(folder.string() + ": cannot list folder: " + reason(ec));
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name.front() == '.' || !io::is_image_file_name(p)) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // follows symlinks; skips folders named x.tif
    files.push_back(p);
  }
  if (ec) throw DataError(folder.string() + ": cannot list folder: " + reason(ec));
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });
  return files;
}

}  // namespace

std::unique_ptr<StackReader> open_stack(const std::filesystem::path& path) {
  if (const auto location = io::split_hdf5_path(path.string())) return io::open_hdf5_stack(*location);
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    const std::string why = ec && ec != std::errc::no_such_file_or_directory ? reason(ec) : "no such file or folder";
    throw DataError(path.string() + ": " + why);
  }
  if (fs::is_directory(status)) {
    std::vector<fs::path> files = list_slices(path);
    if (files.empty()) throw DataError(path.string() + ": no images (.png, .tif, .tiff) found");
    return std::make_unique<io::FolderStack>(std::move(files));
  }
  // A lone PNG is a one-section stack; any other file is read as a (multi-page) TIFF, whose
  // pages are the sections.
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".png") return std::make_unique<io::FolderStack>(std::vector<fs::path>{path});
  // An HDF5 file without ":/dataset": the reader answers with the datasets it holds.
  if (io::has_hdf5_extension(path)) return io::open_hdf5_stack(io::Hdf5Location{path, ""});
  return std::make_unique<io::MultipageStack>(path);
}

}  // namespace zspace
