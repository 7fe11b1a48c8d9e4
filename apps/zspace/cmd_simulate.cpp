// zspace simulate: a stack with known z (synthetic texture or slices of a volume) and truth.csv.

#include <charconv>
#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/simulate.hpp"

namespace zspace::cli {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find(separator, begin)) != std::string::npos; begin = end + 1)
    parts.push_back(text.substr(begin, end - begin));
  parts.push_back(text.substr(begin));
  return parts;
}

template <typename T>
bool parse_number(const std::string& text, T& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

int parse_int(const std::string& option, const std::string& text, const std::string& part) {
  int v = 0;
  if (!parse_number(part, v)) throw ConfigError(option + " " + text + ": '" + part + "' is not a whole number");
  return v;
}

// "3,7,10-12": sections 3, 7, 10, 11, 12, each below `sections`.
std::vector<std::size_t> parse_sections(const std::string& option, const std::string& text, std::size_t sections) {
  std::vector<std::size_t> list;
  for (const std::string& item : split(text, ',')) {
    const auto dash = item.find('-');
    std::size_t first = 0, last = 0;
    const bool ok = dash == std::string::npos
                        ? parse_number(item, first) && (last = first, true)
                        : parse_number(item.substr(0, dash), first) && parse_number(item.substr(dash + 1), last);
    if (!ok || last < first)
      throw ConfigError(option + " " + text + ": '" + item + "' is not a section index or range (e.g. 3,7,10-12)");
    if (last >= sections)  // before expanding the range: 0-999999999 must not fill the memory
      throw ConfigError(fmt::format("{} {}: no such section (sections are 0..{})", option, last, sections - 1));
    for (std::size_t i = first; i <= last; ++i) list.push_back(i);
  }
  return list;
}

// "1" or "0.5:1.5".
Thickness parse_thickness(const std::string& text) {
  const auto parts = split(text, ':');
  Thickness t;
  if (parts.size() > 2 || !parse_number(parts.front(), t.min) || !parse_number(parts.back(), t.max))
    throw ConfigError("--thickness " + text + ": expected a thickness T or a range MIN:MAX");
  return t;
}

// "256x256".
TextureSpec parse_size(const std::string& text, TextureSpec texture) {
  const auto parts = split(text, 'x');
  if (parts.size() != 2) throw ConfigError("--size " + text + ": expected WIDTHxHEIGHT, e.g. 256x256");
  texture.width = parse_int("--size", text, parts[0]);
  texture.height = parse_int("--size", text, parts[1]);
  return texture;
}

// "x,y,w,h".
Crop parse_crop(const std::string& text) {
  const auto parts = split(text, ',');
  if (parts.size() != 4) throw ConfigError("--crop " + text + ": expected x,y,width,height in pixels");
  return {parse_int("--crop", text, parts[0]), parse_int("--crop", text, parts[1]),
          parse_int("--crop", text, parts[2]), parse_int("--crop", text, parts[3])};
}

struct Args {
  std::string output, volume, crop, size, pattern = "uniform", thickness, noisy, low_contrast, shifted;
  SimulationSpec spec;
  std::size_t gaps = 0;
  double drift = 0, drift_period = 0;
};

CommandBody setup_simulate(CLI::App& app) {
  auto args = std::make_shared<Args>();
  SimulationSpec& s = args->spec;
  auto* cmd = app.add_subcommand("simulate", "write a stack with known z and its truth.csv (synthetic or from a volume)");
  cmd->add_option("--output", args->output, "folder to create: sections 0000.tif..., truth.csv, simulation.yaml")
      ->required();
  cmd->add_option("--volume", args->volume,
                  "isotropic volume to slice (folder of slices or multi-page TIFF); default: synthetic texture");
  cmd->add_option("--crop", args->crop, "volume: in-plane part to keep, x,y,width,height in pixels");
  auto* size = cmd->add_option("--size", args->size,
                               fmt::format("texture: section size WIDTHxHEIGHT (default {}x{})", TextureSpec{}.width,
                                           TextureSpec{}.height));
  auto* spacing = cmd->add_option("--spacing-px", s.texture.spacing_px,
                                  "texture: one nominal spacing in texture pixels; larger = faster loss of similarity "
                                  "with distance")
                      ->capture_default_str();
  cmd->add_option("--sections", s.sections, "number of sections to write (at least 2)")->required();
  cmd->add_option("--pattern", args->pattern, "spacing pattern: uniform, random, gaps, drift")->capture_default_str();
  cmd->add_option("--thickness", args->thickness,
                  "spacing T, or MIN:MAX for random; texture units are nominal spacings, volume units voxels "
                  "(default 1; random 0.5:1.5 texture, 1:3 volume; drift on a volume 2)");
  auto* gaps = cmd->add_option("--gaps", args->gaps,
                               "number of gaps of missing sections (any pattern; default 0, for gaps max(1, N/20))");
  cmd->add_option("--gap-length", s.gap_length, "missing sections per gap")->capture_default_str();
  auto* drift = cmd->add_option("--drift", args->drift,
                                fmt::format("drift: relative thickness amplitude (default {})",
                                            SimulationSpec::default_drift_amplitude));
  auto* period = cmd->add_option("--drift-period", args->drift_period,
                                 fmt::format("drift: period in sections (default {})", SimulationSpec::default_drift_period));
  cmd->add_option("--start", s.start, "depth of the first section (volume: slice index)")->capture_default_str();
  cmd->add_option("--noisy", args->noisy, "sections with strong Gaussian noise, e.g. 3,7,10-12");
  cmd->add_option("--noise", s.noise_level, "noise level, a multiple of the section's intensity spread")
      ->capture_default_str();
  cmd->add_option("--low-contrast", args->low_contrast, "sections with compressed contrast");
  cmd->add_option("--contrast", s.contrast, "fraction of the contrast low-contrast sections keep")
      ->capture_default_str();
  cmd->add_option("--shifted", args->shifted, "sections translated in-plane (edges repeat into the gap)");
  cmd->add_option("--shift", s.shift_px, "translation of shifted sections in pixels, random direction")
      ->capture_default_str();
  cmd->add_option("--seed", s.seed, "seed of every random choice")->capture_default_str();
  cmd->add_flag("--overwrite", s.overwrite, "replace the --output folder if it holds an earlier simulation");

  return [cmd, args, size, spacing, gaps, drift, period](Registry&) -> int {
    if (!*cmd) return -1;
    SimulationSpec spec = args->spec;
    if (spec.sections < 2) throw ConfigError(fmt::format("--sections {}: at least 2 sections are needed", spec.sections));
    spec.volume = args->volume;
    if (!args->volume.empty() && (*size || *spacing))
      throw ConfigError(std::string(*size ? "--size" : "--spacing-px") +
                        " applies to the synthetic texture; a volume keeps its slices' size (see --crop)");
    if (!args->crop.empty()) spec.crop = parse_crop(args->crop);
    if (*size) spec.texture = parse_size(args->size, spec.texture);
    spec.pattern = spacing_pattern_from_string(args->pattern);
    if (!args->thickness.empty()) spec.thickness = parse_thickness(args->thickness);
    if (*gaps) spec.gaps = args->gaps;
    if (*drift) spec.drift_amplitude = args->drift;
    if (*period) spec.drift_period = args->drift_period;
    if (!args->noisy.empty()) spec.noisy = parse_sections("--noisy", args->noisy, spec.sections);
    if (!args->low_contrast.empty()) spec.low_contrast = parse_sections("--low-contrast", args->low_contrast, spec.sections);
    if (!args->shifted.empty()) spec.shifted = parse_sections("--shifted", args->shifted, spec.sections);

    const SimulationResult result = simulate(spec, args->output);
    const double first = result.sections.front().z, last = result.sections.back().z;
    fmt::print("zspace: {} sections {}x{}, z {:.6g} to {:.6g} ({}), in {} (truth.csv, simulation.yaml)\n",
               result.sections.size(), result.width, result.height, first, last,
               spec.volume.empty() ? "nominal spacings" : "voxels", result.dir.string());
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(40, setup_simulate)
}  // namespace zspace::cli
