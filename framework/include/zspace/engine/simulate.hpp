#pragma once
/// @file simulate.hpp
/// Stacks with known z: sections of a synthetic 3-D texture or slices of an isotropic volume,
/// taken at depths that follow a chosen pattern, with optional defective sections. The output
/// folder holds the sections (0000.tif, 0001.tif, ...), truth.csv (the true depth of every
/// section) and simulation.yaml (the resolved specification, enough to make the stack again).
///
/// Depth units: nominal spacings for the texture, voxels (slice indices) for a volume.
/// Everything random is drawn from `seed` with portable generators, so a specification gives
/// the same files on every machine and for every thread count. Error messages name the fields
/// as `zspace simulate` options (--sections, --thickness, ...).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zspace {

/// How the true spacing between consecutive sections varies.
enum class SpacingPattern {
  uniform,  ///< every spacing equals the thickness
  random,   ///< each spacing drawn uniformly from [thickness_min, thickness_max]
  gaps,     ///< uniform, with some sections missing (see SimulationSpec::gaps)
  drift     ///< thickness * (1 + drift_amplitude * sin(2 pi i / drift_period + phase))
};

/// "uniform", "random", "gaps", "drift".
std::string to_string(SpacingPattern pattern);
/// Inverse of to_string; throws ConfigError naming the allowed values.
SpacingPattern spacing_pattern_from_string(const std::string& text);

/// An in-plane rectangle of a volume, in pixels.
struct Crop {
  int x = 0;       ///< left column
  int y = 0;       ///< top row
  int width = 0;   ///< columns
  int height = 0;  ///< rows
};

/// Spacing between consecutive sections, [min, max] (min == max: one value).
struct Thickness {
  double min = 1;
  double max = 1;
};

/// The synthetic texture: a smooth random 3-D field (a sum of plane waves with isotropic
/// directions and log-uniform frequencies) rendered like an EM image: bright and dark
/// regions separated by thin dark membranes at the field's zero level.
struct TextureSpec {
  int width = 256;   ///< section width in pixels
  int height = 256;  ///< section height in pixels
  /// One nominal spacing in in-plane pixels of the isotropic texture. Larger values mean
  /// thicker sections: similarity falls off faster with distance. The default gives a
  /// normalised cross-correlation of about 0.96 at one spacing, 0.58 at five and 0.3 at ten
  /// (the isotropic 10 nm FIB-SEM sample stack: 0.95, 0.65, 0.42).
  double spacing_px = 0.2;
};

/// A complete simulation. Optional fields left empty take the defaults documented on them.
struct SimulationSpec {
  /// Isotropic volume to slice (folder of slices or multi-page TIFF; its slice order is z).
  /// Empty: the synthetic texture.
  std::filesystem::path volume;
  /// Volume only: the in-plane part of every slice to keep; default the whole slice.
  std::optional<Crop> crop;
  /// Texture only: size and scale.
  TextureSpec texture;

  std::size_t sections = 0;  ///< number of sections written (at least 2)
  SpacingPattern pattern = SpacingPattern::uniform;
  /// Spacing between consecutive sections. uniform, gaps and drift take one value (min == max),
  /// random a range. Volumes need whole voxels (drift excepted: its depths are rounded, each
  /// step at least one voxel). Default 1; random: 0.5..1.5 (texture) or 1..3 (volume); drift
  /// on a volume: 2.
  std::optional<Thickness> thickness;
  /// Number of gaps, each of `gap_length` missing sections, at distinct random places between
  /// two written sections. Any pattern; default 0, for the gaps pattern max(1, sections / 20).
  std::optional<std::size_t> gaps;
  std::size_t gap_length = 1;  ///< missing sections per gap (at least 1)
  /// drift: relative amplitude of the thickness variation, in [0, 0.9].
  std::optional<double> drift_amplitude;
  static constexpr double default_drift_amplitude = 0.3;
  /// drift: period of the thickness variation in sections, at least 2.
  std::optional<double> drift_period;
  static constexpr double default_drift_period = 50;
  /// Depth of the first section (texture: any value; volume: a slice index, default 0).
  double start = 0;

  /// Sections (output indices, 0-based) with strong Gaussian noise added.
  std::vector<std::size_t> noisy;
  /// Noise standard deviation as a multiple of the section's intensity spread before any
  /// defect (> 0). Defects apply in the order shift, contrast, noise; integer sections are then
  /// rounded and clamped to their range.
  double noise_level = 1.0;
  /// Sections whose intensities are compressed towards their mean.
  std::vector<std::size_t> low_contrast;
  /// Fraction of the original contrast that low-contrast sections keep (in (0, 1)).
  double contrast = 0.25;
  /// Sections translated in-plane by `shift_px` pixels in a random direction (rounded to whole
  /// pixels); pixels moved in from outside repeat the nearest edge pixel.
  std::vector<std::size_t> shifted;
  int shift_px = 8;  ///< length of the in-plane translation of shifted sections (>= 1)

  std::uint64_t seed = 1;  ///< seeds every random choice (texture, spacings, gaps, defects)
  /// Replace `output` when it holds an earlier simulation (never any other folder).
  bool overwrite = false;
};

/// One written section.
struct SimulatedSection {
  std::string file;    ///< file name inside the output folder
  double z = 0;        ///< true depth
  std::string defect;  ///< "", or defects joined by '+': noisy, low-contrast, shifted
  int shift_x = 0, shift_y = 0;  ///< translation of a shifted section, pixels
};

/// What simulate() wrote.
struct SimulationResult {
  std::filesystem::path dir;
  int width = 0, height = 0;
  std::vector<SimulatedSection> sections;
};

/// The true depths the specification gives, without writing anything (`volume_depth`: slices
/// in the volume, ignored for the texture). Throws ConfigError for an impossible specification,
/// naming the option and the numbers (e.g. the depth needed against the volume's).
std::vector<double> simulated_depths(const SimulationSpec& spec, std::size_t volume_depth = 0);

/// Writes the stack, truth.csv and simulation.yaml to `output`, first into a temporary folder
/// beside it, renamed into place when complete. `output` must not exist, be an empty folder, or
/// (with `overwrite`) hold an earlier simulation. Throws ConfigError for bad specifications or
/// output folders, DataError for unreadable volumes and failed writes.
SimulationResult simulate(const SimulationSpec& spec, const std::filesystem::path& output);

}  // namespace zspace
