#include "zspace/engine/progress.hpp"

#include <csignal>
#include <cstdio>
#include <fmt/core.h>
#include <unistd.h>

namespace zspace {

namespace {
using Clock = std::chrono::steady_clock;
// Terminal redraws are cheap but not free; log lines must stay rare enough to read.
constexpr double kTtyInterval = 0.1;
constexpr double kLogInterval = 5.0;

std::string format_duration(double s) {
  if (!(s >= 0) || s > 1e7) return "?";
  const long t = static_cast<long>(s + 0.5);
  if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60);
  return fmt::format("{}:{:02}", t / 60, t % 60);
}

volatile std::sig_atomic_t g_interrupt = 0;
extern "C" void on_signal(int) { g_interrupt = 1; }
}  // namespace

Progress::Progress(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (active_) end();
}

void Progress::begin(const std::string& stage, std::size_t total, const std::string& unit) {
  std::lock_guard<std::mutex> lock(mutex_);
  stage_ = stage;
  unit_ = unit;
  total_ = total;
  done_ = 0;
  start_ = last_print_ = Clock::now();
  active_ = true;
  if (!quiet_ && !tty_) fmt::print(stderr, "{}: started ({} {})\n", stage_, total_, unit_);
}

void Progress::advance(std::size_t done) {
  done_.fetch_add(done, std::memory_order_relaxed);
  if (quiet_) return;
  const auto now = Clock::now();
  const double since = std::chrono::duration<double>(now - last_print_).count();
  if (since < (tty_ ? kTtyInterval : kLogInterval)) return;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  last_print_ = now;
  print(false);
}

void Progress::end() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!active_) return;
  active_ = false;
  if (!quiet_) print(true);
}

void Progress::message(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (quiet_) return;
  if (tty_) fmt::print(stderr, "\r\033[K");
  fmt::print(stderr, "{}\n", line);
}

void Progress::print(bool final) {
  const std::size_t done = done_.load(std::memory_order_relaxed);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - std::min(done, total_)) / rate : -1;
  if (tty_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    fmt::print(stderr, "\r\033[K{:<8} [{}{}] {:3.0f}% {}/{} {} {:.1f}/s {} {}", stage_,
               std::string(filled, '#'), std::string(kWidth - filled, '.'), 100 * frac, done,
               total_, unit_, rate, final ? "in" : "ETA", format_duration(final ? elapsed : eta));
    if (final) fmt::print(stderr, "\n");
  } else {
    fmt::print(stderr, "{}: {}/{} {} ({:.0f}%), {:.1f}/s, {} {}\n", stage_, done, total_, unit_,
               100 * frac, rate, final ? "took" : "ETA", format_duration(final ? elapsed : eta));
  }
  std::fflush(stderr);
}

bool interrupt_requested() { return g_interrupt != 0; }
void request_interrupt() { g_interrupt = 1; }

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace zspace
