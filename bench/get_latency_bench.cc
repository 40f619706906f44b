// `sinmun get`, `history` and `diff` as whole processes: what a user waits for.
//
// On an existing archive (e.g. the one ladder_memory_bench --dir leaves behind: 100,000
// articles, the first 1,000 with two versions), runs each of
//   sinmun get ID --json --archive DIR
//   sinmun history ID --json --archive DIR
//   sinmun diff ID --json --archive DIR     (only articles with two or more versions)
// --warmup times and then --runs times with ids drawn at random (fixed seed), output to
// /dev/null, and reports the median and p95 (nearest rank) of the wall time from spawn to
// exit, with the median CPU time and max RSS of the process.
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

#include "bench/child_process.h"
#include "storage/archive.h"

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

Ids ReadIds(const std::string& dir) {
  Ids ids;
  auto archive = Archive::Open(dir, Archive::Mode::kReadOnly);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s: %s\n", dir.c_str(), archive.status().ToString().c_str());
    std::exit(1);
  }
  auto heads = (*archive)->List(ListQuery{});
  if (!heads.ok() || heads->empty()) {
    std::fprintf(stderr, "%s: no articles\n", dir.c_str());
    std::exit(1);
  }
  for (const ArticleHead& h : *heads) {
    ids.all.push_back(h.id);
    if (h.versions >= 2) ids.edited.push_back(h.id);
  }
  return ids;
}

void Measure(const std::string& command, const std::vector<std::string>& pool, const Flags& flags,
             std::mt19937_64& rng) {
  if (pool.empty()) {
    std::printf("%-8s skipped: no article qualifies\n", command.c_str());
    return;
  }
  std::vector<double> wall_ms, cpu_ms, rss;
  int failures = 0;
  for (int i = 0; i < flags.warmup + flags.runs; ++i) {
    const std::string& id = pool[rng() % pool.size()];
    ChildUsage u = bench::RunChild({SINMUN_SINMUN_PATH, command, id, "--json", "--archive", flags.archive});
    if (u.exit_code != 0) ++failures;
    if (i < flags.warmup) continue;
    wall_ms.push_back(1000 * u.wall.count());
    cpu_ms.push_back(1000 * u.cpu_seconds());
    rss.push_back(double(u.max_rss_kib) / 1024);
  }
  std::printf("%-8s wall median %6.1f ms  p95 %6.1f ms  min %6.1f ms  max %6.1f ms  | cpu median %6.1f ms"
              "  max_rss %5.1f MiB  failures %d\n",
              command.c_str(), Median(wall_ms), Percentile(wall_ms, 95),
              *std::min_element(wall_ms.begin(), wall_ms.end()),
              *std::max_element(wall_ms.begin(), wall_ms.end()), Median(cpu_ms), Median(rss), failures);
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  const Ids ids = ReadIds(flags.archive);
  std::printf("%s: %zu articles, %zu with two or more versions; %d warm-up + %d timed runs each%s\n",
              flags.archive.c_str(), ids.all.size(), ids.edited.size(), flags.warmup, flags.runs,
              flags.with_daemon ? ", sinmund holding the archive" : "");

  std::unique_ptr<ChildProcess> daemon;
  std::string work;
  if (flags.with_daemon) {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-get-bench-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    work = templ;
    std::ofstream(work + "/sinmun.conf") << "[archive]\npath = " << flags.archive << "\n\n[metrics]\nlisten =\n";
    daemon = std::make_unique<ChildProcess>(
        std::vector<std::string>{SINMUN_SINMUND_PATH, "--config", work + "/sinmun.conf"}, work + "/sinmund.log");
    std::this_thread::sleep_for(std::chrono::seconds(flags.daemon_wait));
  }

  std::mt19937_64 rng(42);
  Measure("get", ids.all, flags, rng);
  Measure("history", ids.all, flags, rng);
  Measure("diff", ids.edited, flags, rng);

  if (daemon) {
    daemon->Signal(SIGTERM);
    ChildUsage u = daemon->Wait();
    std::printf("sinmund exit=%d\n", u.exit_code);
    std::filesystem::remove_all(work);
  }
  return 0;
}

}  // namespace
}  // namespace sinmun

int main(int argc, char** argv) { return sinmun::Main(argc, argv); }
