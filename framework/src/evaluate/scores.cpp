// The scores of evaluate.hpp.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"

namespace zspace {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A true spacing at least this many times the median one is a gap (a missing section doubles
// a spacing; thickness noise of a few tens of percent stays well below).
constexpr double kGapFactor = 1.8;

// Ranks 1..n, ties sharing the average of the ranks they span.
std::vector<double> average_ranks(const std::vector<double>& v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> rank(v.size());
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first;
    while (last + 1 < order.size() && v[order[last + 1]] == v[order[first]]) ++last;
    const double shared = 0.5 * static_cast<double>(first + last) + 1.0;
    for (std::size_t k = first; k <= last; ++k) rank[order[k]] = shared;
    first = last + 1;
  }
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

Scores score(const std::vector<double>& truth, const std::vector<double>& z) {
  const std::size_t n = truth.size();
  const double count = static_cast<double>(n);
  const double spacing = (truth.back() - truth.front()) / (count - 1);
  Scores s;

  // Least squares truth ≈ a·z + b, on centred values for accuracy with large offsets.
  const double mz = std::accumulate(z.begin(), z.end(), 0.0) / count;
  const double mt = std::accumulate(truth.begin(), truth.end(), 0.0) / count;
  double szz = 0, szt = 0;
  for (std::size_t i = 0; i < n; ++i) {
    szz += (z[i] - mz) * (z[i] - mz);
    szt += (z[i] - mz) * (truth[i] - mt);
  }
  s.slope = szz > 0 ? szt / szz : 0.0;
  s.offset = mt - s.slope * mz;

  double squares = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = truth[i] - (s.slope * z[i] + s.offset);
    squares += r * r;
    s.max = std::max(s.max, std::abs(r) / spacing);
  }
  s.rms = std::sqrt(squares / count) / spacing;
  s.spearman = pearson(average_ranks(truth), average_ranks(z));

  std::vector<double> true_steps(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) true_steps[i] = truth[i + 1] - truth[i];
  const double gap_threshold = kGapFactor * median(true_steps);
  double local = 0, recovered = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const double step = s.slope * (z[i + 1] - z[i]);
    local += std::abs(step - true_steps[i]);
    if (true_steps[i] >= gap_threshold) {
      recovered += step / true_steps[i];
      ++s.gaps;
    }
  }
  s.local_thickness_error = local / static_cast<double>(n - 1) / spacing;
  s.gap_recovery = s.gaps > 0 ? recovered / static_cast<double>(s.gaps) : kNaN;
  return s;
}

// The span of the absolute positions over the true span, between the first and the last of
// the scored sections `kept` that have a finite absolute position; NaN when fewer than two
// have one or the truth does not advance between them.
double span_ratio(const std::vector<double>& truth, const std::vector<double>& z_absolute,
                  const std::vector<std::size_t>& kept) {
  std::size_t first = kept.size(), last = kept.size();
  for (std::size_t k = 0; k < kept.size(); ++k) {
    if (!std::isfinite(z_absolute[kept[k]])) continue;
    if (first == kept.size()) first = k;
    last = k;
  }
  if (first == last || first == kept.size()) return kNaN;
  const std::size_t a = kept[first], b = kept[last];
  const double true_span = truth[b] - truth[a];
  return true_span > 0 ? (z_absolute[b] - z_absolute[a]) / true_span : kNaN;
}

Evaluation evaluate_kept(const std::vector<double>& truth, const std::vector<double>& z,
                         std::vector<std::size_t>& kept) {
  if (truth.size() != z.size())
    throw DataError("the estimate has " + std::to_string(z.size()) + " sections, the truth " +
                    std::to_string(truth.size()));
  Evaluation e;
  std::vector<double> kept_truth, kept_z, index;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (!std::isfinite(truth[i])) throw DataError("true z of section " + std::to_string(i) + " is not finite");
    if (!std::isfinite(z[i])) {
      ++e.skipped;
      continue;
    }
    kept.push_back(i);
    kept_truth.push_back(truth[i]);
    kept_z.push_back(z[i]);
    index.push_back(static_cast<double>(i));
  }
  e.sections = kept_truth.size();
  if (e.sections < 2)
    throw DataError(std::to_string(e.sections) + " of " + std::to_string(truth.size()) +
                    " sections have a z; at least 2 are needed to score");
  if (!(kept_truth.back() > kept_truth.front()))
    throw DataError("the true z must increase from the first scored section to the last (" +
                    std::to_string(kept_truth.front()) + " to " + std::to_string(kept_truth.back()) + ")");
  e.estimate = score(kept_truth, kept_z);
  e.uniform = score(kept_truth, index);
  return e;
}

}  // namespace

Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& z) {
  std::vector<std::size_t> kept;
  return evaluate_kept(truth, z, kept);
}

Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& z,
                    const std::vector<double>& z_absolute) {
  if (z_absolute.size() != truth.size())
    throw DataError("the absolute positions have " + std::to_string(z_absolute.size()) + " sections, the truth " +
                    std::to_string(truth.size()));
  std::vector<std::size_t> kept;
  Evaluation e = evaluate_kept(truth, z, kept);
  e.estimate.span_ratio = span_ratio(truth, z_absolute, kept);
  return e;
}

}  // namespace zspace
