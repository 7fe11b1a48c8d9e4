#include "engine/distributed_band.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <limits>
#include <type_traits>
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

// Contiguous shares of the band rows 1..N-1 (row 0 has no pairs), as equal as possible.
struct Shares {
  std::size_t n, range;
  int ranks;
  std::size_t start(int k) const {
    return 1 + (n - 1) * static_cast<std::size_t>(k) / static_cast<std::size_t>(ranks);
  }
  std::size_t rows(int k) const { return start(k + 1) - start(k); }
  /// Sections rank k reads: its rows and the R before them (none without rows).
  std::pair<std::size_t, std::size_t> read(int k) const {
    const std::size_t a = start(k), b = start(k + 1);
    return {b > a ? (a > range ? a - range : 0) : b, b};
  }
  /// Sections whose per-section results rank k sends: its rows, and section 0 for rank 0.
  std::pair<std::size_t, std::size_t> owned(int k) const { return {k == 0 ? 0 : start(k), start(k + 1)}; }
};

template <class T>
MPI_Datatype mpi_type() {
  if constexpr (std::is_same_v<T, double>) return MPI_DOUBLE;
  else if constexpr (std::is_same_v<T, float>) return MPI_FLOAT;
  else return MPI_CHAR;
}

// Every rank's `mine` on rank 0, in rank order (empty elsewhere); count(k) is what rank k
// sends, known to all, so nothing but the data is exchanged. offsets[k]: where rank k's starts.
template <class T, class Count>
std::vector<T> gather(const std::vector<T>& mine, int ranks, Count count, std::vector<std::size_t>& offsets) {
  std::vector<int> counts(static_cast<std::size_t>(ranks)), displacements(counts.size());
  offsets.assign(counts.size(), 0);
  std::size_t total = 0;
  for (int k = 0; k < ranks; ++k) {
    const auto at = static_cast<std::size_t>(k);
    counts[at] = static_cast<int>(count(k));
    displacements[at] = static_cast<int>(total);
    offsets[at] = total;
    total += count(k);
  }
  std::vector<T> all(distributed_rank() == 0 ? total : 0);
  MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), mpi_type<T>(), all.data(), counts.data(),
              displacements.data(), mpi_type<T>(), 0, MPI_COMM_WORLD);
  return all;
}

// The order in which a rank sends the pairs of its rows [first, last): row by row, R slots per
// row, slot d = 1..R being the pair (j - d, j); visit(j, d) sees every slot, also those with
// d > j (before section 0), which are sent as NaN.
template <class Visit>
void for_each_slot(std::size_t first, std::size_t last, std::size_t range, Visit visit) {
  for (std::size_t j = first; j < last; ++j)
    for (std::size_t d = 1; d <= range; ++d) visit(j, d);
}

std::vector<double> pack_rows(const BandMatrix& band, std::size_t first, std::size_t last) {
  std::vector<double> out;
  out.reserve((last - first) * band.range());
  for_each_slot(first, last, band.range(), [&](std::size_t j, std::size_t d) {
    out.push_back(d <= j ? band(j - d, j) : std::numeric_limits<double>::quiet_NaN());
  });
  return out;
}

