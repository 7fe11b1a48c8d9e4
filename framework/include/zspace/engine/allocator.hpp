#pragma once
/// @file allocator.hpp
/// Process-wide memory allocator settings for streaming a stack.

namespace zspace {

/// Lets the C library's allocator keep freed section buffers for reuse instead of handing them
/// back to the system. The band engine allocates and frees one section-sized buffer per section
/// read; by default glibc serves buffers above its mmap threshold with fresh pages and returns
/// them on free, so every section costs a page fault per 4 KiB (a third of the NCC band's time
/// on 8-bit input). Peak memory is unchanged: what is kept is what the window already held.
/// Call once at program start, before threads start; a no-op outside glibc.
void keep_freed_buffers_for_reuse();

}  // namespace zspace
