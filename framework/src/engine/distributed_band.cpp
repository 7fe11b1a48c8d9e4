#include "engine/distributed_band.hpp"

#include <cstdlib>
#include <exception>
#include <fmt/core.h>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

#include "zspace/engine/distributed.hpp"
#include "zspace/engine/errors.hpp"

#ifdef ZSPACE_HAVE_MPI
#include <mpi.h>
#endif

namespace zspace {

namespace {

bool launched_by_mpi() {
  // Open MPI's, MPICH/Hydra's and Slurm's rank variables.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PROCID"})
    if (std::getenv(name)) return true;
  return false;
}

#ifdef ZSPACE_HAVE_MPI
bool g_initialized = false;
#endif

}  // namespace

DistributedSession::DistributedSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef ZSPACE_HAVE_MPI
  if (launched_by_mpi()) {
    MPI_Init(&argc, &argv);
    g_initialized = true;
  }
#endif
}

DistributedSession::~DistributedSession() {
#ifdef ZSPACE_HAVE_MPI
  if (g_initialized) MPI_Finalize();
  g_initialized = false;
#endif
}

bool distributed_support() {
#ifdef ZSPACE_HAVE_MPI
  return true;
#else
  return false;
#endif
}

int distributed_size() {
#ifdef ZSPACE_HAVE_MPI
  if (!g_initialized) return 1;
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
#else
  return 1;
#endif
}

int distributed_rank() {
#ifdef ZSPACE_HAVE_MPI
  if (!g_initialized) return 0;
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
#else
  return 0;
#endif
}

