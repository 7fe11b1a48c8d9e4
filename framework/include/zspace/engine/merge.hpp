#pragma once
/// @file merge.hpp
/// Joining band shards (`zspace similarity --sections A:B`) into one band.

#include <cstddef>
#include <filesystem>
#include <vector>

namespace zspace {

/// What merge_shards() produced.
struct MergeSummary {
  std::size_t sections = 0;  ///< N of the merged band
  std::size_t range = 0;     ///< R of the merged band
  std::size_t shards = 0;    ///< shards read
};

/// Reads the shards (each a `zspace similarity` output folder, or its similarity.json), checks
/// that they fit together — same number of sections, R, metric name, version and parameters,
/// preprocessing and input fingerprint; rows covering 0..N-1 without a hole; entries computed
/// by more than one shard equal — and writes similarity.tif and similarity.json of the whole
/// band into `output_dir` (temporary names, renamed at the end).
/// Throws ConfigError "<shard>: <field> differs from <other shard> (...)" for shards that do not
/// fit, DataError for unreadable shards.
MergeSummary merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& output_dir);

}  // namespace zspace
