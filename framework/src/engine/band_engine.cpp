#include "zspace/engine/band_engine.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/progress.hpp"

namespace zspace {

namespace {


int resolve_threads(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string section_label(const StackReader& reader, std::size_t i) {
  return "section " + std::to_string(i) + " (" + reader.name(i) + ")";
}

// Reads and prepares sections [first, last). A reader that cannot serve concurrent reads is
// read in order first; preparation runs in parallel either way.
std::vector<std::unique_ptr<PreparedSection>> prepare_block(const StackReader& reader,
                                                            const SimilarityMetric& metric,
                                                            std::size_t first, std::size_t last) {
  const std::size_t count = last - first;
  const bool integer_ok = metric.accepts_integer_pixels();
  std::vector<std::unique_ptr<PreparedSection>> out(count);
  // The engine has no further use for a section once it is prepared, so the metric may keep its
  // pixels instead of copying them.
  auto prepare_one = [&](std::size_t k, Section section) {
    if (!integer_ok) section = to_float(std::move(section));
    try {
      out[k] = metric.prepare_owned(std::move(section));
    } catch (const DataError&) {
      throw;
    } catch (const std::exception& e) {
      throw DataError(section_label(reader, first + k) + ": metric failed to prepare it: " + e.what());
    }
  };
  if (reader.concurrent_reads()) {
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t k) { prepare_one(k, reader.read(first + k)); });
  } else {
    std::vector<Section> sections;
    sections.reserve(count);
    for (std::size_t k = 0; k < count; ++k) sections.push_back(reader.read(first + k));
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t k) {
      prepare_one(k, std::move(sections[k]));
      sections[k] = Section{};  // release pixels as soon as they are prepared
    });
  }
  return out;
}

}  // namespace

StackStatistics sample_stack_statistics(const StackReader& reader) {
  constexpr std::size_t kSections = 16;
  constexpr std::size_t kValues = std::size_t{1} << 20;
  StackStatistics stats;
  const std::size_t n = reader.size();
  if (n == 0) return stats;
  const std::size_t k = std::min(kSections, n);
  const std::size_t per_section = kValues / k;
  for (std::size_t s = 0; s < k; ++s) {
    const std::size_t index = k == 1 ? 0 : (s * (n - 1) + (k - 1) / 2) / (k - 1);
    const Section section = reader.read(index);
    const std::size_t size = section.size();
    const std::size_t stride = std::max<std::size_t>(1, size / std::max<std::size_t>(per_section, 1));
    for (std::size_t p = 0; p < size; p += stride) {
      const float v = section.value(p);
      if (!std::isnan(v)) stats.sample.push_back(v);
    }
  }
  stats.sections_sampled = k;
  std::sort(stats.sample.begin(), stats.sample.end());
  return stats;
}

