#include "core/solve.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/curve_inversion.hpp"
#include "core/pair_distances.hpp"
#include "core/robust_positions.hpp"
#include "core/robust_stats.hpp"
#include "core/thickness_uncertainty.hpp"

namespace zspace::calibrated {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

void check_calibration(const Calibration& c, const BandMatrix& band) {
  const std::size_t n = band.size();
  if (c.tiles_x < 1 || c.tiles_y < 1)
    throw std::runtime_error("calibration grid of " + std::to_string(c.tiles_x) + "x" + std::to_string(c.tiles_y) +
                             " tiles is empty");
  if (c.shifts.empty()) throw std::runtime_error("calibration has no shifts");
  for (std::size_t k = 0; k < c.shifts.size(); ++k)
    if (!(c.shifts[k] > (k == 0 ? 0.0 : c.shifts[k - 1])))
      throw std::runtime_error("calibration shifts must be positive and ascending (shift " + std::to_string(k) +
                               " is " + number(c.shifts[k]) + ")");
  const std::size_t expected = n * c.tiles() * c.shifts.size();
  if (c.curves.size() != expected)
    throw std::runtime_error("calibration has " + std::to_string(c.curves.size()) + " curve samples, expected " +
                             std::to_string(expected) + " (" + std::to_string(n) + " sections x " +
                             std::to_string(c.tiles()) + " tiles x " + std::to_string(c.shifts.size()) + " shifts)");
  if (c.tile_bands.size() != c.tiles())
    throw std::runtime_error("calibration has " + std::to_string(c.tile_bands.size()) + " tile bands for " +
                             std::to_string(c.tiles()) + " tiles");
  for (std::size_t t = 0; t < c.tile_bands.size(); ++t)
    if (c.tile_bands[t].size() != n || c.tile_bands[t].range() != band.range())
      throw std::runtime_error("tile band " + std::to_string(t) + " is " + std::to_string(c.tile_bands[t].size()) +
                               " sections with range " + std::to_string(c.tile_bands[t].range()) + ", the band " +
                               std::to_string(n) + " with range " + std::to_string(band.range()));
  if (!(std::isfinite(c.pixel_scale) && c.pixel_scale > 0))
    throw std::runtime_error("calibration pixel_scale " + number(c.pixel_scale) + " is not a positive number");
}

// Where the spacing prior pulls: the median distance of neighbouring sections, else the
// median per-lag distance of all pairs.
double typical_spacing(const std::vector<PairDistance>& pairs) {
  std::vector<double> neighbours, per_lag;
  for (const auto& p : pairs) {
    if (p.j == p.i + 1) neighbours.push_back(p.distance);
    per_lag.push_back(p.distance / static_cast<double>(p.j - p.i));
  }
  return median(neighbours.empty() ? per_lag : neighbours);
}

double typical_weight(const std::vector<PairDistance>& pairs) {
  std::vector<double> w;
  for (const auto& p : pairs)
    if (p.weight > 0) w.push_back(p.weight);
  return w.empty() ? 1.0 : median(w);
}

// quality[i]: section i's similarity at the smallest shift (median over its tiles) relative to
// the stack's median of the same; noise and low contrast lower it.
std::vector<double> section_quality(const Calibration& c, std::size_t n) {
  std::vector<double> level(n, kNaN), finite_levels;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> values;
    for (std::size_t t = 0; t < c.tiles(); ++t)
      if (const double v = c.curve(i, t, 0); std::isfinite(v)) values.push_back(v);
    if (values.empty()) continue;
    level[i] = median(std::move(values));
    finite_levels.push_back(level[i]);
  }
  const double typical = median(finite_levels);
  // As the published method's factor: larger = less alike than expected (a noisy section).
  for (double& q : level) q = typical > 0 && q > 0 ? typical / q : kNaN;
  return level;
}

