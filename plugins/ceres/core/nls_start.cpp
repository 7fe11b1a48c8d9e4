#include "core/nls_start.hpp"

#include <cmath>
#include <numeric>

#include "core/infer.hpp"
#include "core/nls_curve.hpp"

namespace zspace::nls {
namespace {

/// Forwards the fixed-point iterations; the total plan was announced by the caller.
class ForwardIterations final : public SolverObserver {
 public:
  explicit ForwardIterations(SolverObserver& target) : target_(target) {}
  bool iteration(int iteration, const std::vector<double>& z) override {
    return target_.iteration(iteration, z);
  }

 private:
  SolverObserver& target_;
};

StartPoint uniform_start(const BandMatrix& band, std::span<const double> start_z) {
  StartPoint s;
  s.z.resize(band.size());
  if (start_z.empty()) std::iota(s.z.begin(), s.z.end(), 0.0);
  else s.z.assign(start_z.begin(), start_z.end());
  s.quality.assign(band.size(), 1.0);
  return s;
}

StartPoint fixed_point_start(const BandMatrix& band, std::span<const double> start_z,
                             const Options& options, SolverObserver& observer) {
  fixed_point::Options fp;
  fp.outer_iterations = options.start_iterations;
  fp.allow_reordering = options.allow_reordering;
  fp.min_section_thickness = options.min_section_thickness;
  fp.border = fixed_point::Border::pin_ends;
  ForwardIterations forward(observer);
  Solution solved = fixed_point::infer(band, start_z, fp, forward);
  StartPoint s;
  s.z = std::move(solved.z);
  s.quality = std::move(solved.quality);
  // A section without usable neighbours keeps no meaningful factor; start it at the prior.
  for (double& q : s.quality)
    if (!(std::isfinite(q) && q > 0)) q = 1.0;
  s.iterations = solved.iterations;
  s.stopped = band.size() > 0 && solved.iterations < options.start_iterations;
  return s;
}

}  // namespace

StartPoint start_point(const BandMatrix& band, std::span<const double> start_z,
                       const Options& options, SolverObserver& observer) {
  StartPoint s = options.start == Start::fixed_point
                     ? fixed_point_start(band, start_z, options, observer)
                     : uniform_start(band, start_z);
  // The fixed-point curve has knots at integer distances only; estimating both starts' curves
  // alike puts them on the solver's grid.
  s.curve = estimate_curve(band, s.z, s.quality, options.curve_resolution);
  return s;
}

}  // namespace zspace::nls
