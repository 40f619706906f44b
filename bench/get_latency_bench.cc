// `sinmun get`, `history` and `diff` as whole processes: what a user waits for.
//
// On an existing archive (e.g. the one ladder_memory_bench --dir leaves behind: 100,000
// articles, the first 1,000 with two versions), runs each of
//   sinmun get ID --json --archive DIR
//   sinmun history ID --json --archive DIR
//   sinmun diff ID --json --archive DIR     (only articles with two or more versions)
// and, as the floor for a process of this binary on this machine, `sinmun --version`.
// --warmup times and then --runs times with ids drawn at random (fixed seed), output to
// /dev/null, and reports the median and p95 (nearest rank) of the wall time from spawn to
// exit, with the median CPU time of the process. (Not its max RSS: a child's ru_maxrss
// starts from this process's high-water mark, which holds the parsed id lists.)
//
// With --with-daemon, a sinmund (no sources, no metrics endpoint) holds the archive
// read-write while the commands run, as in production: each command then opens a
// secondary instance beside a live primary. It is started --daemon-wait seconds before.
//
// Flags: --archive DIR (required), --runs N (50), --warmup W (5), --with-daemon,
//        --daemon-wait SECONDS (5).
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/child_process.h"

namespace sinmun {
namespace {

using bench::ChildProcess;
using bench::ChildUsage;
using bench::Median;
using bench::Percentile;

struct Flags {
  std::string archive;
  int runs = 50;
  int warmup = 5;
  bool with_daemon = false;
  int daemon_wait = 5;
};

[[noreturn]] void Usage(const char* message) {
  std::fprintf(stderr,
               "get_latency_bench: %s\nusage: get_latency_bench --archive DIR [--runs N] "
               "[--warmup W] [--with-daemon] [--daemon-wait SECONDS]\n",
               message);
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(("missing value for " + arg).c_str());
      return argv[++i];
    };
    if (arg == "--archive") {
      f.archive = value();
    } else if (arg == "--runs") {
      f.runs = std::stoi(value());
    } else if (arg == "--warmup") {
      f.warmup = std::stoi(value());
    } else if (arg == "--with-daemon") {
      f.with_daemon = true;
    } else if (arg == "--daemon-wait") {
      f.daemon_wait = std::stoi(value());
    } else {
      Usage(("unknown argument " + arg).c_str());
    }
  }
  if (f.archive.empty()) Usage("--archive is required");
  if (f.runs < 1 || f.warmup < 0) Usage("bad counts");
  return f;
}

struct Ids {
  std::vector<std::string> all, edited;  // edited: two or more versions
};

// The ids from `sinmun list --json` (and --edited), run as children so that this process
// stays small: a child's ru_maxrss starts from its parent's high-water mark at exec.
std::vector<std::string> ListIds(const std::string& dir, const std::string& work, bool edited) {
  const std::string out = work + (edited ? "/edited.json" : "/all.json");
  std::vector<std::string> argv = {SINMUN_SINMUN_PATH, "list", "--json", "--archive", dir};
  if (edited) argv.push_back("--edited");
  ChildUsage u = bench::RunChild(argv, out);
  std::ifstream in(out);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (u.exit_code != 0 || !j.is_array()) {
    std::fprintf(stderr, "sinmun list failed on %s (exit %d)\n", dir.c_str(), u.exit_code);
    std::exit(1);
  }
  std::vector<std::string> ids;
  for (const auto& a : j) ids.push_back(a.value("id", ""));
  return ids;
}

void Measure(const std::string& command, const std::vector<std::string>& pool, const Flags& flags,
             std::mt19937_64& rng) {
  if (pool.empty()) {
    std::printf("%-8s skipped: no article qualifies\n", command.c_str());
    return;
  }
  std::vector<double> wall_ms, cpu_ms;
  int failures = 0;
  for (int i = 0; i < flags.warmup + flags.runs; ++i) {
    const std::string& id = pool[rng() % pool.size()];
    std::vector<std::string> argv = {SINMUN_SINMUN_PATH, command};
    if (command != "--version") argv.insert(argv.end(), {id, "--json", "--archive", flags.archive});
    ChildUsage u = bench::RunChild(argv);
    if (u.exit_code != 0) ++failures;
    if (i < flags.warmup) continue;
    wall_ms.push_back(1000 * u.wall.count());
    cpu_ms.push_back(1000 * u.cpu_seconds());
  }
  std::printf("%-8s wall median %6.1f ms  p95 %6.1f ms  min %6.1f ms  max %6.1f ms  | cpu median %6.1f ms"
              "  failures %d\n",
              command.c_str(), Median(wall_ms), Percentile(wall_ms, 95),
              *std::min_element(wall_ms.begin(), wall_ms.end()),
              *std::max_element(wall_ms.begin(), wall_ms.end()), Median(cpu_ms), failures);
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  std::string templ = (std::filesystem::temp_directory_path() / "sinmun-get-bench-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::string work = templ;
  Ids ids;
  ids.all = ListIds(flags.archive, work, false);
  ids.edited = ListIds(flags.archive, work, true);
  std::printf("%s: %zu articles, %zu with two or more versions; %d warm-up + %d timed runs each%s\n",
              flags.archive.c_str(), ids.all.size(), ids.edited.size(), flags.warmup, flags.runs,
              flags.with_daemon ? ", sinmund holding the archive" : "");

  std::unique_ptr<ChildProcess> daemon;
  if (flags.with_daemon) {
    std::ofstream(work + "/sinmun.conf") << "[archive]\npath = " << flags.archive << "\n\n[metrics]\nlisten =\n";
    daemon = std::make_unique<ChildProcess>(
        std::vector<std::string>{SINMUN_SINMUND_PATH, "--config", work + "/sinmun.conf"}, work + "/sinmund.log");
    std::this_thread::sleep_for(std::chrono::seconds(flags.daemon_wait));
  }

  std::mt19937_64 rng(42);
  // The floor: the same binary doing no archive work (start, dynamic linking, exit).
  Measure("--version", {"-"}, flags, rng);
  Measure("get", ids.all, flags, rng);
  Measure("history", ids.all, flags, rng);
  Measure("diff", ids.edited, flags, rng);

  if (daemon) {
    daemon->Signal(SIGTERM);
    ChildUsage u = daemon->Wait();
    std::printf("sinmund exit=%d\n", u.exit_code);
  }
  std::filesystem::remove_all(work);
  return 0;
}

}  // namespace
}  // namespace sinmun

int main(int argc, char** argv) { return sinmun::Main(argc, argv); }
