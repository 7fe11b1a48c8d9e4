#pragma once
// Report inputs for the tests: a realistic run (synthetic texture at known irregular depths,
// NCC band, fixed-point solution) and cheap model bands for size and edge-case checks.

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/infer.hpp"
#include "core/ncc.hpp"
#include "synthetic_stack.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/engine/report.hpp"

namespace zspace::test {

/// A solved synthetic stack: irregular thickness, one missing section (a gap) and one noisy
/// section, so the report has something to flag.
struct SolvedStack {
  std::vector<double> truth;
  BandMatrix band;
  Solution solution;
  std::vector<std::string> names;
  std::size_t noisy = 0;
};

inline SolvedStack solved_stack(std::size_t n = 50, std::size_t range = 8) {
  SolvedStack s;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> thickness(0.6, 1.4);
  s.truth.push_back(0.0);
  for (std::size_t i = 1; i < n; ++i) s.truth.push_back(s.truth.back() + thickness(rng) + (i == n / 3 ? 1.0 : 0.0));
  s.noisy = 2 * n / 3;

  const WaveTexture texture({64, 64, 400, 0.05, 0.4, 0.15, 11});
  std::vector<Section> sections = texture.slices(s.truth);
  std::normal_distribution<float> noise(0.0f, 25.0f);
  for (float& p : sections[s.noisy].pixels) p += noise(rng);

  std::vector<std::unique_ptr<ncc::PreparedNcc>> prepared;
  for (const Section& section : sections) prepared.push_back(ncc::prepare(section));
  s.band = BandMatrix(n, range);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + range; ++j) s.band.set(i, j, ncc::correlate(*prepared[i], *prepared[j]));

  SolverObserver observer;
  s.solution = fixed_point::infer(s.band, {}, fixed_point::Options{}, observer);
  for (std::size_t i = 0; i < n; ++i) s.names.push_back("slice" + std::to_string(i) + ".tif");
  return s;
}

/// The report data of one solved stack (the band is referenced, not copied).
inline ReportData report_of(const SolvedStack& s) {
  ReportData d;
  d.title = "synthetic texture";
  d.section_names = s.names;
  d.pipeline_yaml = "version: 1\nsimilarity:\n  metric: ncc\n  neighborhood_range: " + std::to_string(s.band.range()) +
                    "\nsolver:\n  name: fixed-point\n";
  ReportRun run;
  run.name = "fixed-point";
  run.band = &s.band;
  run.z = s.solution.z;
  run.quality = s.solution.quality;
  run.curve = s.solution.curve;
  run.timings = {{"read", 0.012}, {"band", 0.034}, {"solve", 0.021}};
  d.runs.push_back(run);
  return d;
}

/// Irregular z with unit mean spacing and one gap, deterministic.
inline std::vector<double> irregular_z(std::size_t n) {
  std::vector<double> z(n);
  double pos = 0;
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = pos;
    pos += 1.0 + 0.3 * std::sin(0.37 * static_cast<double>(i)) + (i + 1 == n / 2 ? 1.5 : 0.0);
  }
  return z;
}

/// S_ij = exp(-|z_i - z_j| / scale) inside the band: the model the solvers assume.
inline BandMatrix model_band(const std::vector<double>& z, std::size_t range, double scale = 4.0) {
  BandMatrix band(z.size(), range);
  for (std::size_t i = 0; i < z.size(); ++i)
    for (std::size_t j = i + 1; j < z.size() && j <= i + range; ++j) band.set(i, j, std::exp(-std::abs(z[i] - z[j]) / scale));
  return band;
}

/// The model curve exp(-d / scale) at d = 0..range.
inline std::vector<double> model_curve(std::size_t range, double scale = 4.0) {
  std::vector<double> f(range + 1);
  for (std::size_t d = 0; d <= range; ++d) f[d] = std::exp(-static_cast<double>(d) / scale);
  return f;
}

/// A run of the model band at its true z, quality 1 everywhere.
inline ReportRun model_run(const BandMatrix& band, const std::vector<double>& z, std::string name) {
  ReportRun run;
  run.name = std::move(name);
  run.band = &band;
  run.z = z;
  run.quality.assign(z.size(), 1.0);
  run.curve = model_curve(band.range());
  return run;
}

}  // namespace zspace::test
