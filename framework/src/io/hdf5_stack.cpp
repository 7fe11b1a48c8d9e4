#include "io/hdf5_stack.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "io/hdf5_library.hpp"
#include "io/image_header.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {
namespace {

using hdf5::Handle;

// A chunk cache this large holds one z-layer of chunks for sections of up to 16k x 16k float
// with 1-deep chunks; deeper chunks over such sections are read more than once instead.
constexpr double kMaxChunkCacheBytes = 512.0 * 1024 * 1024;

// Up to this many dataset names are listed when the one asked for does not exist.
constexpr std::size_t kListedDatasets = 8;

struct VisitState {
  std::vector<std::string> names;
  std::size_t total = 0;
};

// Datasets in the file with their rank ("/raw (3-D)"), for the "no such dataset" message.
std::string list_datasets(hid_t file) {
  VisitState state;
  // A captureless generic lambda converts to H5L_iterate_t whatever link-info struct this
  // HDF5 version passes.
  // HDF5 is C: no exception may cross it, so a failure here just stops the listing.
  const H5L_iterate_t visit = [](hid_t group, const char* name, const auto*, void* data) -> herr_t {
    try {
      auto* s = static_cast<VisitState*>(data);
      const Handle object(H5Oopen(group, name, H5P_DEFAULT), H5Oclose);
      if (!object.valid() || H5Iget_type(object.get()) != H5I_DATASET) return 0;
      ++s->total;
      if (s->names.size() < kListedDatasets) {
        const Handle space(H5Dget_space(object.get()), H5Sclose);
        const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
        // Appended piece by piece: GCC 12 warns (-Wrestrict) on "literal" + std::string here.
        std::string entry(1, '/');
        entry.append(name);
        if (rank >= 0) entry.append(" (").append(std::to_string(rank)).append("-D)");
        s->names.push_back(std::move(entry));
      }
      return 0;
    } catch (...) {
      return -1;
    }
  };
  H5Lvisit(file, H5_INDEX_NAME, H5_ITER_INC, visit, &state);
  hdf5::take_error();
  if (state.total == 0) return "the file holds no datasets";
  std::string text = "datasets in the file: ";
  for (std::size_t i = 0; i < state.names.size(); ++i) text += (i ? ", " : "") + state.names[i];
  if (state.total > state.names.size()) text += ", ... (" + std::to_string(state.total) + " in all)";
  return text;
}

// H5Lexists fails rather than answering "no" when a parent group is missing, so walk the path.
bool dataset_path_exists(hid_t file, const std::string& dataset) {
  std::size_t at = 0;
  while (at != std::string::npos) {
    at = dataset.find('/', at + 1);
    const std::string prefix = dataset.substr(0, at);
    if (prefix == "/" || prefix.empty()) continue;
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) {
      hdf5::take_error();
      return false;
    }
  }
  return true;
}

// The Section depth a dataset type is read as (HDF5 converts while reading).
PixelDepth section_depth(hid_t type, const std::string& what) {
  const H5T_class_t type_class = H5Tget_class(type);
  const std::size_t bytes = H5Tget_size(type);
  const std::string bits = std::to_string(bytes * 8) + "-bit";
  const std::string expected = " (expected 8-, 16- or 32-bit integers, float32 or float64)";
  if (type_class == H5T_INTEGER) {
    const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
    const std::string name = (is_signed ? "signed " : "unsigned ") + bits + " integer";
    if (bytes > 4) throw DataError(what + ": unsupported pixel type: " + name + expected);
    if (!is_signed && bytes == 1) return PixelDepth::uint8;
    if (!is_signed && bytes == 2) return PixelDepth::uint16;
    return PixelDepth::float32;
  }
  if (type_class == H5T_FLOAT) {
    if (bytes != 4 && bytes != 8) throw DataError(what + ": unsupported pixel type: " + bits + " float" + expected);
    return PixelDepth::float32;
  }
  const char* name = type_class == H5T_COMPOUND ? "compound"
                     : type_class == H5T_STRING ? "string"
                     : type_class == H5T_ENUM   ? "enum"
                     : type_class == H5T_ARRAY  ? "array"
                                                : "non-numeric";
  throw DataError(what + ": unsupported pixel type: " + name + expected);
}

