#pragma once
/// @file progress.hpp
/// Progress of long stages: a bar with rate and ETA on a terminal, periodic single log lines
/// otherwise, nothing when quiet.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace zspace {

/// Reports the progress of one stage at a time to stderr; advance() is thread-safe.
class Progress {
 public:
  /// quiet: print nothing. The output stream is stderr; terminal mode is chosen by isatty.
  explicit Progress(bool quiet = false);
  /// Ends an unfinished stage.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Starts a stage of `total` units ("band", "solver", ...).
  void begin(const std::string& stage, std::size_t total, const std::string& unit);
  /// Adds done units; safe to call from several threads.
  void advance(std::size_t done = 1);
  /// Ends the stage (prints the final line).
  void end();
  /// A plain informational line (cleared bar first on a terminal).
  void message(const std::string& line);

 private:
  void print(bool final);
  bool quiet_;
  bool tty_;
  std::string stage_;
  std::string unit_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
  std::mutex mutex_;
  bool active_ = false;
};

/// Set by SIGINT/SIGTERM (see install_interrupt_handlers); long loops poll it.
bool interrupt_requested();
/// Sets the interrupt flag (what the signal handlers do; tests call it directly).
void request_interrupt();
/// Installs SIGINT/SIGTERM handlers that only set the flag.
void install_interrupt_handlers();

}  // namespace zspace
