#pragma once
/// @file fiji_files.hpp
/// The z table in the layouts of the tools users carry on with: the Fiji Z-Spacing plugin's
/// CSV and render's Zcoords.txt. docs/fiji-trakem2.md shows how to apply them.

#include <cstdint>
#include <string>
#include <vector>

namespace zspace {

/// The Fiji plugin's "Store transform as CSV" layout, for sections at estimated positions `z`
/// (input order, nominal spacing units). Header
/// "z-index,mapping,sorted mapping,forward permutation,backward permutation", then row i:
/// i, z[i], the i-th smallest z, the rank of section i in z order (forward), and the section
/// at rank i (backward); forward and backward are inverse permutations. Ties keep input order.
/// Numbers are shortest round-trip decimals; lines end in '\n'.
/// Throws DataError for an empty z or a non-finite value.
std::string fiji_csv(const std::vector<double>& z);

/// render's thickness-correction file (what its z-correction tools write as Zcoords.txt and
/// read with --z_coords): one line per section, "<layer z> <corrected z>" separated by a space,
/// where layer z = first_layer_z + i and corrected z = first_layer_z + z[i]. Lines are in
/// order of corrected z, which render requires to increase strictly; that is input order
/// unless the solver reordered sections.
/// Throws DataError for an empty z, a non-finite value, or two sections at the same corrected z.
std::string zcoords_txt(const std::vector<double>& z, std::int64_t first_layer_z = 0);

}  // namespace zspace
