#pragma once
/// @file errors.hpp
/// Error kinds the command line maps to exit codes. Every message is one line that names the
/// culprit (file, section, or file:line:column and key path).

#include <stdexcept>
#include <string>

namespace zspace {

/// Bad data: unreadable or inconsistent images, a saved band that does not parse. Exit code 1.
struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Bad usage or configuration: pipeline schema errors, unknown plugins, bad options. Exit code 2.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The run was interrupted (SIGINT/SIGTERM). Exit code 130.
struct Interrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace zspace
