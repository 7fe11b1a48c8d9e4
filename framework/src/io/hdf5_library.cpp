#include "io/hdf5_library.hpp"

#include "io/io_util.hpp"

namespace zspace::io::hdf5 {

std::unique_lock<std::recursive_mutex> lock() {
  static std::recursive_mutex mutex;
  std::unique_lock guard(mutex);
  static const bool silenced = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)silenced;
  return guard;
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

bool Handle::reset() {
  if (id_ < 0 || close_ == nullptr) {
    id_ = H5I_INVALID_HID;
    return true;
  }
  const auto guard = lock();
  const herr_t status = close_(id_);
  id_ = H5I_INVALID_HID;
  return status >= 0;
}

namespace {

// Walking upwards starts at the innermost frame: the low-level cause ("No such file or
// directory", "not an HDF5 file") rather than the API function that passed it on.
extern "C" herr_t first_description(unsigned n, const H5E_error2_t* error, void* data) {
  auto* text = static_cast<std::string*>(data);
  if (n == 0 && error != nullptr && error->desc != nullptr) *text = error->desc;
  return 0;
}

}  // namespace

std::string take_error() {
  const auto guard = lock();
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_description, &text);
  H5Eclear2(H5E_DEFAULT);
  return one_line(std::move(text));
}

std::string message(const std::string& what, const std::string& reason) {
  const std::string detail = take_error();
  return one_line(detail.empty() ? what + ": " + reason : what + ": " + reason + ": " + detail);
}

}  // namespace zspace::io::hdf5