BandResult compute_band(const StackReader& reader, SimilarityMetric& metric, const BandOptions& options,
                        Progress* progress) {
  const std::size_t n = reader.size();
  const std::size_t r = options.range;
  const std::size_t first_row = options.first;
  const std::size_t last_row = options.last == 0 ? n : std::min(options.last, n);
  if (first_row >= last_row && n > 0)
    throw ConfigError("band rows " + std::to_string(first_row) + ".." + std::to_string(options.last) +
                      " are outside the " + std::to_string(n) + "-section stack");
  const int threads = resolve_threads(options.threads);
  // A block large enough to keep every thread busy with rows, small enough that the window
  // (R + block prepared sections) stays a small multiple of R.
  const std::size_t block = std::max<std::size_t>(static_cast<std::size_t>(threads) * 2, 8);

  BandResult result{BandMatrix(n, r), std::vector<bool>(n, true), {}};
  const bool with_shifts = metric.reports_shifts();
  if (with_shifts) {
    result.shifts.x.assign(n * (r + 1), std::numeric_limits<float>::quiet_NaN());
    result.shifts.y = result.shifts.x;
    for (std::size_t i = 0; i < n; ++i) result.shifts.x[i * (r + 1)] = result.shifts.y[i * (r + 1)] = 0.0f;
  }

  tbb::task_arena arena(threads);
  if (metric.wants_stack_statistics()) {
    StackStatistics stats;
    arena.execute([&] { stats = sample_stack_statistics(reader); });
    try {
      metric.set_stack_statistics(stats);
    } catch (const DataError&) {
      throw;
    } catch (const std::exception& e) {
      throw DataError(std::string("metric cannot use this stack: ") + e.what());
    }
  }

  std::size_t total_pairs = 0;
  for (std::size_t j = first_row; j < last_row; ++j) total_pairs += std::min(j, r);
  if (progress) progress->begin("band", total_pairs, "pairs");

  const std::size_t start = first_row > r ? first_row - r : 0;
  std::deque<std::unique_ptr<PreparedSection>> window;  // sections [window_first, next)
  std::size_t window_first = start;

  for (std::size_t first = start; first < last_row; first += block) {
    if (interrupt_requested()) throw Interrupted("interrupted during the band computation");
    const std::size_t last = std::min(last_row, first + block);
    std::vector<std::unique_ptr<PreparedSection>> fresh;
    arena.execute([&] { fresh = prepare_block(reader, metric, first, last); });
    for (auto& p : fresh) window.push_back(std::move(p));
    for (std::size_t i = first; i < last; ++i) result.usable[i] = window[i - window_first]->usable();

    // Rows j of this block (those the caller asked for): pairs (i, j) with j-R <= i < j.
    const std::size_t row0 = std::max(first, first_row);
    const std::size_t rows = last > row0 ? last - row0 : 0;
    std::vector<std::vector<Comparison>> values(rows);
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, rows, [&](std::size_t k) {
        // A signal skips the remaining rows of the block, so a long block stops promptly.
        if (interrupt_requested()) return;
        const std::size_t j = row0 + k;
        const std::size_t i0 = j > r ? j - r : 0;
        const std::size_t count = j - i0;
        std::vector<const PreparedSection*> partners(count);
        for (std::size_t q = 0; q < count; ++q) partners[q] = window[i0 + q - window_first].get();
        values[k].resize(count);
        const PreparedSection& b = *window[j - window_first];
        if (count == 0) return;
        try {
          metric.compare_many(b, partners.data(), count, values[k].data());
        } catch (const std::exception& e) {
          throw DataError(section_label(reader, j) + " and its " + std::to_string(count) +
                          " predecessors: metric failed: " + e.what());
        }
        if (!b.usable())
          for (auto& c : values[k]) c = Comparison{};
        for (std::size_t q = 0; q < count; ++q)
          if (!partners[q]->usable()) values[k][q] = Comparison{};
        if (progress) progress->advance(count);
      });
    });
    if (interrupt_requested()) throw Interrupted("interrupted during the band computation");
    for (std::size_t k = 0; k < rows; ++k) {
      const std::size_t j = row0 + k;
      const std::size_t i0 = j - values[k].size();
      for (std::size_t q = 0; q < values[k].size(); ++q) {
        const std::size_t i = i0 + q;
        const Comparison& c = values[k][q];
        result.band.set(i, j, c.value);
        if (with_shifts) {
          const std::size_t slot = i * (r + 1) + (j - i);
          const bool known = !std::isnan(c.value);
          result.shifts.x[slot] = known ? static_cast<float>(c.shift_x) : std::numeric_limits<float>::quiet_NaN();
          result.shifts.y[slot] = known ? static_cast<float>(c.shift_y) : std::numeric_limits<float>::quiet_NaN();
        }
      }
    }

    while (window_first + r < last && !window.empty()) {
      window.pop_front();
      ++window_first;
    }
  }
  if (progress) progress->end();
  return result;
}

}  // namespace zspace
