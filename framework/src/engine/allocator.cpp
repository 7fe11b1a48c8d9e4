#include "zspace/engine/allocator.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace zspace {

void keep_freed_buffers_for_reuse() {
#if defined(__GLIBC__)
  // Sections up to 32 MiB (a 4096^2 16-bit section) come from the heap, and up to 512 MiB of
  // free heap is kept rather than trimmed.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

}  // namespace zspace
