#include "zspace/engine/band_engine.hpp"

#include <algorithm>
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
  std::vector<std::unique_ptr<PreparedSection>> out(count);
  auto prepare_one = [&](std::size_t k, const Section& section) {
    try {
      out[k] = metric.prepare(section);
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
      prepare_one(k, sections[k]);
      sections[k] = Section{};  // release pixels as soon as they are prepared
    });
  }
  return out;
}

}  // namespace

BandResult compute_band(const StackReader& reader, const SimilarityMetric& metric,
                        const BandOptions& options, Progress* progress) {
  const std::size_t n = reader.size();
  const std::size_t r = options.range;
  const int threads = resolve_threads(options.threads);
  // A block large enough to keep every thread busy with pairs, small enough that the window
  // (R + block prepared sections) stays a small multiple of R.
  const std::size_t block = std::max<std::size_t>(static_cast<std::size_t>(threads) * 2, 8);

  BandResult result{BandMatrix(n, r), std::vector<bool>(n, true)};
  std::size_t total_pairs = 0;
  for (std::size_t j = 0; j < n; ++j) total_pairs += std::min(j, r);
  if (progress) progress->begin("band", total_pairs, "pairs");

  tbb::task_arena arena(threads);
  std::deque<std::unique_ptr<PreparedSection>> window;  // sections [window_first, next)
  std::size_t window_first = 0;

  for (std::size_t first = 0; first < n; first += block) {
    if (interrupt_requested()) throw Interrupted("interrupted during the band computation");
    const std::size_t last = std::min(n, first + block);
    std::vector<std::unique_ptr<PreparedSection>> fresh;
    arena.execute([&] { fresh = prepare_block(reader, metric, first, last); });
    for (auto& p : fresh) window.push_back(std::move(p));
    for (std::size_t i = first; i < last; ++i) result.usable[i] = window[i - window_first]->usable();

    // Pairs (i, j) with j in the new block and j-R <= i < j.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t j = first; j < last; ++j)
      for (std::size_t i = (j > r ? j - r : 0); i < j; ++i) pairs.emplace_back(i, j);
    std::vector<double> values(pairs.size());
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, pairs.size(), [&](std::size_t k) {
        // A signal skips the remaining pairs of the block, so a long block stops promptly.
        if (interrupt_requested()) return;
        const auto [i, j] = pairs[k];
        const PreparedSection& a = *window[i - window_first];
        const PreparedSection& b = *window[j - window_first];
        double v = std::numeric_limits<double>::quiet_NaN();
        if (a.usable() && b.usable()) {
          try {
            v = metric.compare(a, b);
          } catch (const std::exception& e) {
            throw DataError(section_label(reader, i) + " and " + section_label(reader, j) +
                            ": metric failed: " + e.what());
          }
        }
        values[k] = v;
        if (progress) progress->advance();
      });
    });
    if (interrupt_requested()) throw Interrupted("interrupted during the band computation");
    for (std::size_t k = 0; k < pairs.size(); ++k) result.band.set(pairs[k].first, pairs[k].second, values[k]);

    while (window_first + r < last && !window.empty()) {
      window.pop_front();
      ++window_first;
    }
  }
  if (progress) progress->end();
  return result;
}

}  // namespace zspace