BandStage compute_distributed_band(const StackReader& reader, const Pipeline& pipeline, const BandRequest& request,
                                   const Registry& registry, int threads, Progress& progress) {
#ifndef ZSPACE_HAVE_MPI
  return compute_band_stage(reader, pipeline, request, registry, threads, progress);
#else
  const int size = distributed_size(), rank = distributed_rank();
  const std::size_t n = reader.size();
  if (size <= 1 || n < 2) return compute_band_stage(reader, pipeline, request, registry, threads, progress);
  // Contiguous shares of rows 1..N-1 (row 0 has no pairs), as equal as possible.
  const auto share_start = [&](int k) { return 1 + (n - 1) * static_cast<std::size_t>(k) / static_cast<std::size_t>(size); };
  const std::size_t first = share_start(rank), last_excl = share_start(rank + 1);

  BandStage band;
  std::exception_ptr failure;
  int failed = 0;
  try {
    BandRequest mine = request;
    if (last_excl > first) {
      mine.rows = std::array<std::size_t, 2>{first, last_excl - 1};
      band = compute_band_stage(reader, pipeline, mine, registry, threads, progress);
    } else {
      // More ranks than rows: this rank has nothing to compute but must still take part.
      mine.rows = std::array<std::size_t, 2>{0, 0};
      band = compute_band_stage(reader, pipeline, mine, registry, threads, progress);
    }
  } catch (...) {
    failure = std::current_exception();
    failed = 1;
  }
  // Every rank learns whether any failed, so none waits for a partner that is gone.
  int any_failed = 0, first_failed = size;
  MPI_Allreduce(&failed, &any_failed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (any_failed) {
    const int me = failed ? rank : size;
    MPI_Allreduce(&me, &first_failed, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (failure) std::rethrow_exception(failure);
    throw DataError(fmt::format("rank {} failed (its message is above); no results written", first_failed));
  }

  // Each rank sends only what it computed: for each of its rows j, the R values (j - d, j),
  // d = 1..R (NaN before section 0), the in-plane shifts likewise, and the usable flags of the
  // sections it read. Rank 0 knows every rank's share, so the counts need no exchange.
  const std::size_t r = band.range;
  const auto rows_of = [&](int k) { return share_start(k + 1) - share_start(k); };
  const auto read_range = [&](int k) {
    const std::size_t a = share_start(k), b = share_start(k + 1);
    return std::pair<std::size_t, std::size_t>{b > a ? (a > r ? a - r : 0) : b, b};
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values;
  values.reserve((last_excl - first) * r);
  for (std::size_t j = first; j < last_excl; ++j)
    for (std::size_t d = 1; d <= r; ++d) values.push_back(d <= j ? band.result.band(j - d, j) : nan);
  const auto [read_first, read_last] = read_range(rank);
  std::vector<char> usable;
  for (std::size_t i = read_first; i < read_last; ++i) usable.push_back(band.result.usable[i] ? 1 : 0);
  const bool with_shifts = !band.result.shifts.x.empty();
  std::vector<float> shifts;
  if (with_shifts)
    for (std::size_t j = first; j < last_excl; ++j)
      for (std::size_t d = 1; d <= r; ++d) {
        const std::size_t slot = (j - d) * (r + 1) + d;
        const bool known = d <= j;
        shifts.push_back(known ? band.result.shifts.x[slot] : static_cast<float>(nan));
        shifts.push_back(known ? band.result.shifts.y[slot] : static_cast<float>(nan));
      }

  // Counts and offsets in elements, per rank, for one element per row and pair times `per`.
  const auto layout = [&](std::size_t per, bool sections_read) {
    std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
    std::size_t at = 0;
    for (int k = 0; k < size; ++k) {
      const auto [a, b] = read_range(k);
      const std::size_t count = sections_read ? b - a : rows_of(k) * r * per;
      counts[static_cast<std::size_t>(k)] = static_cast<int>(count);
      offsets[static_cast<std::size_t>(k)] = static_cast<int>(at);
      at += count;
    }
    return std::tuple{counts, offsets, at};
  };
  const auto [value_counts, value_offsets, value_total] = layout(1, false);
  const auto [usable_counts, usable_offsets, usable_total] = layout(1, true);
  const auto [shift_counts, shift_offsets, shift_total] = layout(2, false);
  std::vector<double> all_values(rank == 0 ? value_total : 0);
  std::vector<char> all_usable(rank == 0 ? usable_total : 0);
  std::vector<float> all_shifts(rank == 0 && with_shifts ? shift_total : 0);
  MPI_Gatherv(values.data(), static_cast<int>(values.size()), MPI_DOUBLE, all_values.data(), value_counts.data(),
              value_offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  MPI_Gatherv(usable.data(), static_cast<int>(usable.size()), MPI_CHAR, all_usable.data(), usable_counts.data(),
              usable_offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (with_shifts)
    MPI_Gatherv(shifts.data(), static_cast<int>(shifts.size()), MPI_FLOAT, all_shifts.data(), shift_counts.data(),
                shift_offsets.data(), MPI_FLOAT, 0, MPI_COMM_WORLD);
  if (rank != 0) return band;

  // Rank 0: each row from the rank that owns it.
  BandStage whole = band;
  whole.rows.reset();
  whole.result.band = BandMatrix(n, r);
  whole.result.usable.assign(n, true);
  if (with_shifts) {
    whole.result.shifts.x.assign(n * (r + 1), static_cast<float>(nan));
    whole.result.shifts.y = whole.result.shifts.x;
    for (std::size_t i = 0; i < n; ++i) whole.result.shifts.x[i * (r + 1)] = whole.result.shifts.y[i * (r + 1)] = 0.0f;
  }
  for (int k = 0; k < size; ++k) {
    const std::size_t a = share_start(k), b = share_start(k + 1);
    const double* v = all_values.data() + value_offsets[static_cast<std::size_t>(k)];
    const float* sh = all_shifts.data() + (with_shifts ? shift_offsets[static_cast<std::size_t>(k)] : 0);
    for (std::size_t j = a; j < b; ++j)
      for (std::size_t d = 1; d <= r; ++d, ++v, sh += with_shifts ? 2 : 0) {
        if (d > j) continue;
        whole.result.band.set(j - d, j, *v);
        if (with_shifts) {
          const std::size_t slot = (j - d) * (r + 1) + d;
          whole.result.shifts.x[slot] = sh[0];
          whole.result.shifts.y[slot] = sh[1];
        }
      }
    const auto [read_a, read_b] = read_range(k);
    const char* u = all_usable.data() + usable_offsets[static_cast<std::size_t>(k)];
    for (std::size_t i = read_a; i < read_b; ++i)
      if (u[i - read_a] == 0) whole.result.usable[i] = false;
  }
  // The warnings about sections without signal came from the rank that read them; rank 0
  // states them for the whole stack.
  whole.warnings.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (!whole.result.usable[i])
      whole.warnings.push_back(fmt::format(
          "section {} ({}) has no usable signal (constant or invalid); flagged, z interpolated", i, whole.names[i]));
  return whole;
#endif
}

}  // namespace zspace