hid_t memory_type(PixelDepth depth) {
  switch (depth) {
    case PixelDepth::uint8: return H5T_NATIVE_UINT8;
    case PixelDepth::uint16: return H5T_NATIVE_UINT16;
    default: return H5T_NATIVE_FLOAT;
  }
}

class Hdf5Stack final : public StackReader {
 public:
  explicit Hdf5Stack(const Hdf5Location& location);

  std::size_t size() const override { return depth_; }
  int width() const override { return width_; }
  int height() const override { return height_; }
  std::string name(std::size_t i) const override;
  Section read(std::size_t i) const override;
  // HDF5 calls take turns under one lock anyway; say so, so the engine does not try.
  bool concurrent_reads() const override { return false; }

 private:
  void open_dataset(const std::string& dataset);
  void configure_chunk_cache(const std::string& dataset);

  std::string what_;   // "<file>:<dataset>" for messages
  std::string label_;  // "<file name>:<dataset>" for section names
  Handle file_;
  Handle dataset_;
  PixelDepth pixels_ = PixelDepth::float32;
  std::size_t depth_ = 0;
  int width_ = 0;
  int height_ = 0;
};

Hdf5Stack::Hdf5Stack(const Hdf5Location& location)
    : what_(location.file.string() + ":" + location.dataset),
      label_(location.file.filename().string() + ":" + location.dataset) {
  const std::string file_name = location.file.string();
  std::error_code ec;
  if (!std::filesystem::exists(location.file, ec)) throw DataError(file_name + ": no such file");
  if (std::filesystem::is_directory(location.file, ec)) throw DataError(file_name + ": is a folder, not an HDF5 file");

  const auto guard = hdf5::lock();
  if (H5Fis_hdf5(file_name.c_str()) <= 0) {
    hdf5::take_error();
    throw DataError(file_name + ": not an HDF5 file");
  }
  file_ = Handle(H5Fopen(file_name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file_.valid()) throw DataError(hdf5::message(file_name, "cannot open"));
  if (location.dataset.empty())
    throw DataError(file_name + ": name the dataset to read, as " + file_name + ":/<dataset>; " +
                    list_datasets(file_.get()));
  if (location.dataset.front() != '/')
    throw DataError(what_ + ": the dataset must be an absolute path such as /data");
  if (!dataset_path_exists(file_.get(), location.dataset))
    throw DataError(what_ + ": no such dataset; " + list_datasets(file_.get()));
  open_dataset(location.dataset);
  configure_chunk_cache(location.dataset);
}

void Hdf5Stack::open_dataset(const std::string& dataset) {
  const Handle object(H5Oopen(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Oclose);
  if (!object.valid()) throw DataError(hdf5::message(what_, "cannot open"));
  if (H5Iget_type(object.get()) != H5I_DATASET)
    throw DataError(what_ + ": is a group, not a dataset; " + list_datasets(file_.get()));

  dataset_ = Handle(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!dataset_.valid()) throw DataError(hdf5::message(what_, "cannot open the dataset"));
  const Handle space(H5Dget_space(dataset_.get()), H5Sclose);
  const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank < 0) throw DataError(hdf5::message(what_, "cannot read the dataset's shape"));
  if (rank != 3)
    throw DataError(what_ + ": " + std::to_string(rank) + "-D dataset; expected a 3-D stack (z, y, x)");
  std::array<hsize_t, 3> dims{};
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  const std::string size = std::to_string(dims[2]) + "x" + std::to_string(dims[1]);
  if (dims[0] == 0) throw DataError(what_ + ": the dataset has no sections (z extent 0)");
  if (dims[1] == 0 || dims[2] == 0) throw DataError(what_ + ": empty sections (" + size + ")");
  if (dims[1] > hsize_t{1} << 30 || dims[2] > hsize_t{1} << 30 || dims[1] * dims[2] > max_section_pixels)
    throw DataError(what_ + ": sections too large (" + size + ")");
  depth_ = static_cast<std::size_t>(dims[0]);
  height_ = static_cast<int>(dims[1]);
  width_ = static_cast<int>(dims[2]);

  const Handle type(H5Dget_type(dataset_.get()), H5Tclose);
  if (!type.valid()) throw DataError(hdf5::message(what_, "cannot read the pixel type"));
  pixels_ = section_depth(type.get(), what_);
}

// HDF5's default chunk cache is 1 MiB: a slice through chunks deeper than one section would
// decode every chunk again for each of its z-planes. Reopen with room for one layer of chunks.
void Hdf5Stack::configure_chunk_cache(const std::string& dataset) {
  const Handle create(H5Dget_create_plist(dataset_.get()), H5Pclose);
  if (!create.valid() || H5Pget_layout(create.get()) != H5D_CHUNKED) {
    hdf5::take_error();
    return;
  }
  std::array<hsize_t, 3> chunk{};
  if (H5Pget_chunk(create.get(), 3, chunk.data()) != 3 || chunk[0] == 0 || chunk[1] == 0 || chunk[2] == 0) {
    hdf5::take_error();
    return;
  }
  const Handle type(H5Dget_type(dataset_.get()), H5Tclose);
  const double element = type.valid() ? static_cast<double>(H5Tget_size(type.get())) : 4.0;
  const double per_layer = std::ceil(static_cast<double>(height_) / static_cast<double>(chunk[1])) *
                           std::ceil(static_cast<double>(width_) / static_cast<double>(chunk[2]));
  const double chunk_bytes = static_cast<double>(chunk[0]) * static_cast<double>(chunk[1]) *
                             static_cast<double>(chunk[2]) * element;
  // Room for one chunk more than a layer: HDF5 evicts before it inserts.
  const double wanted = std::min((per_layer + 1) * chunk_bytes, kMaxChunkCacheBytes);
  if (wanted <= 1024.0 * 1024.0) return;  // the default already holds a layer
  // HDF5 advises about 100 hash slots per cached chunk, odd (ideally prime) in number.
  const auto slots = static_cast<std::size_t>(std::min(per_layer * 100.0, 1.0e6)) | 1u;
  const Handle access(H5Pcreate(H5P_DATASET_ACCESS), H5Pclose);
  if (!access.valid() ||
      H5Pset_chunk_cache(access.get(), slots, static_cast<std::size_t>(wanted), H5D_CHUNK_CACHE_W0_DEFAULT) < 0) {
    hdf5::take_error();
    return;
  }
  // An open dataset keeps the cache it was opened with, even for a second handle: close first.
  dataset_.reset();
  dataset_ = Handle(H5Dopen2(file_.get(), dataset.c_str(), access.get()), H5Dclose);
  if (!dataset_.valid()) throw DataError(hdf5::message(what_, "cannot open the dataset"));
}

std::string Hdf5Stack::name(std::size_t i) const {
  if (i >= depth_) throw std::out_of_range("section " + std::to_string(i) + " of " + std::to_string(depth_));
  return label_ + "#" + std::to_string(i);
}

Section Hdf5Stack::read(std::size_t i) const {
  Section section;
  section.source = name(i);  // checks the bound
  section.index = i;
  section.width = width_;
  section.height = height_;
  section.depth = pixels_;
  void* buffer = nullptr;
  switch (pixels_) {
    case PixelDepth::uint8: section.pixels8.resize(section.size()); buffer = section.pixels8.data(); break;
    case PixelDepth::uint16: section.pixels16.resize(section.size()); buffer = section.pixels16.data(); break;
    default: section.pixels.resize(section.size()); buffer = section.pixels.data(); break;
  }
  const std::string where = what_ + "#" + std::to_string(i);
  const auto guard = hdf5::lock();
  const Handle file_space(H5Dget_space(dataset_.get()), H5Sclose);
  const std::array<hsize_t, 3> start{i, 0, 0};
  const std::array<hsize_t, 3> count{1, static_cast<hsize_t>(height_), static_cast<hsize_t>(width_)};
  const hsize_t pixels = section.size();
  const Handle memory_space(H5Screate_simple(1, &pixels, nullptr), H5Sclose);
  if (!file_space.valid() || !memory_space.valid() ||
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
    throw DataError(hdf5::message(where, "cannot select the section"));
  if (H5Dread(dataset_.get(), memory_type(pixels_), memory_space.get(), file_space.get(), H5P_DEFAULT, buffer) < 0)
    throw DataError(hdf5::message(where, "cannot read the section"));
  return section;
}

}  // namespace

std::unique_ptr<StackReader> open_hdf5_stack(const Hdf5Location& location) {
  return std::make_unique<Hdf5Stack>(location);
}

}  // namespace zspace::io
