#include "engine/distributed_band.hpp"

#include <cstdlib>
#include <exception>
#include <fmt/core.h>
#include <limits>
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

  const std::size_t r = band.range;
  const std::size_t slots = n * (r + 1);
  std::vector<double> values(slots, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t j = first; j < last_excl; ++j)
    for (std::size_t i = j > r ? j - r : 0; i < j; ++i) values[i * (r + 1) + (j - i)] = band.result.band(i, j);
  // Usable flags of the sections this rank read: 1 usable, 0 not, 2 not read here.
  std::vector<char> usable(n, 2);
  const std::size_t read_first = first > r ? first - r : 0;
  for (std::size_t i = read_first; i < last_excl && i < n; ++i) usable[i] = band.result.usable[i] ? 1 : 0;
  const bool with_shifts = !band.result.shifts.x.empty();
  std::vector<float> shifts(with_shifts ? 2 * slots : 0, std::numeric_limits<float>::quiet_NaN());
  if (with_shifts)
    for (std::size_t j = first; j < last_excl; ++j)
      for (std::size_t i = j > r ? j - r : 0; i < j; ++i) {
        const std::size_t slot = i * (r + 1) + (j - i);
        shifts[slot] = band.result.shifts.x[slot];
        shifts[slots + slot] = band.result.shifts.y[slot];
      }

  std::vector<double> all_values(rank == 0 ? slots * static_cast<std::size_t>(size) : 0);
  std::vector<char> all_usable(rank == 0 ? n * static_cast<std::size_t>(size) : 0);
  std::vector<float> all_shifts(rank == 0 && with_shifts ? 2 * slots * static_cast<std::size_t>(size) : 0);
  MPI_Gather(values.data(), static_cast<int>(slots), MPI_DOUBLE, all_values.data(), static_cast<int>(slots),
             MPI_DOUBLE, 0, MPI_COMM_WORLD);
  MPI_Gather(usable.data(), static_cast<int>(n), MPI_CHAR, all_usable.data(), static_cast<int>(n), MPI_CHAR, 0,
             MPI_COMM_WORLD);
  if (with_shifts)
    MPI_Gather(shifts.data(), static_cast<int>(2 * slots), MPI_FLOAT, all_shifts.data(), static_cast<int>(2 * slots),
               MPI_FLOAT, 0, MPI_COMM_WORLD);
  if (rank != 0) return band;

  // Rank 0: each row from the rank that owns it.
  BandStage whole = band;
  whole.rows.reset();
  whole.result.band = BandMatrix(n, r);
  whole.result.usable.assign(n, true);
  for (int k = 0; k < size; ++k) {
    const std::size_t a = share_start(k), b = share_start(k + 1);
    const double* v = all_values.data() + slots * static_cast<std::size_t>(k);
    for (std::size_t j = a; j < b; ++j)
      for (std::size_t i = j > r ? j - r : 0; i < j; ++i) {
        const std::size_t slot = i * (r + 1) + (j - i);
        whole.result.band.set(i, j, v[slot]);
        if (with_shifts) {
          whole.result.shifts.x[slot] = all_shifts[2 * slots * static_cast<std::size_t>(k) + slot];
          whole.result.shifts.y[slot] = all_shifts[2 * slots * static_cast<std::size_t>(k) + slots + slot];
        }
      }
    const char* u = all_usable.data() + n * static_cast<std::size_t>(k);
    for (std::size_t i = 0; i < n; ++i)
      if (u[i] == 0) whole.result.usable[i] = false;
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
