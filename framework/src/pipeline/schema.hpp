#pragma once
/// @file schema.hpp
/// The framework's own keys of pipeline version 1. Plugin parameters (under `params:`) come
/// from each plugin's descriptor instead. Keep DESIGN.md's "Pipeline file" section and
/// configs/default.yaml in step with these lists.

#include <cstdint>
#include <string>
#include <vector>

namespace zspace::pipeline_detail::schema {

inline constexpr std::int64_t kVersion = 1;

inline const std::vector<std::string>& top_keys() {
  static const std::vector<std::string> keys{"version", "plugin_path", "input", "preprocess",
                                             "similarity", "solver", "output", "truth", "variants"};
  return keys;
}
inline const std::vector<std::string>& input_keys() {
  static const std::vector<std::string> keys{"path", "matrix", "sections", "roi", "voxel_size"};
  return keys;
}
inline const std::vector<std::string>& similarity_keys() {
  static const std::vector<std::string> keys{"metric", "neighborhood_range", "params"};
  return keys;
}
inline const std::vector<std::string>& solver_keys() {
  static const std::vector<std::string> keys{"name", "params"};
  return keys;
}
inline const std::vector<std::string>& output_keys() {
  static const std::vector<std::string> keys{"dir", "report", "corrected_stack", "upsample",
                                             "corrected_format"};
  return keys;
}
inline const std::vector<std::string>& preprocess_keys() {
  static const std::vector<std::string> keys{"downsample", "mask"};
  return keys;
}
inline const std::vector<std::string>& mask_keys() {
  static const std::vector<std::string> keys{"below", "above"};
  return keys;
}
inline const std::vector<std::string>& variant_keys() {
  static const std::vector<std::string> keys{"name", "similarity", "solver"};
  return keys;
}
inline const std::vector<std::string>& corrected_formats() {
  static const std::vector<std::string> formats{"tiff", "hdf5"};
  return formats;
}
inline constexpr double kMaxDownsample = 64;
inline constexpr double kMaxUpsample = 100;

/// neighborhood_range bounds: at least the next section; beyond 1000 the band would hold
/// more pairs than any stack has useful overlap for, and is almost surely a typo.
inline constexpr double kMinRange = 1;
inline constexpr double kMaxRange = 1000;

inline const char* const kDefaultMetric = "ncc";
inline const char* const kDefaultSolver = "fixed-point";
inline const char* const kDefaultOutputDir = "zspace-out";
inline constexpr std::int64_t kDefaultRange = 10;

}  // namespace zspace::pipeline_detail::schema
