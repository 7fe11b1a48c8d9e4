#include "io/hdf5_writer.hpp"

#include "io/hdf5_library.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {
namespace {

using hdf5::Handle;

hid_t file_type(Hdf5Type type) {
  switch (type) {
    case Hdf5Type::uint8: return H5T_STD_U8LE;
    case Hdf5Type::uint16: return H5T_STD_U16LE;
    case Hdf5Type::uint32: return H5T_STD_U32LE;
    case Hdf5Type::uint64: return H5T_STD_U64LE;
    case Hdf5Type::int8: return H5T_STD_I8LE;
    case Hdf5Type::int16: return H5T_STD_I16LE;
    case Hdf5Type::int32: return H5T_STD_I32LE;
    case Hdf5Type::int64: return H5T_STD_I64LE;
    case Hdf5Type::float32: return H5T_IEEE_F32LE;
    case Hdf5Type::float64: return H5T_IEEE_F64LE;
  }
  return H5T_IEEE_F64LE;
}

hid_t memory_type(Hdf5Type type) {
  switch (type) {
    case Hdf5Type::uint8: return H5T_NATIVE_UINT8;
    case Hdf5Type::uint16: return H5T_NATIVE_UINT16;
    case Hdf5Type::uint32: return H5T_NATIVE_UINT32;
    case Hdf5Type::uint64: return H5T_NATIVE_UINT64;
    case Hdf5Type::int8: return H5T_NATIVE_INT8;
    case Hdf5Type::int16: return H5T_NATIVE_INT16;
    case Hdf5Type::int32: return H5T_NATIVE_INT32;
    case Hdf5Type::int64: return H5T_NATIVE_INT64;
    case Hdf5Type::float32: return H5T_NATIVE_FLOAT;
    case Hdf5Type::float64: return H5T_NATIVE_DOUBLE;
  }
  return H5T_NATIVE_DOUBLE;
}

std::vector<hsize_t> to_hsize(const std::vector<std::uint64_t>& v) { return {v.begin(), v.end()}; }

}  // namespace

struct Hdf5DatasetWriter::Impl {
  std::string what;  // "<file>:<dataset>" for messages
  std::string file_name;
  Hdf5Type type = Hdf5Type::uint8;
  std::size_t rank = 0;
  Handle file;
  Handle dataset;
};

Hdf5DatasetWriter::Hdf5DatasetWriter(const std::filesystem::path& file, const std::string& dataset, Hdf5Type type,
                                     const std::vector<std::uint64_t>& dims, const std::vector<std::uint64_t>& chunk)
    : impl_(std::make_unique<Impl>()) {
  impl_->file_name = file.string();
  impl_->what = file.string() + ":" + dataset;
  impl_->type = type;
  impl_->rank = dims.size();
  if (dataset.empty() || dataset.front() != '/')
    throw DataError(impl_->what + ": the dataset must be an absolute path such as /data");
  if (!chunk.empty() && chunk.size() != dims.size())
    throw DataError(impl_->what + ": chunk rank " + std::to_string(chunk.size()) + " differs from dataset rank " +
                    std::to_string(dims.size()));

  const auto guard = hdf5::lock();
  impl_->file = Handle(H5Fcreate(impl_->file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  if (!impl_->file.valid()) throw DataError(hdf5::message(impl_->file_name, "cannot create HDF5 file"));
  const std::vector<hsize_t> extent = to_hsize(dims);
  const Handle space(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), H5Sclose);
  const Handle link_props(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  const Handle create_props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (!space.valid() || !link_props.valid() || !create_props.valid() ||
      H5Pset_create_intermediate_group(link_props.get(), 1) < 0)
    throw DataError(hdf5::message(impl_->what, "cannot describe the dataset"));
  if (!chunk.empty()) {
    const std::vector<hsize_t> chunk_extent = to_hsize(chunk);
    if (H5Pset_chunk(create_props.get(), static_cast<int>(chunk_extent.size()), chunk_extent.data()) < 0)
      throw DataError(hdf5::message(impl_->what, "invalid chunk shape"));
  }
  impl_->dataset = Handle(H5Dcreate2(impl_->file.get(), dataset.c_str(), file_type(type), space.get(),
                                     link_props.get(), create_props.get(), H5P_DEFAULT),
                          H5Dclose);
  if (!impl_->dataset.valid()) throw DataError(hdf5::message(impl_->what, "cannot create the dataset"));
}

Hdf5DatasetWriter::~Hdf5DatasetWriter() {
  if (!impl_) return;
  const auto guard = hdf5::lock();
  impl_->dataset.reset();
  impl_->file.reset();
  hdf5::take_error();
}

void Hdf5DatasetWriter::write(const std::vector<std::uint64_t>& offset, const std::vector<std::uint64_t>& count,
                              const void* data) {
  if (offset.size() != impl_->rank || count.size() != impl_->rank)
    throw DataError(impl_->what + ": block of rank " + std::to_string(count.size()) + " for a " +
                    std::to_string(impl_->rank) + "-D dataset");
  const auto guard = hdf5::lock();
  if (!impl_->dataset.valid()) throw DataError(impl_->what + ": write after close");
  const std::vector<hsize_t> start = to_hsize(offset);
  const std::vector<hsize_t> extent = to_hsize(count);
  const Handle file_space(H5Dget_space(impl_->dataset.get()), H5Sclose);
  const Handle memory_space(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), H5Sclose);
  if (!file_space.valid() || !memory_space.valid() ||
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr) < 0 ||
      H5Sselect_valid(file_space.get()) <= 0)
    throw DataError(hdf5::message(impl_->what, "block outside the dataset"));
  if (H5Dwrite(impl_->dataset.get(), memory_type(impl_->type), memory_space.get(), file_space.get(), H5P_DEFAULT,
               data) < 0)
    throw DataError(hdf5::message(impl_->what, "cannot write"));
}

void Hdf5DatasetWriter::set_attribute(const std::string& name, const std::vector<double>& values) {
  const auto guard = hdf5::lock();
  if (!impl_->dataset.valid()) throw DataError(impl_->what + ": attribute after close");
  const hsize_t n = values.size();
  const Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  const Handle attribute(space.valid() ? H5Acreate2(impl_->dataset.get(), name.c_str(), H5T_IEEE_F64LE, space.get(),
                                                    H5P_DEFAULT, H5P_DEFAULT)
                                       : H5I_INVALID_HID,
                         H5Aclose);
  if (!attribute.valid() || H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, values.data()) < 0)
    throw DataError(hdf5::message(impl_->what, "cannot write attribute " + name));
}

void Hdf5DatasetWriter::close() {
  const auto guard = hdf5::lock();
  bool ok = impl_->dataset.reset();
  if (impl_->file.valid()) ok = H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL) >= 0 && ok;
  ok = impl_->file.reset() && ok;
  if (!ok) throw DataError(hdf5::message(impl_->file_name, "cannot finish the file"));
}

}  // namespace zspace::io
