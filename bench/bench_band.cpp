// The similarity band of each metric plugin on one realistic stack held in memory, and the
// stack's streaming-read time: the floor for a metric that reads every section once.
//
//   zspace-bench-band [--stack DIR|FILE] [--sections N] [--size S] [--range R]
//                     [--slow-rows K] [--as-float 1] [google benchmark flags]
//
//   --stack      stack to load (folder or multi-page TIFF); default: a synthetic 8-bit stack
//   --sections   sections of the synthetic stack (default 200)
//   --size       width and height of the synthetic sections (default 1024)
//   --range      neighbourhood range R (default 10)
//   --slow-rows  band rows computed for metrics other than ncc (default 24): the time per pair
//                is what to compare; a full band of those metrics takes minutes
//   --as-float   1: convert the stack to float32 first, to time the float path of a metric
//                (what metrics without integer support, or masked stacks, go through)
//
// Benchmarks (wall time on all cores; the CPU column is the whole process, all threads):
//   read_floor       reads every pixel of the stack once (parallel over sections)
//   band/<metric>    zspace::compute_band as the engine runs it: sections copied out of the
//                    reader, prepared, compared (rows 0..K-1 for the slow metrics)
//   band_handed_over/ncc  the same from sections decoded beforehand, which the reader hands over
//                    instead of copying (what a reader decoding straight into them costs less)
//   compare/ncc      only the compare_many calls of the ncc band, on sections prepared before
//   ceiling/...      the 8-bit NCC arithmetic on sections held in L1, in every thread at once
//                    (ncc_ceiling.hpp): the lowest band time that arithmetic allows
// Metric plugins are loaded by name from the plugin folder next to the binary
// (<build>/lib/zspace/plugins) and ZSPACE_PLUGIN_PATH; missing ones are skipped with a message.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include "band_stack.hpp"
#include "ncc_ceiling.hpp"
#include "zspace/engine/allocator.hpp"
#include "zspace/engine/band_engine.hpp"
#include "zspace/engine/registry.hpp"

namespace {

using zspace::bench::BandStack;

struct Options {
  std::string stack;
  std::size_t sections = 200;
  int size = 1024;
  std::size_t range = 10;
  std::size_t slow_rows = 24;
  bool as_float = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("unknown argument or missing value: " + flag);
    const std::string value = argv[++i];
    if (flag == "--stack")
      o.stack = value;
    else if (flag == "--sections")
      o.sections = std::stoul(value);
    else if (flag == "--size")
      o.size = std::stoi(value);
    else if (flag == "--range")
      o.range = std::stoul(value);
    else if (flag == "--slow-rows")
      o.slow_rows = std::stoul(value);
    else if (flag == "--as-float")
      o.as_float = value == "1";
    else
      throw std::invalid_argument("unknown argument: " + flag);
  }
  return o;
}

// Pairs of the band in rows [0, rows): row j pairs section j with its min(j, R) predecessors.
std::size_t band_pairs(std::size_t rows, std::size_t range) {
  std::size_t pairs = 0;
  for (std::size_t j = 0; j < rows; ++j) pairs += std::min(j, range);
  return pairs;
}

// XOR of every 8-byte word: one load and one cheap operation per word, so memory bound.
std::uint64_t read_all(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint64_t a = 0, b = 0, c = 0, d = 0;
  std::size_t i = 0;
  for (; i + 32 <= bytes; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, p + i, sizeof w);
    a ^= w[0];
    b ^= w[1];
    c ^= w[2];
    d ^= w[3];
  }
  for (; i < bytes; ++i) a ^= p[i];
  return a ^ b ^ c ^ d;
}

void read_floor(benchmark::State& state, const BandStack& stack) {
  const auto& sections = stack.sections;
  std::vector<std::uint64_t> sink(sections.size());
  for (auto _ : state) {
    tbb::parallel_for(std::size_t{0}, sections.size(), [&](std::size_t i) {
      sink[i] = read_all(zspace::bench::pixel_data(sections[i]), zspace::bench::pixel_bytes(sections[i]));
    });
    benchmark::DoNotOptimize(sink.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stack.bytes()));
  state.counters["stack_MiB"] = static_cast<double>(stack.bytes()) / (1024.0 * 1024.0);
}

void band(benchmark::State& state, const BandStack& stack, zspace::SimilarityMetric* metric, std::size_t range,
          std::size_t rows) {
  const zspace::bench::MemoryReader reader(stack.sections);
  zspace::BandOptions options;
  options.range = range;
  options.last = rows;
  for (auto _ : state) {
    const auto result = zspace::compute_band(reader, *metric, options, nullptr);
    benchmark::DoNotOptimize(result.band.values().data());
  }
  const std::size_t pairs = band_pairs(rows, range);
  state.counters["pairs"] = static_cast<double>(pairs);
}

