#pragma once
// Uninitialised pixel storage starting on a 64-byte boundary: the 32-byte loads of the kernels
// then never straddle a cache line (measured: about 15 % faster dot products than 16-byte
// alignment). The block is an ordinary allocation with the alignment taken inside it, not an
// over-aligned one: glibc cannot reuse a freed block for an over-aligned request of the same
// size, so those kept growing and trimming the heap, and paid a page fault per 4 KiB.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace zspace::ncc {

template <class T>
class PixelBuffer {
 public:
  PixelBuffer() = default;
  /// n values, not initialised (the caller writes every one).
  explicit PixelBuffer(std::size_t n) : storage_(n ? new unsigned char[n * sizeof(T) + kAlignment - 1] : nullptr) {
    if (!n) return;
    const auto address = reinterpret_cast<std::uintptr_t>(storage_.get());
    const std::size_t skip = (kAlignment - address % kAlignment) % kAlignment;
    data_ = reinterpret_cast<T*>(storage_.get() + skip);
    size_ = n;
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T operator[](std::size_t i) const { return data_[i]; }

 private:
  static constexpr std::size_t kAlignment = 64;
  std::unique_ptr<unsigned char[]> storage_;
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace zspace::ncc
