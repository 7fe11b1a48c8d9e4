#pragma once
// What every HDF5 call in zspace shares: one process-wide lock, handles closed on scope exit,
// and the library's error stack turned into one-line messages instead of stderr dumps.
// Only the hdf5_*.cpp files include this (and hdf5.h); everything else sees HDF5-free headers.

#include <hdf5.h>

#include <mutex>
#include <string>

namespace zspace::io::hdf5 {

/// Debian's libhdf5 is the serial build, which is not thread-safe even across files: every
/// HDF5 call, handle closing included, runs under this lock. Recursive, so a handle may be
/// closed while the lock is held. The first call also silences HDF5's automatic error printing.
std::unique_lock<std::recursive_mutex> lock();

/// An HDF5 identifier that closes itself (under the lock) on scope exit.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  /// Takes ownership of `id` (negative ids are kept as "invalid" and never closed).
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  /// Closes now; returns false if HDF5 reported a failure (a write that could not be flushed).
  bool reset();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

/// The most specific message on HDF5's error stack (one line, "" if none); clears the stack.
std::string take_error();

/// "<what>: <reason>[: <HDF5's message>]" as one line; clears HDF5's error stack.
std::string message(const std::string& what, const std::string& reason);

}  // namespace zspace::io::hdf5
