#pragma once
/// @file evaluate.hpp
/// Scoring estimated section positions against the true ones (truth.csv from zspace simulate,
/// or any table with a `z` column).
///
/// Every solver finds z only up to an affine map, so the estimate is first mapped onto the
/// truth by the least-squares fit truth ≈ a·z + b. Errors are in units of the mean true
/// spacing s = (truth_last - truth_first) / (N - 1). Differences Δ are between consecutive
/// sections in index (acquisition) order. The same scores are given for the uniform guess
/// z = index, the answer of doing nothing, so that an estimate can be judged against it.

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace zspace {

/// Scores of one z estimate against the truth.
struct Scores {
  double rms = 0;  ///< RMS of the residuals truth - (a·z + b), over s
  double max = 0;  ///< largest |residual|, over s
  /// Spearman rank correlation of z with the truth (average ranks for ties); NaN when either
  /// is constant.
  double spearman = 0;
  /// mean over consecutive pairs of |a·Δz - Δtruth|, over s.
  double local_thickness_error = 0;
  /// mean of a·Δz / Δtruth over the true spacings at least 1.8 times the median one (1 = each
  /// gap recovered at its true size); NaN when there is no such spacing.
  double gap_recovery = 0;
  /// Estimated total span over the true one, (z_abs_last - z_abs_first) / (truth_last -
  /// truth_first), between the first and the last scored sections that have an absolute
  /// position; 1 = absolute thickness right on average. Needs absolute positions in the
  /// truth's units (a volume's voxels = input pixels); NaN without them, and always for the
  /// uniform guess, which has no scale of its own.
  double span_ratio = std::numeric_limits<double>::quiet_NaN();
  double slope = 0;   ///< a of the fit (0 when z is constant: only the offset can be fitted)
  double offset = 0;  ///< b of the fit
  std::size_t gaps = 0;  ///< number of true spacings counted as gaps
};

/// An estimate and the uniform guess, scored on the same sections.
struct Evaluation {
  Scores estimate;
  Scores uniform;
  std::size_t sections = 0;  ///< sections scored
  std::size_t skipped = 0;   ///< sections left out because the estimate has no z for them
};

/// Scores `z` against `truth` (one value per section, same order). A NaN or infinity in `z` (a
/// section the result gives no position) leaves that section out of both columns, counted in
/// `skipped`; its neighbours then form one spacing, which may count as a gap.
/// Throws DataError when the sizes differ, fewer than 2 sections remain, a truth value is not
/// finite, or the truth does not increase from the first scored section to the last.
Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& z);

/// As above, and scores the absolute positions `z_absolute` (same units as the truth, one per
/// section; NaN where unknown) by `span_ratio`. Throws DataError as above, and when
/// `z_absolute` has another size than `truth`.
Evaluation evaluate(const std::vector<double>& truth, const std::vector<double>& z,
                    const std::vector<double>& z_absolute);

/// The `z` column of a CSV table (header row; columns found by name, others ignored; quoted
/// cells as in z.csv). Every row needs a finite z. Used for truth.csv. Throws DataError
/// "<file>:<line>: <reason>" for unreadable files and bad cells.
std::vector<double> read_truth_table(const std::filesystem::path& csv);

/// The `z` column of a result: a zspace output folder (its z.csv) or the table itself. Empty
/// and non-finite cells become NaN (no position). Throws DataError as read_truth_table.
std::vector<double> read_result_table(const std::filesystem::path& result);

/// The `z_px` column of a result (absolute positions in input pixels, written by solvers that
/// measure distance in pixels), read as read_result_table; empty when the table has no such
/// column.
std::vector<double> read_result_pixels(const std::filesystem::path& result);

/// Reads both tables and scores the result, with its `z_px` column as absolute positions when
/// it has one. Throws DataError naming the files when their section counts differ.
Evaluation evaluate_files(const std::filesystem::path& truth_csv, const std::filesystem::path& result);

/// The evaluation as a JSON object: sections, skipped, and the estimate and uniform scores
/// (NaN written as null, e.g. span_ratio without absolute positions).
std::string evaluation_json(const Evaluation& evaluation);

}  // namespace zspace
