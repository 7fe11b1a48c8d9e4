#pragma once
// Pixel storage of a prepared section: either its own block, starting on a 64-byte boundary
// (prepare() of a borrowed section copies into one), or the section's own pixel vector taken
// over without a copy (prepare_owned()), which keeps the allocator's 16-byte alignment.
//
// The own block is an ordinary allocation with the alignment taken inside it, not an
// over-aligned one: glibc did not reuse freed blocks for over-aligned requests, whose pages were
// then faulted in anew for every section (prepare of a 768^2 section: 112 us against 35 us).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace zspace::ncc {

template <class T>
class PixelBuffer {
 public:
  /// The element type of the Section vector a buffer can take over: uint8 for uint8 pixels,
  /// uint16 for int16 ones (the same bits, read as shifted values; see kernels.hpp).
  using Adopted = std::make_unsigned_t<T>;

  PixelBuffer() = default;
  /// n values, not initialised (the caller writes every one).
  explicit PixelBuffer(std::size_t n) : storage_(n ? new unsigned char[n * sizeof(T) + kAlignment - 1] : nullptr) {
    if (!n) return;
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.get());
    const std::size_t skip = (kAlignment - address % kAlignment) % kAlignment;
    data_ = reinterpret_cast<T*>(storage_.get() + skip);
    size_ = n;
  }
  /// Takes over `pixels` (no copy). T and Adopted differ at most in signedness, so the values
  /// may be read and written through T.
  explicit PixelBuffer(std::vector<Adopted>&& pixels) : adopted_(std::move(pixels)) {
    data_ = reinterpret_cast<T*>(adopted_.data());
    size_ = adopted_.size();
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T operator[](std::size_t i) const { return data_[i]; }

 private:
  static constexpr std::size_t kAlignment = 64;
  std::unique_ptr<unsigned char[]> storage_;
  std::vector<Adopted> adopted_;  // moving a vector keeps its block, so data_ stays valid
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace zspace::ncc
