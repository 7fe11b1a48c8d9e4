#pragma once
// How fast the exact 8-bit NCC arithmetic can run on this machine when no byte has to come from
// memory: the band's multiply-adds on sections that sit in L1, in every thread at once. Divided
// into the band's multiply-adds this is the lowest time any schedule of the band can reach with
// that instruction mix, which the band's read floor is compared against.
//
//   ceiling/ncc_kernel_l1   ncc's own AVX2 dot-product kernel (kernels::dots_u8): each partner's
//                           bytes split into 16-bit lanes per use, two multiply-adds per 32 pixels
//   ceiling/exact_4op_l1    the cheapest exact AVX2 form we know: both sections split into 16-bit
//                           even and odd lanes beforehand, and Winograd's pairing
//                           x.y = sum (x_2k + y_2k+1)(x_2k+1 + y_2k) - xi(x) - xi(y), so one
//                           multiply-add and three additions per 32 pixels and pair
// Both report "products" (multiply-adds per second, all threads); the results of both forms are
// checked against each other before timing.

namespace zspace::bench {

/// Registers the ceiling benchmarks, run in `threads` threads; none where the CPU lacks AVX2.
void register_ncc_ceiling(int threads);

}  // namespace zspace::bench
