#pragma once
// A folder written under a temporary name beside its destination and renamed into place when
// complete, so that no one ever sees a half-written stack.

#include <filesystem>

namespace zspace::sim {

class StagedFolder {
 public:
  /// Checks `destination` (absent, an empty folder, or with `overwrite` an earlier simulation,
  /// recognised by `marker`) and creates the temporary folder. Throws ConfigError naming it.
  StagedFolder(const std::filesystem::path& destination, const char* marker, bool overwrite);
  /// Removes the temporary folder unless committed.
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  /// Where to write meanwhile.
  const std::filesystem::path& path() const { return temporary_; }
  const std::filesystem::path& destination() const { return destination_; }
  /// Moves the folder into place, replacing the earlier one. Throws DataError on failure.
  void commit();

 private:
  std::filesystem::path destination_, temporary_;
  bool committed_ = false;
};

}  // namespace zspace::sim
