#pragma once
/// @file parallel.hpp
/// Deterministic data parallelism: work is cut into blocks of a fixed size that does not depend
/// on the thread count, and any floating-point reduction combines the blocks in block order.
/// Results are therefore bit-identical for any number of threads.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>

namespace zspace::fixed_point {

/// Rows per block. Large enough to amortise scheduling, small enough to balance two cores.
inline constexpr std::size_t kRowBlock = 2048;

inline std::size_t block_count(std::size_t n, std::size_t block = kRowBlock) {
  return (n + block - 1) / block;
}

/// Calls fn(block_index, first_row, end_row) for every block of [0, n), in parallel.
template <class Fn>
void for_each_block(std::size_t n, Fn&& fn, std::size_t block = kRowBlock) {
  const std::size_t blocks = block_count(n, block);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t b = r.begin(); b != r.end(); ++b)
                        fn(b, b * block, std::min(n, (b + 1) * block));
                    });
}

}  // namespace zspace::fixed_point
