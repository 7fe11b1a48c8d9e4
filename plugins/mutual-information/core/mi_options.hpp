#pragma once
/// @file mi_options.hpp
/// Options of the mutual-information metric; the plugin schema documents them for users.

#include <string>

namespace zspace::mi {

struct Options {
  /// Intensity bins per section; the joint histogram has bins x bins cells. Default 64.
  int bins = 64;
  /// Stack percentile (0..100) at the lower edge of the first bin. Default 0.5.
  double low_percentile = 0.5;
  /// Stack percentile (0..100) at the upper edge of the last bin. Default 99.5.
  double high_percentile = 99.5;
};

/// Smallest and largest supported Options::bins. Above 255 bins the per-pixel indices take two
/// bytes instead of one.
inline constexpr int kMinBins = 2;
inline constexpr int kMaxBins = 1024;

/// Empty if the options are usable, else a one-line message naming the violated constraint.
std::string validate(const Options& options);

}  // namespace zspace::mi
