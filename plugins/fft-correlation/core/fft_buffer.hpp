#pragma once
// Float arrays from fftwf_malloc: every array handed to a plan's new-array execute must have
// the alignment of the arrays the plan was made with, which fftwf_malloc guarantees.

#include <cstddef>
#include <memory>

namespace zspace::fft_correlation {

struct FftwFree {
  void operator()(float* p) const noexcept;
};

/// Owning pointer to an fftwf_malloc'd float array.
using FloatBuffer = std::unique_ptr<float[], FftwFree>;

/// `count` floats, all zero. Throws std::bad_alloc when memory runs out.
FloatBuffer allocate_floats(std::size_t count);

}  // namespace zspace::fft_correlation
