#include "fft_buffer.hpp"

#include <fftw3.h>

#include <algorithm>
#include <new>

namespace zspace::fft_correlation {

void FftwFree::operator()(float* p) const noexcept { fftwf_free(p); }

FloatBuffer allocate_floats(std::size_t count) {
  auto* p = static_cast<float*>(fftwf_malloc(std::max<std::size_t>(count, 1) * sizeof(float)));
  if (p == nullptr) throw std::bad_alloc();
  std::fill(p, p + count, 0.0f);
  return FloatBuffer(p);
}

}  // namespace zspace::fft_correlation
