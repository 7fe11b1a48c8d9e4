#pragma once
// Data reductions behind the plots, so that a 10,000-section run gives a page of bounded size.

#include <cstddef>
#include <vector>

#include "zspace/band_matrix.hpp"

namespace zspace::report {

/// A data point; y = NaN breaks a line.
struct Point {
  double x = 0;
  double y = 0;
};

/// Reduces a series with non-decreasing x to at most 2 points per bucket (the bucket's lowest and
/// highest y, in x order) over `buckets` equal x intervals of [x_lo, x_hi], so spikes survive.
/// A bucket holding only NaN keeps one NaN point (the line break). Series with at most
/// 2 * buckets points, or with decreasing x, are returned unchanged.
std::vector<Point> decimate(const std::vector<Point>& series, double x_lo, double x_hi, int buckets);

/// A vertical interval [lo, hi] at x (e.g. an estimate plus and minus its uncertainty).
struct Span {
  double x = 0;
  double lo = 0;
  double hi = 0;
};

/// Reduces a series of spans with non-decreasing x like decimate(): one span per bucket, from the
/// bucket's lowest lo to its highest hi, so the band never looks narrower than its data. Spans
/// with a NaN bound are left out; a bucket of only such spans keeps one NaN span (a break).
/// Series with at most 2 * buckets spans, or with decreasing x, are returned unchanged.
std::vector<Span> envelope(const std::vector<Span>& series, double x_lo, double x_hi, int buckets);

/// The curve f[0..R] at distance d >= 0: linear between the finite entries around d, the nearest
/// finite entry beyond them (so beyond R the curve stays at its last value); NaN if no entry
/// is finite.
double curve_at(const std::vector<double>& curve, double d);

/// The measured pairs (i, j), 0 < j - i <= R, finite similarity and finite z, as points
/// (|z_i - z_j|, q_i * q_j * similarity): scaled by the quality factors as the model compares
/// them with the curve (unscaled where `quality` is empty or either factor is not finite).
/// At most about max_points of them: a fixed subset spread over all offsets and sections when
/// there are more (the same data always give the same subset).
std::vector<Point> similarity_samples(const BandMatrix& band, const std::vector<double>& z,
                                      const std::vector<double>& quality, std::size_t max_points);

}  // namespace zspace::report