// The ncc band from sections already decoded: the reader hands each over instead of copying it
// (the copies are made while the clock is stopped).
void band_handed_over(benchmark::State& state, const BandStack& stack, zspace::SimilarityMetric* metric,
                      std::size_t range) {
  zspace::bench::HandoverReader reader;
  zspace::BandOptions options;
  options.range = range;
  for (auto _ : state) {
    state.PauseTiming();
    reader.load(stack.sections);
    state.ResumeTiming();
    const auto result = zspace::compute_band(reader, *metric, options, nullptr);
    benchmark::DoNotOptimize(result.band.values().data());
  }
  state.counters["pairs"] = static_cast<double>(band_pairs(stack.sections.size(), range));
}

void compare_only(benchmark::State& state, const BandStack& stack, const zspace::SimilarityMetric& metric,
                  std::size_t range) {
  const std::size_t n = stack.sections.size();
  std::vector<std::unique_ptr<zspace::PreparedSection>> prepared(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) { prepared[i] = metric.prepare(stack.sections[i]); });
  std::vector<std::vector<zspace::Comparison>> out(n, std::vector<zspace::Comparison>(range));
  for (auto _ : state) {
    tbb::parallel_for(std::size_t{1}, n, [&](std::size_t j) {
      const std::size_t i0 = j > range ? j - range : 0;
      std::vector<const zspace::PreparedSection*> partners;
      for (std::size_t i = i0; i < j; ++i) partners.push_back(prepared[i].get());
      metric.compare_many(*prepared[j], partners.data(), partners.size(), out[j].data());
    });
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["pairs"] = static_cast<double>(band_pairs(n, range));
}

}  // namespace

int main(int argc, char** argv) {
  zspace::keep_freed_buffers_for_reuse();  // as the zspace command does
  benchmark::Initialize(&argc, argv);
  Options options;
  try {
    options = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zspace-bench-band: %s (see the comment at the top of bench/bench_band.cpp)\n", e.what());
    return 2;
  }

  BandStack stack;
  try {
    stack = options.stack.empty() ? zspace::bench::synthetic_stack(options.sections, options.size)
                                  : zspace::bench::load_stack(options.stack);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zspace-bench-band: %s\n", e.what());
    return 1;
  }
  if (options.as_float) {
    for (auto& s : stack.sections) s = zspace::to_float(std::move(s));
    stack.description += ", converted to float32";
  }
  std::fprintf(stderr, "stack %s, R = %zu\n", stack.description.c_str(), options.range);
  if (stack.sections.size() < 2) {
    std::fprintf(stderr, "zspace-bench-band: a band needs at least two sections\n");
    return 1;
  }

  zspace::Registry registry([](const std::string& warning) { std::fprintf(stderr, "%s\n", warning.c_str()); });
  registry.scan(zspace::Registry::default_search_path());
  std::vector<std::unique_ptr<zspace::SimilarityMetric>> metrics;

  benchmark::RegisterBenchmark("read_floor", read_floor, std::cref(stack))
      ->MeasureProcessCPUTime()
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  const std::size_t n = stack.sections.size();
  for (const char* name : {"ncc", "fft-correlation", "mutual-information"}) {
    const auto* info = registry.find(zspace::PluginKind::metric, name);
    if (!info) {
      std::fprintf(stderr, "skipping %s: no such metric plugin in the plugin folders\n", name);
      continue;
    }
    metrics.push_back(registry.create_metric(name, zspace::Params::defaults(info->descriptor.parameters)));
    const bool full = std::string(name) == "ncc";
    const std::size_t rows = full ? n : std::min(n, options.slow_rows);
    benchmark::RegisterBenchmark((std::string("band/") + name).c_str(), band, std::cref(stack), metrics.back().get(),
                                 options.range, rows)
        ->MeasureProcessCPUTime()
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    if (full)
      benchmark::RegisterBenchmark("band_handed_over/ncc", band_handed_over, std::cref(stack), metrics.back().get(),
                                   options.range)
          ->MeasureProcessCPUTime()
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
    if (full)
      benchmark::RegisterBenchmark("compare/ncc", compare_only, std::cref(stack), std::cref(*metrics.back()),
                                   options.range)
          ->MeasureProcessCPUTime()
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
  }
  try {
    zspace::bench::register_ncc_ceiling(tbb::info::default_concurrency());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zspace-bench-band: %s\n", e.what());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
