#include "simulate/resolved_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/core.h>

#include "common/number_text.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::sim {
namespace {

constexpr int kMinSize = 8, kMaxSize = 16384;

std::string num(double v) { return format_double(v); }

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

void check_thickness(const ResolvedSpec& r) {
  const Thickness& t = r.thickness;
  const std::string text = thickness_text(t);
  if (!std::isfinite(t.min) || !std::isfinite(t.max) || t.min <= 0 || t.max < t.min)
    throw ConfigError("--thickness " + text + ": need 0 < MIN <= MAX");
  const SpacingPattern pattern = r.spec.pattern;
  if (pattern != SpacingPattern::random && t.min != t.max)
    throw ConfigError("--thickness " + text + ": pattern " + to_string(pattern) +
                      " takes one thickness; ranges are for --pattern random");
  if (r.from_volume && pattern != SpacingPattern::drift && (!whole(t.min) || !whole(t.max)))
    throw ConfigError("--thickness " + text + ": a volume is sliced at whole voxels (no interpolation); give whole numbers");
  if (r.from_volume && pattern == SpacingPattern::drift && t.min * (1 - r.drift_amplitude) < 1)
    throw ConfigError(fmt::format("--thickness {} with --drift {}: the thinnest spacing would be {} voxel, a volume needs "
                                  "at least 1 (use --thickness >= {})",
                                  text, num(r.drift_amplitude), num(t.min * (1 - r.drift_amplitude)),
                                  num(std::ceil(100.0 / (1 - r.drift_amplitude)) / 100.0)));
}

void check_sections(const std::string& option, std::vector<std::size_t>& list, std::size_t sections) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  if (!list.empty() && list.back() >= sections)
    throw ConfigError(fmt::format("--{} {}: no such section (sections are 0..{})", option, list.back(), sections - 1));
}

void check_shift(const SimulationSpec& s, int width, int height) {
  if (!s.shifted.empty() && s.shift_px >= std::min(width, height))
    throw ConfigError(fmt::format("--shift {}: must be smaller than the section ({}x{})", s.shift_px, width, height));
}

void check_defects(SimulationSpec& s) {
  check_sections("noisy", s.noisy, s.sections);
  check_sections("low-contrast", s.low_contrast, s.sections);
  check_sections("shifted", s.shifted, s.sections);
  if (!(s.noise_level > 0) || !std::isfinite(s.noise_level))
    throw ConfigError("--noise " + num(s.noise_level) + ": must be > 0 (a multiple of the section's intensity spread)");
  if (!(s.contrast > 0 && s.contrast < 1))
    throw ConfigError("--contrast " + num(s.contrast) + ": must be in (0, 1) (the fraction of contrast kept)");
  if (s.shift_px < 1) throw ConfigError("--shift " + std::to_string(s.shift_px) + ": must be at least 1 pixel");
}

}  // namespace

std::string thickness_text(const Thickness& t) {
  return t.min == t.max ? num(t.min) : num(t.min) + ":" + num(t.max);
}

ResolvedSpec resolve(const SimulationSpec& spec) {
  ResolvedSpec r;
  r.spec = spec;
  SimulationSpec& s = r.spec;
  r.from_volume = !s.volume.empty();
  if (r.from_volume) s.volume = std::filesystem::absolute(s.volume).lexically_normal();  // recorded for re-runs
  const SpacingPattern pattern = s.pattern;
  const bool drift = pattern == SpacingPattern::drift;

  if (s.sections < 2) throw ConfigError("--sections " + std::to_string(s.sections) + ": at least 2 sections are needed");
  if (!r.from_volume) {
    if (s.crop) throw ConfigError("--crop applies to --volume only; the texture's size is --size");
    const TextureSpec& t = s.texture;
    if (t.width < kMinSize || t.height < kMinSize || t.width > kMaxSize || t.height > kMaxSize)
      throw ConfigError(fmt::format("--size {}x{}: width and height must be in {}..{}", t.width, t.height, kMinSize,
                                    kMaxSize));
    if (!(t.spacing_px > 0) || !std::isfinite(t.spacing_px))
      throw ConfigError("--spacing-px " + num(t.spacing_px) + ": must be > 0");
    if (!std::isfinite(s.start)) throw ConfigError("--start " + num(s.start) + ": must be a finite depth");
  } else if (!whole(s.start) || s.start < 0) {
    throw ConfigError("--start " + num(s.start) + ": a volume starts at a slice index (a whole number >= 0)");
  }

  if (!drift && s.drift_amplitude)
    throw ConfigError("--drift applies to --pattern drift only (the pattern is " + to_string(pattern) + ")");
  if (!drift && s.drift_period)
    throw ConfigError("--drift-period applies to --pattern drift only (the pattern is " + to_string(pattern) + ")");
  r.drift_amplitude = drift ? s.drift_amplitude.value_or(SimulationSpec::default_drift_amplitude) : 0.0;
  r.drift_period = drift ? s.drift_period.value_or(SimulationSpec::default_drift_period) : 0.0;
  if (drift && !(r.drift_amplitude >= 0 && r.drift_amplitude <= 0.9))
    throw ConfigError("--drift " + num(r.drift_amplitude) + ": the relative amplitude must be in [0, 0.9]");
  if (drift && !(r.drift_period >= 2 && std::isfinite(r.drift_period)))
    throw ConfigError("--drift-period " + num(r.drift_period) + ": must be at least 2 sections");

  if (s.thickness) r.thickness = *s.thickness;
  else if (pattern == SpacingPattern::random) r.thickness = r.from_volume ? Thickness{1, 3} : Thickness{0.5, 1.5};
  else if (drift && r.from_volume) r.thickness = {2, 2};
  check_thickness(r);

  if (s.gap_length < 1) throw ConfigError("--gap-length 0: a gap is at least 1 missing section");
  r.gaps = s.gaps.value_or(pattern == SpacingPattern::gaps ? std::max<std::size_t>(1, s.sections / 20) : 0);
  if (pattern == SpacingPattern::gaps && r.gaps == 0)
    throw ConfigError("--gaps 0: pattern gaps needs at least one gap");
  if (r.gaps > s.sections - 1)
    throw ConfigError(fmt::format("--gaps {}: at most {} gaps fit between {} sections", r.gaps, s.sections - 1,
                                  s.sections));

  check_defects(s);
  if (!r.from_volume) check_shift(s, s.texture.width, s.texture.height);
  return r;
}

Crop resolve_crop(const ResolvedSpec& r, int volume_width, int volume_height) {
  const Crop crop = r.spec.crop.value_or(Crop{0, 0, volume_width, volume_height});
  const std::string text = fmt::format("--crop {},{},{},{}", crop.x, crop.y, crop.width, crop.height);
  if (crop.x < 0 || crop.y < 0 || crop.width < 1 || crop.height < 1)
    throw ConfigError(text + ": need x, y >= 0 and width, height >= 1");
  if (static_cast<long long>(crop.x) + crop.width > volume_width ||
      static_cast<long long>(crop.y) + crop.height > volume_height)
    throw ConfigError(fmt::format("{}: reaches column {} and row {}, but the volume's slices are {}x{}", text,
                                  static_cast<long long>(crop.x) + crop.width,
                                  static_cast<long long>(crop.y) + crop.height, volume_width, volume_height));
  check_shift(r.spec, crop.width, crop.height);
  return crop;
}

}  // namespace zspace::sim