void unpack_rows(BandMatrix& band, const double* from, std::size_t first, std::size_t last) {
  for_each_slot(first, last, band.range(), [&](std::size_t j, std::size_t d) {
    if (d <= j) band.set(j - d, j, *from);
    ++from;
  });
}
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
  const Shares by_rows{n, 0, size};  // which rows are whose; the range is known once computed
  const std::size_t first = by_rows.start(rank), last_excl = by_rows.start(rank + 1);

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

  // Each rank sends only what it computed: the band rows of its share, their in-plane shifts,
  // the usable flags of the sections it read, and with a calibration the curves of its own
  // sections and its rows of every tile's band. Rank 0 puts each in place.
  const std::size_t r = band.range;
  const Shares shares{n, r, size};
  std::vector<std::size_t> at_values, at_usable, at_shifts, at_curves, at_tiles;
  const auto all_values =
      gather(pack_rows(band.result.band, first, last_excl), size, [&](int k) { return shares.rows(k) * r; }, at_values);
  std::vector<char> usable;
  const auto [read_first, read_last] = shares.read(rank);
  for (std::size_t i = read_first; i < read_last; ++i) usable.push_back(band.result.usable[i] ? 1 : 0);
  const auto all_usable = gather(usable, size, [&](int k) { return shares.read(k).second - shares.read(k).first; }, at_usable);
  const bool with_shifts = !band.result.shifts.x.empty();
  std::vector<float> all_shifts;
  if (with_shifts) {
    std::vector<float> shifts;
    for_each_slot(first, last_excl, r, [&](std::size_t j, std::size_t d) {
      const std::size_t slot = d <= j ? (j - d) * (r + 1) + d : 0;
      shifts.push_back(d <= j ? band.result.shifts.x[slot] : std::numeric_limits<float>::quiet_NaN());
      shifts.push_back(d <= j ? band.result.shifts.y[slot] : std::numeric_limits<float>::quiet_NaN());
    });
    all_shifts = gather(shifts, size, [&](int k) { return 2 * shares.rows(k) * r; }, at_shifts);
  }
  std::vector<double> all_curves, all_tiles;
  std::size_t per_section = 0;  // curve values of one section: tiles x shifts
  if (band.calibration) {
    const Calibration& c = *band.calibration;
    per_section = c.tiles() * c.shifts.size();
    const auto [own_first, own_last] = shares.owned(rank);
    const std::vector<double> curves(c.curves.begin() + static_cast<std::ptrdiff_t>(own_first * per_section),
                                     c.curves.begin() + static_cast<std::ptrdiff_t>(own_last * per_section));
    all_curves = gather(curves, size, [&](int k) { return (shares.owned(k).second - shares.owned(k).first) * per_section; },
                        at_curves);
    std::vector<double> tiles;
    for (const BandMatrix& tile : c.tile_bands) {
      const std::vector<double> rows = pack_rows(tile, first, last_excl);
      tiles.insert(tiles.end(), rows.begin(), rows.end());
    }
    all_tiles = gather(tiles, size, [&](int k) { return c.tiles() * shares.rows(k) * r; }, at_tiles);
  }
  if (rank != 0) return band;

  // Rank 0: each row from the rank that owns it.
  BandStage whole = band;
  whole.rows.reset();
  whole.result.band = BandMatrix(n, r);
  whole.result.usable.assign(n, true);
  if (with_shifts) {
    whole.result.shifts.x.assign(n * (r + 1), std::numeric_limits<float>::quiet_NaN());
    whole.result.shifts.y = whole.result.shifts.x;
    for (std::size_t i = 0; i < n; ++i) whole.result.shifts.x[i * (r + 1)] = whole.result.shifts.y[i * (r + 1)] = 0.0f;
  }
  if (whole.calibration) {
    Calibration& c = *whole.calibration;
    c.tile_bands.assign(c.tiles(), BandMatrix(n, r));
    std::fill(c.curves.begin(), c.curves.end(), std::numeric_limits<double>::quiet_NaN());
  }
  for (int k = 0; k < size; ++k) {
    const auto at = static_cast<std::size_t>(k);
    const std::size_t a = shares.start(k), b = shares.start(k + 1);
    unpack_rows(whole.result.band, all_values.data() + at_values[at], a, b);
    if (with_shifts) {
      const float* sh = all_shifts.data() + at_shifts[at];
      for_each_slot(a, b, r, [&](std::size_t j, std::size_t d) {
        if (d <= j) {
          const std::size_t slot = (j - d) * (r + 1) + d;
          whole.result.shifts.x[slot] = sh[0];
          whole.result.shifts.y[slot] = sh[1];
        }
        sh += 2;
      });
    }
    const auto [read_a, read_b] = shares.read(k);
    for (std::size_t i = read_a; i < read_b; ++i)
      if (all_usable[at_usable[at] + (i - read_a)] == 0) whole.result.usable[i] = false;
    if (whole.calibration) {
      Calibration& c = *whole.calibration;
      const auto [own_a, own_b] = shares.owned(k);
      std::copy(all_curves.begin() + static_cast<std::ptrdiff_t>(at_curves[at]),
                all_curves.begin() + static_cast<std::ptrdiff_t>(at_curves[at] + (own_b - own_a) * per_section),
                c.curves.begin() + static_cast<std::ptrdiff_t>(own_a * per_section));
      for (std::size_t t = 0; t < c.tiles(); ++t)
        unpack_rows(c.tile_bands[t], all_tiles.data() + at_tiles[at] + t * (b - a) * r, a, b);
    }
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