// The stack's median calibration curve, sampled at k mean spacings (k = 0..range); NaN beyond
// the largest shift.
std::vector<double> median_curve(const Calibration& c, std::size_t n, std::size_t range, double spacing) {
  std::vector<double> x{0.0}, y{1.0};
  for (std::size_t k = 0; k < c.shifts.size(); ++k) {
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t t = 0; t < c.tiles(); ++t)
        if (const double v = c.curve(i, t, k); std::isfinite(v)) values.push_back(v);
    if (values.empty()) continue;
    x.push_back(c.shifts[k]);
    y.push_back(median(std::move(values)));
  }
  y = non_increasing_fit(y);
  std::vector<double> curve(range + 1, kNaN);
  for (std::size_t k = 0; k <= range; ++k) {
    const double d = static_cast<double>(k) * spacing;
    for (std::size_t s = 1; s < x.size(); ++s) {
      if (d > x[s]) continue;
      const double f = (d - x[s - 1]) / (x[s] - x[s - 1]);
      curve[k] = y[s - 1] + f * (y[s] - y[s - 1]);
      break;
    }
  }
  curve[0] = 1.0;
  return curve;
}

std::vector<double> scaled(const std::vector<double>& v, double factor) {
  std::vector<double> out(v);
  for (double& x : out) x *= factor;
  return out;
}

std::string termination(const RobustFit& fit) {
  if (fit.interrupted) return "interrupted";
  if (fit.converged)
    return "converged: no position moved more than " + number(kConvergedChange) + " px in the last reweighting";
  return "iteration limit: " + std::to_string(fit.iterations) + " reweightings, positions still moving by up to " +
         number(fit.last_change) + " px";
}

}  // namespace

Solution solve(const SolverInput& input, const Options& options, SolverObserver& observer) {
  if (input.band == nullptr) throw std::runtime_error("no similarity band given");
  if (input.calibration == nullptr)
    throw std::runtime_error("needs in-plane calibration, which only a stack gives; run it on input.path, not input.matrix");
  const BandMatrix& band = *input.band;
  const Calibration& calibration = *input.calibration;
  const std::size_t n = band.size();
  if (n < 2) throw std::runtime_error("needs at least 2 sections, got " + std::to_string(n));
  check_calibration(calibration, band);

  const PairTable table = measure_pairs(calibration, n, band.range());
  if (table.pairs.empty())
    throw std::runtime_error("no section pair could be turned into a distance (" +
                             std::to_string(table.beyond_max_shift) + " lie beyond the largest calibrated shift of " +
                             number(calibration.shifts.back()) + " px, " + std::to_string(table.unmeasured) +
                             " lack similarities or curves on half of the tiles); raise max_shift");

  RobustFitOptions fit_options;
  fit_options.huber = options.huber;
  fit_options.max_iterations = kMaxIterations;
  fit_options.converged_change = kConvergedChange;
  fit_options.prior_spacing = typical_spacing(table.pairs);
  fit_options.prior_weight = kPriorWeight * typical_weight(table.pairs);
  fit_options.min_huber_scale = kMinHuberScale * fit_options.prior_spacing;

  const auto in_spacings = [n](const std::vector<double>& z) {
    const double spacing = z.back() / static_cast<double>(n - 1);
    return spacing > 0 ? scaled(z, 1.0 / spacing) : z;
  };
  observer.started(kMaxIterations);
  const RobustFit fit = fit_positions(n, table.pairs, fit_options, [&](int round, const std::vector<double>& z) {
    return observer.iteration(round, in_spacings(z));
  });

  const double spacing = fit.z.back() / static_cast<double>(n - 1);
  if (!(std::isfinite(spacing) && spacing > 0))
    throw std::runtime_error("the positions found do not advance: the last section lies " + number(fit.z.back()) +
                             " px from the first");

  Solution s;
  s.z = scaled(fit.z, 1.0 / spacing);
  s.z_pixels = scaled(fit.z, calibration.pixel_scale);
  s.thickness_pixels_sd =
      scaled(thickness_uncertainty(fit.z, table.pairs, table.consecutive_spread), calibration.pixel_scale);
  s.thickness_pixels_sd.push_back(s.thickness_pixels_sd.back());
  s.quality = section_quality(calibration, n);
  s.curve = median_curve(calibration, n, band.range(), spacing);
  s.iterations = fit.iterations;
  s.termination = termination(fit);
  s.diagnostics = {
      {"pairs_used", static_cast<double>(table.pairs.size())},
      {"pairs_beyond_max_shift", static_cast<double>(table.beyond_max_shift)},
      {"pairs_unmeasured", static_cast<double>(table.unmeasured)},
      {"pairs_downweighted", static_cast<double>(fit.downweighted)},
      {"huber_scale_px", fit.huber_scale * calibration.pixel_scale},
      {"mean_spacing_px", spacing * calibration.pixel_scale},
  };
  return s;
}

}  // namespace zspace::calibrated
