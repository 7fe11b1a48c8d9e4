#pragma once
// Formats of the result files (z.csv, result.json, similarity.tif).

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zspace/band_matrix.hpp"
#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/registry.hpp"
#include "zspace/solver.hpp"

namespace zspace {

/// Everything a run produced, as the writers need it.
struct RunRecord {
  const Pipeline* pipeline = nullptr;
  const PluginInfo* metric = nullptr;  ///< nullptr when the band was read from a file
  const PluginInfo* solver = nullptr;
  std::vector<std::string> section_names;
  std::size_t range = 0;  ///< R actually used
  const BandMatrix* band = nullptr;
  std::vector<bool> usable;
  Solution solution;
  int threads = 0;
  std::vector<std::pair<std::string, double>> timings;  ///< stage -> seconds
  std::vector<std::string> warnings;
  std::string evaluation;  ///< scores against truth as a JSON object ("" = no truth given)
  /// The in-plane calibration the solver was given; unset when it asked for none or the band
  /// was read from a file.
  std::optional<CalibrationRequest> calibration;
};

/// Thickness to the next section in original order (N-1 values).
std::vector<double> thickness_of(const std::vector<double>& z);

class JsonWriter;
/// A plugin's parameters as a JSON object (result.json, similarity.json).
void write_params(JsonWriter& w, const Params& params);

/// z.csv: section,file,z,thickness,quality; then, when the solver gave absolute positions,
/// z_px,thickness_px,thickness_sd_px (input pixels) and, with input.voxel_size,
/// z_nm,thickness_nm,thickness_sd_nm (times the x voxel size); then `flag` when a section is
/// flagged.
std::string z_table_csv(const RunRecord& run);
std::string result_json(const RunRecord& run);
/// The band as Fiji's strip: (2R+1) x N float32, row i = similarities with i-R .. i+R.
void write_similarity_strip(const std::filesystem::path& path, const BandMatrix& band);

}  // namespace zspace
