#pragma once
/// @file robust_stats.hpp
/// Median and median absolute deviation, the robust summaries the solver combines tiles with.

#include <vector>

namespace zspace::calibrated {

/// 1.4826 x MAD estimates the standard deviation of normally distributed values.
inline constexpr double kMadToSigma = 1.4826;

/// Median of the values (mean of the two middle ones for an even count); +infinity counts as
/// a value larger than any other. NaN for an empty list. The values must not contain NaN.
double median(std::vector<double> values);

/// Median absolute deviation from the median (not scaled); NaN for an empty list.
double median_absolute_deviation(const std::vector<double>& values);

}  // namespace zspace::calibrated
