#pragma once
/// @file corrected_stack.hpp
/// The corrected stack (output.corrected_stack): the input resampled to uniform spacing along z
/// over the range the estimated positions span, the way the Fiji plugin renders it. Written
/// streamingly: at most the two sections around the current output slice are in memory.

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zspace {

class Progress;
class StackReader;

/// File format of the corrected stack (output.corrected_format).
enum class CorrectedFormat {
  tiff,  ///< multi-page TIFF with ImageJ metadata; BigTIFF when over ~4 GB (Fiji then needs Bio-Formats)
  hdf5   ///< one 3-D dataset (z, y, x), one z-slice per chunk
};

/// How to write the corrected stack.
struct CorrectedStackOptions {
  /// Output slices per estimated section spacing (output.upsample), at least 1: N sections give
  /// N*U - (U-1) slices, so U = 1 keeps the slice count and U = 2 adds one between each pair.
  int upsample = 1;
  /// Input voxel size [x, y, z] in nm (input.voxel_size); z is the nominal section spacing.
  /// With it the output is calibrated: TIFF gets ImageJ's unit=nm, spacing and X/Y resolution;
  /// HDF5 gets element_size_um. Without it the output carries no physical size.
  std::optional<std::array<double, 3>> voxel_size;
  CorrectedFormat format = CorrectedFormat::tiff;  ///< file format
  /// HDF5 only: the dataset to create, an absolute path; missing groups are created.
  std::string dataset = "/corrected";
};

/// One output slice: a linear blend of the two sections whose estimated z bracket it.
struct CorrectedSlice {
  double z = 0;              ///< position, in the units of the estimated z (nominal spacings)
  std::size_t lower = 0;     ///< section (input index) at or just below z
  std::size_t upper = 0;     ///< section just above z; equals `lower` when z hits a section
  double upper_weight = 0;   ///< weight of `upper` in [0, 1); `lower` gets 1 - upper_weight
};

/// The slices of the corrected stack for sections at estimated positions `z` (input order;
/// unordered when the solver reordered them). Sections are taken in order of z (ties in input
/// order); slice k lies at z_min + k (z_max - z_min) / (M - 1), M = N*U - (U-1), and blends
/// the two sections whose z bracket it with weights by distance; a slice that coincides with
/// a section (the first and last always do) is that section alone.
/// Throws ConfigError for upsample < 1, DataError for an empty or non-finite z, or for several
/// sections that all share one z (no range to resample).
std::vector<CorrectedSlice> plan_corrected_stack(const std::vector<double>& z, int upsample);

/// Spacing of the output slices in the units of z: (z_max - z_min) / (M - 1); 1 for a single
/// section. Multiply by the nominal section spacing (voxel z) for a physical voxel depth.
double corrected_slice_spacing(const std::vector<double>& z, int upsample);

/// Writes the corrected stack of `input` (sections at estimated positions `z`, one per input
/// section) to `out`, in the input's pixel type: 8- and 16-bit sections give 8/16-bit output
/// (blends rounded to nearest, clamped), anything else float32. Float blends propagate NaN
/// (invalid pixels) from either side unless that side's weight is 0, i.e. the slice coincides
/// with the other section. Each section is read once, in z order. Reports one "corrected" stage
/// of M slices to `progress` when given, and polls interrupt_requested().
/// Throws ConfigError for bad options (naming output.upsample, input.voxel_size or the dataset),
/// DataError for input that cannot be read, sections of mixed pixel types, or an output that
/// cannot be written (a partial file this call created is removed), Interrupted when
/// interrupted, and std::invalid_argument when z.size() differs from input.size().
void write_corrected_stack(const StackReader& input, const std::vector<double>& z,
                           const CorrectedStackOptions& options, const std::filesystem::path& out,
                           Progress* progress = nullptr);

}  // namespace zspace
