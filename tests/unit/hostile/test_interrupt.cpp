// SIGINT/SIGTERM during the band computation or the solver: the run stops within about a second
// with exit code 130, removes its temporary files and leaves an earlier result untouched.
//
// The runs start in the background (fork/exec) and are signalled once their progress output
// shows the stage under test has begun, so a slow start (a loaded machine, sanitizers) only
// delays the signal; the time from the signal to the exit is what is measured.

#include "hostile_support.hpp"

using namespace zspace::hostile;
using namespace std::chrono_literals;

namespace {

// Generous for the start, strict for the stop.
constexpr auto kStartTimeout = 180s;
constexpr double kStopLimitSeconds = 1.5;

// An earlier good result in `out`; returns its z.csv.
std::string earlier_result(const fs::path& out) {
  const auto r = run_zspace("run " + kDefault + " --quiet --threads 2 --set solver.params.outer_iterations=3 --output " +
                            quote(out));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return read_text(out / "z.csv");
}

struct Stopped {
  int exit_code = -1;
  double seconds = 0;  // from the signal to the exit
  std::string err;
};

// Starts zspace with `args`, waits for `marker` on its stderr, lets it run `delay` more, sends
// `sig` and waits for the exit.
Stopped interrupt(const std::vector<std::string>& args, const std::string& marker, int sig,
                  std::chrono::duration<double> delay) {
  TempDir capture;
  BackgroundRun run(args, capture.path());
  const bool started = run.wait_for_stderr(marker, kStartTimeout);
  INFO("stderr: " << run.err());
  REQUIRE_MESSAGE(started, "the run never reached '" << marker << "'");
  std::this_thread::sleep_for(delay);
  REQUIRE_MESSAGE(run.running(), "the run finished before the signal; make it longer");
  const auto t0 = std::chrono::steady_clock::now();
  run.send(sig);
  Stopped s;
  s.exit_code = run.wait_exit(30s);
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  s.err = run.err();
  return s;
}

void check_stopped(const Stopped& s, const std::string& stage, const fs::path& out, const std::string& before) {
  INFO("stderr: " << s.err);
  MESSAGE("stopped " << s.seconds << " s after the signal");
  CHECK(s.exit_code == 130);
  CHECK(s.seconds < kStopLimitSeconds);
  std::string expected = "zspace: interrupted during the ";
  expected += stage;
  expected += "; previous results left untouched";
  CHECK(s.err.find(expected) != std::string::npos);
  CHECK(read_text(out / "z.csv") == before);
  CHECK_FALSE(has_temporaries(out));
}

}  // namespace

TEST_CASE("SIGINT during the solver stops the run promptly, exit 130, earlier result intact") {
  TempDir out;
  const std::string before = earlier_result(out.path());
  const Stopped s = interrupt({"run", kDefault, "--threads", "2", "--set", "solver.params.outer_iterations=1000000",
                               "--output", out.path().string()},
                              "solver: started", SIGINT, 500ms);
  check_stopped(s, "solver", out.path(), before);
}

TEST_CASE("SIGTERM during the band computation stops the run promptly, exit 130, earlier result intact") {
  TempDir out, stack;
  const std::string before = earlier_result(out.path());
  // 400 noise sections compared with all others (R = 399) by the FFT metric (the integer NCC
  // path does this band in a fraction of a second): tens of seconds of band work.
  constexpr int kSide = 160;
  constexpr std::size_t kSections = 400;
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<double> pixels(static_cast<std::size_t>(kSide) * kSide);
  for (std::size_t k = 0; k < kSections; ++k) {
    for (auto& p : pixels) p = byte(rng);
    char name[32];
    std::snprintf(name, sizeof name, "n%03zu.tif", k);
    write_u8_tiff(stack / name, kSide, kSide, pixels);
  }
  const Stopped s = interrupt({"run", kDefault, "--threads", "2", "--set", "similarity.neighborhood_range=399",
                               "--set", "similarity.metric=fft-correlation", "--input", stack.path().string(), "--output", out.path().string()},
                              "band: started", SIGTERM, 500ms);
  check_stopped(s, "band computation", out.path(), before);
}

TEST_CASE("a second signal while stopping does not change the outcome") {
  TempDir out;
  const std::string before = earlier_result(out.path());
  TempDir capture;
  BackgroundRun run({"run", kDefault, "--threads", "2", "--set", "solver.params.outer_iterations=1000000", "--output",
                     out.path().string()},
                    capture.path());
  REQUIRE(run.wait_for_stderr("solver: started", kStartTimeout));
  run.send(SIGINT);
  run.send(SIGTERM);
  const int code = run.wait_exit(30s);
  INFO("stderr: " << run.err());
  CHECK(code == 130);
  CHECK(read_text(out / "z.csv") == before);
  CHECK_FALSE(has_temporaries(out.path()));
}
