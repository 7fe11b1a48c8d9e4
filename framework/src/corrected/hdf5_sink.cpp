#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "corrected/slice_sink.hpp"
#include "io/hdf5_writer.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::corrected {
namespace {

// HDF5 refuses chunks of 4 GiB or more; sections that large are split into row bands.
constexpr std::uint64_t kMaxChunkBytes = (std::uint64_t{1} << 32) - 1;

io::Hdf5Type type_of(PixelDepth depth) {
  switch (depth) {
    case PixelDepth::uint8: return io::Hdf5Type::uint8;
    case PixelDepth::uint16: return io::Hdf5Type::uint16;
    default: return io::Hdf5Type::float32;
  }
}

std::uint64_t bytes_of(PixelDepth depth) {
  switch (depth) {
    case PixelDepth::uint8: return 1;
    case PixelDepth::uint16: return 2;
    default: return 4;
  }
}

const void* data_of(const Section& s) {
  switch (s.depth) {
    case PixelDepth::uint8: return s.pixels8.data();
    case PixelDepth::uint16: return s.pixels16.data();
    default: return s.pixels.data();
  }
}

std::vector<std::uint64_t> chunk_of(const StackShape& shape) {
  const auto w = static_cast<std::uint64_t>(shape.width);
  const auto h = static_cast<std::uint64_t>(shape.height);
  const std::uint64_t rows = std::max<std::uint64_t>(1, std::min(h, kMaxChunkBytes / (w * bytes_of(shape.depth))));
  return {1, rows, w};
}

class Hdf5Sink final : public SliceSink {
 public:
  Hdf5Sink(const std::filesystem::path& path, const std::string& dataset, const StackShape& shape)
      : shape_(shape),
        writer_(path, dataset, type_of(shape.depth),
                {shape.slices, static_cast<std::uint64_t>(shape.height), static_cast<std::uint64_t>(shape.width)},
                chunk_of(shape)) {
    if (shape.voxel_size) {
      const auto& v = *shape.voxel_size;
      writer_.set_attribute("element_size_um", {shape.spacing * v[2] / 1000.0, v[1] / 1000.0, v[0] / 1000.0});
    }
  }

  void write(const Section& slice) override {
    writer_.write({slice_, 0, 0},
                  {1, static_cast<std::uint64_t>(shape_.height), static_cast<std::uint64_t>(shape_.width)},
                  data_of(slice));
    ++slice_;
  }

  void finish() override { writer_.close(); }

 private:
  StackShape shape_;
  io::Hdf5DatasetWriter writer_;
  std::uint64_t slice_ = 0;
};

}  // namespace

std::unique_ptr<SliceSink> make_hdf5_sink(const std::filesystem::path& path, const std::string& dataset,
                                          const StackShape& shape) {
  return std::make_unique<Hdf5Sink>(path, dataset, shape);
}

}  // namespace zspace::corrected
